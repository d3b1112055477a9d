/**
 * A zip sink for the exporter (lib/export/zip.ts) that deflates in a worker (lib/export/zip-worker.ts)
 * while the page makes the Markdown. Where no worker starts, the zip is made here, as before.
 */
import { Utf8Batcher, type ZipSink, zipHere } from '../export/zip';
import { FromZipWorker, type ToZipWorker } from '../export/zip-worker';

const BATCH_BYTES = 1 << 20;

/** A sink deflating off this thread, or in it when a worker cannot start. */
export function zipOffThread(mtime: Date): ZipSink {
  let worker: Worker;
  try {
    worker = new Worker(new URL('../export/zip-worker.ts', import.meta.url), { type: 'module' });
  } catch {
    return zipHere(mtime);
  }
  let settle: ((zip: Uint8Array) => void) | undefined;
  let fail: ((e: Error) => void) | undefined;
  let outcome: { zip: Uint8Array } | { error: Error } | undefined;
  const finish = (o: { zip: Uint8Array } | { error: Error }) => {
    outcome ??= o;
    worker.terminate();
    if ('zip' in o) settle?.(o.zip);
    else fail?.(o.error);
  };
  worker.onmessage = (e) => {
    const m = FromZipWorker.safeParse(e.data);
    if (!m.success) finish({ error: new Error('The zip worker gave a malformed answer') });
    else if (m.data.kind === 'done') finish({ zip: m.data.zip });
    else finish({ error: new Error(m.data.message) });
  };
  worker.onerror = (e) => {
    e.preventDefault();
    finish({ error: new Error(`The zip worker failed: ${e.message}`) });
  };
  const post = (m: ToZipWorker, transfer: Transferable[] = []) => worker.postMessage(m, transfer);
  post({ kind: 'start', mtime: mtime.getTime() });
  // Files go over a megabyte at a time, their UTF-8 handed over, not copied.
  const utf8 = new Utf8Batcher();
  const send = () => {
    const batch = utf8.take(true);
    post({ kind: 'files', ...batch }, [batch.data.buffer as ArrayBuffer]);
  };
  return {
    add: (name, text) => {
      utf8.add(name, text);
      if (utf8.size >= BATCH_BYTES) send();
    },
    finish: () => {
      if (utf8.size > 0) send();
      post({ kind: 'end' });
      return new Promise<Uint8Array>((resolve, reject) => {
        if (outcome) return 'zip' in outcome ? resolve(outcome.zip) : reject(outcome.error);
        settle = resolve;
        fail = reject;
      });
    },
    abandon: () => worker.terminate(),
  };
}
