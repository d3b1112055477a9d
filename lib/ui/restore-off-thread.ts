/**
 * Restores a backup file in a worker (lib/store/restore-worker.ts), so the library's page stays free
 * while a big backup is read, validated and written. Where no worker starts, or its script cannot
 * run, the restore runs here, as before: a restore applies in one transaction and matches records by
 * id, so a file is never half applied nor applied twice over.
 */
import type { ImportReport } from '../backup';
import { FromRestoreWorker } from '../store/restore-worker';

export type RestoreResult = { ok: true; report: ImportReport } | { ok: false; error: string };

/** The repository's restore, in this thread (the way it went before there was a worker). */
export type RestoreHere = (file: Blob) => Promise<RestoreResult>;

/** An error as the worker reported it, named as it was thrown (what lib/write-errors.ts reads). */
function rethrown(name: string, message: string): Error {
  const error = new Error(message);
  error.name = name;
  return error;
}

/** Restores `file` off this thread, or here when a worker cannot run. */
export function restoreOffThread(
  file: Blob,
  here: RestoreHere,
  start: () => Worker = () =>
    new Worker(new URL('../store/restore-worker.ts', import.meta.url), { type: 'module', name: 'restore' }),
): Promise<RestoreResult> {
  let worker: Worker;
  try {
    worker = start();
  } catch {
    return here(file);
  }
  return new Promise<RestoreResult>((resolve, reject) => {
    worker.onmessage = (e) => {
      worker.terminate();
      const m = FromRestoreWorker.safeParse(e.data);
      if (!m.success) reject(new Error('The restore worker gave a malformed answer'));
      else if (m.data.kind === 'result') resolve(m.data.result);
      else reject(rethrown(m.data.name, m.data.message));
    };
    // The worker's script did not run (it posts every error of its own): restore here instead.
    worker.onerror = (e) => {
      e.preventDefault();
      worker.terminate();
      here(file).then(resolve, reject);
    };
    worker.postMessage({ kind: 'restore', file });
  });
}
