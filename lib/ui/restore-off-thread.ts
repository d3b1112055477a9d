/**
 * Restores a backup file in a worker (lib/store/restore-worker.ts), so the library's page stays free
 * while a big backup is read, validated and written. Where no worker starts, or its script cannot
 * run, the restore runs here, as before: a restore applies in one transaction and matches records by
 * id, so a file is never half applied nor applied twice over.
 */
import type { ImportReport } from '../backup';
import type { RestoreProgress } from '../store/backup-store';
import { FromRestoreWorker } from '../store/restore-worker';

export type { RestoreProgress };

export type RestoreResult = { ok: true; report: ImportReport } | { ok: false; error: string };

/** The repository's restore, in this thread (the way it went before there was a worker). */
export type RestoreHere = (file: Blob, progress: (p: RestoreProgress) => void) => Promise<RestoreResult>;

/** An error as the worker reported it, named as it was thrown (what lib/write-errors.ts reads). */
function rethrown(name: string, message: string): Error {
  const error = new Error(message);
  error.name = name;
  return error;
}

/** Restores `file` off this thread, or here when a worker cannot run; says how far it has come. */
export function restoreOffThread(
  file: Blob,
  here: RestoreHere,
  progress: (p: RestoreProgress) => void,
  start: () => Worker = () =>
    new Worker(new URL('../store/restore-worker.ts', import.meta.url), { type: 'module', name: 'restore' }),
): Promise<RestoreResult> {
  let worker: Worker;
  try {
    worker = start();
  } catch {
    return here(file, progress);
  }
  return new Promise<RestoreResult>((resolve, reject) => {
    // Set once the worker has answered at all: its script ran, so it may have begun writing.
    let ran = false;
    worker.onmessage = (e) => {
      ran = true;
      const m = FromRestoreWorker.safeParse(e.data);
      const answer = m.success ? m.data : null;
      if (answer?.kind === 'progress') {
        progress(answer.progress);
        return;
      }
      worker.terminate();
      if (!answer) reject(new Error('The restore worker gave a malformed answer'));
      else if (answer.kind === 'result') resolve(answer.result);
      else reject(rethrown(answer.name, answer.message));
    };
    // Before any answer, the worker's script did not run (it posts every error of its own): restore
    // here instead. After one, it stopped mid-way: its transaction is undone, and that is said.
    worker.onerror = (e) => {
      e.preventDefault();
      worker.terminate();
      if (ran) reject(new Error(`The restore stopped: ${e.message}`));
      else here(file, progress).then(resolve, reject);
    };
    worker.postMessage({ kind: 'restore', file });
  });
}
