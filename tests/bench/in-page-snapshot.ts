/**
 * Runs inside a real page (bundled by the benchmark and added with a script tag): the page's markup
 * made as the page side makes it for extraction, in slices that give the thread back (the page
 * side's own pause between them), each slice timed; then each chunk's reply, in a task of its own
 * as each is asked for: the chunk joined and serialised as JSON (the
 * browser serialises a reply on the page's thread; `JSON.stringify` stands in for it, as the
 * extension messaging of Chromium and Firefox is JSON). For comparison, as it was before: the whole
 * markup in one piece (`outerHTML`) and its one reply serialised. The pieces joined are checked to
 * be exactly `outerHTML` as it is when the last slice is made, when the page did not change meanwhile.
 */

import { nextTask } from '@/lib/next-task';
import { chunkPieces, serializeSliced } from '@/lib/page/serialize';
import { CHUNK_CHARS } from '@/lib/page/snapshots';

export interface SnapshotResult {
  /** The longest slice of the sliced serialisation. */
  longestSliceMs: number;
  slices: number;
  /** The longest chunk's reply: joined and serialised. */
  longestChunkMs: number;
  chunks: number;
  /** First slice's start to the last chunk serialised, pauses included. */
  wallMs: number;
  /** As before: `documentElement.outerHTML` at once, one task; and its one reply serialised, another. */
  onePieceMs: number;
  oneReplyMs: number;
  chars: number;
  /** Nothing changed on the page while the pieces were made, so they were checked against `outerHTML`. */
  checked: boolean;
  /** The pieces joined are exactly `outerHTML` (true when not checked). */
  same: boolean;
}

async function run(): Promise<SnapshotResult> {
  // The page side's own way of giving the thread back.
  const task = nextTask;
  const slices: number[] = [];
  let sliceStart = 0;
  const pause = async () => {
    slices.push(performance.now() - sliceStart);
    await task();
    sliceStart = performance.now();
  };
  // The page's own scripts may change it meanwhile (it is measured from its parse on). As the page
  // side does (lib/page/start.ts), the markup is made again when nodes or text changed during a
  // pause; attributes changed alone leave it be (its pieces then differ from outerHTML by them), so
  // the pieces are checked against outerHTML only when nothing at all changed while they were made.
  let nodes = false;
  let any = false;
  const seen = (records: MutationRecord[]) => {
    if (records.length > 0) any = true;
    if (records.some((r) => r.type !== 'attributes')) nodes = true;
  };
  const watch = new MutationObserver(seen);
  watch.observe(document.documentElement, { subtree: true, childList: true, attributes: true, characterData: true });
  const stale = () => {
    seen(watch.takeRecords());
    const was = nodes;
    nodes = false;
    return was;
  };
  await task();
  stale();
  any = false;
  const t0 = performance.now();
  sliceStart = t0;
  const pieces = await serializeSliced(document, stale, pause);
  slices.push(performance.now() - sliceStart);
  seen(watch.takeRecords());
  watch.disconnect();
  // Read in the same task as the last slice.
  const checked = !any;
  const same = !checked || pieces.join('') === document.documentElement.outerHTML;
  const chunks = chunkPieces(pieces, CHUNK_CHARS);
  const replies: number[] = [];
  for (const chunk of chunks) {
    await task();
    const c0 = performance.now();
    void JSON.stringify({ text: chunk.join('') }).length;
    replies.push(performance.now() - c0);
  }
  const wallMs = performance.now() - t0;
  // As before, each in a task of its own.
  await task();
  const o0 = performance.now();
  const one = document.documentElement.outerHTML;
  const onePieceMs = performance.now() - o0;
  await task();
  const r0 = performance.now();
  void JSON.stringify({ html: one }).length;
  const oneReplyMs = performance.now() - r0;
  return {
    longestSliceMs: Math.max(...slices),
    slices: slices.length,
    longestChunkMs: Math.max(...replies),
    chunks: chunks.length,
    wallMs,
    onePieceMs,
    oneReplyMs,
    chars: one.length,
    checked,
    same,
  };
}

(globalThis as unknown as { __marginaliaSnapshot: typeof run }).__marginaliaSnapshot = run;
