/**
 * The export's deflating, in a worker of the extension page that exports (lib/ui/zip-off-thread.ts):
 * Markdown is made on the page's thread while this thread deflates the files already made (sent as
 * UTF-8 in batches, lib/export/zip.ts `Utf8Batcher`), two cores at once instead of one after the
 * other. Messages are the page's own (a worker of the extension's origin, which nothing else can
 * reach), checked on receipt all the same.
 */
import { z } from '../zod';
import { ZipBuilder } from './zip';

const Bytes = z.custom<Uint8Array>((v) => v instanceof Uint8Array);
export const ToZipWorker = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('start'), mtime: z.number() }),
  z
    .object({
      kind: z.literal('files'),
      names: z.array(z.string().check(z.minLength(1))),
      ends: z.array(z.number()),
      data: Bytes,
    })
    .check(
      z.refine(
        ({ names, ends, data }) =>
          names.length === ends.length &&
          ends.every((end, i) => Number.isInteger(end) && end >= (ends[i - 1] ?? 0) && end <= data.length),
        'The files do not fit their bytes',
      ),
    ),
  z.object({ kind: z.literal('end') }),
]);
export type ToZipWorker = z.infer<typeof ToZipWorker>;
export const FromZipWorker = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('done'), zip: Bytes }),
  z.object({ kind: z.literal('error'), message: z.string() }),
]);
export type FromZipWorker = z.infer<typeof FromZipWorker>;

/** What the worker does with each message; posts its answer through `post`. */
export function zipWorker(post: (m: FromZipWorker, transfer?: Transferable[]) => void): (data: unknown) => void {
  let builder: ZipBuilder | null = null;
  let failed = false;
  return (data) => {
    if (failed) return;
    try {
      const m = ToZipWorker.parse(data);
      if (m.kind === 'start') builder = new ZipBuilder(new Date(m.mtime));
      else if (!builder) throw new Error('The zip was not started');
      else if (m.kind === 'files') builder.addBatch(m);
      else {
        const zip = builder.finish();
        builder = null;
        post({ kind: 'done', zip }, [zip.buffer as ArrayBuffer]);
      }
    } catch (e) {
      failed = true;
      post({ kind: 'error', message: e instanceof Error ? e.message : String(e) });
    }
  };
}

// As a worker (not when a test imports this module to call zipWorker).
const scope = globalThis as unknown as {
  WorkerGlobalScope?: unknown;
  onmessage: ((e: MessageEvent) => void) | null;
  postMessage(m: unknown, transfer?: Transferable[]): void;
};
if (typeof scope.WorkerGlobalScope !== 'undefined') {
  const handle = zipWorker((m, transfer) => scope.postMessage(m, transfer ?? []));
  scope.onmessage = (e) => handle(e.data);
}
