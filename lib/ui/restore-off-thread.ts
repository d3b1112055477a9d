/**
 * Restores a backup file, or imports another tool's annotations, in a worker
 * (lib/store/restore-worker.ts), so the library's page stays free while a big file is read,
 * validated and written. Where no worker starts, or its script cannot run, the work is done here,
 * as before: a file applies in one transaction and its records are matched by id, so it is never
 * half applied nor applied twice over.
 */
import type { RestoreProgress, RestoreResult } from '../store/backup-store';
import { FromRestoreWorker, type ImportResult } from '../store/restore-worker';

export type { ImportResult, RestoreProgress, RestoreResult };

/** The work in this thread (the way it went before there was a worker). */
export type DoHere<R> = (file: Blob, progress: (p: RestoreProgress) => void) => Promise<R>;
/** The restore in this thread. */
export type RestoreHere = DoHere<RestoreResult>;

/** Starts the worker (tests pass stand-ins). */
export type StartWorker = () => Worker;

const startWorker: StartWorker = () =>
  new Worker(new URL('../store/restore-worker.ts', import.meta.url), { type: 'module', name: 'restore' });

/** An error as the worker reported it, named as it was thrown (what lib/write-errors.ts reads). */
function rethrown(name: string, message: string): Error {
  const error = new Error(message);
  error.name = name;
  return error;
}

/** Restores a backup file off this thread, or here when a worker cannot run; says how far it has come. */
export function restoreOffThread(
  file: Blob,
  here: DoHere<RestoreResult>,
  progress: (p: RestoreProgress) => void,
  start: StartWorker = startWorker,
): Promise<RestoreResult> {
  return offThread('restore', file, here, progress, start);
}

/** Imports another tool's annotations off this thread, or here when a worker cannot run. */
export function importOffThread(
  file: Blob,
  here: DoHere<ImportResult>,
  progress: (p: RestoreProgress) => void,
  start: StartWorker = startWorker,
): Promise<ImportResult> {
  return offThread('import', file, here, progress, start);
}

function offThread<K extends 'restore' | 'import'>(
  kind: K,
  file: Blob,
  here: DoHere<K extends 'restore' ? RestoreResult : ImportResult>,
  progress: (p: RestoreProgress) => void,
  start: StartWorker,
): Promise<K extends 'restore' ? RestoreResult : ImportResult> {
  type R = K extends 'restore' ? RestoreResult : ImportResult;
  let worker: Worker;
  try {
    worker = start();
  } catch {
    return here(file, progress);
  }
  const answerKind = kind === 'restore' ? 'result' : 'imported';
  return new Promise<R>((resolve, reject) => {
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
      if (answer?.kind === 'failed') reject(rethrown(answer.name, answer.message));
      else if (answer?.kind === answerKind) resolve(answer.result as R);
      else reject(new Error('The restore worker gave a malformed answer'));
    };
    // Before any answer, the worker's script did not run (it posts every error of its own): do the
    // work here instead. After one, it stopped mid-way: its transaction is undone, and that is said.
    worker.onerror = (e) => {
      e.preventDefault();
      worker.terminate();
      if (ran) reject(new Error(`The ${kind} stopped: ${e.message}`));
      else here(file, progress).then(resolve, reject);
    };
    worker.postMessage({ kind, file });
  });
}
