/**
 * Runs inside a real page (bundled by the benchmark and added with a script tag): the page's markup
 * made as the page side makes it for extraction, in slices that give the thread back (a message on
 * a channel of its own between them, as the page side pauses), each slice timed and the result
 * checked against the same markup in one piece (`outerHTML`), as it was made before, also timed.
 */
import { serializeSliced } from '@/lib/page/serialize';

export interface SnapshotResult {
  /** `documentElement.outerHTML` at once, as before: one task. */
  onePieceMs: number;
  /** The longest slice of the sliced serialisation (the join of the pieces included in the last). */
  longestSliceMs: number;
  slices: number;
  /** First slice's start to the markup returned, pauses included. */
  wallMs: number;
  chars: number;
  /** The pieces joined are exactly `outerHTML`. */
  same: boolean;
}

async function run(): Promise<SnapshotResult> {
  const channel = new MessageChannel();
  const waiting: (() => void)[] = [];
  channel.port1.onmessage = () => waiting.shift()?.();
  const slices: number[] = [];
  let sliceStart = performance.now();
  const pause = () => {
    slices.push(performance.now() - sliceStart);
    return new Promise<void>((resolve) => {
      waiting.push(() => {
        sliceStart = performance.now();
        resolve();
      });
      channel.port2.postMessage(null);
    });
  };
  const t0 = performance.now();
  sliceStart = t0;
  const html = await serializeSliced(document, () => false, pause);
  const t1 = performance.now();
  slices.push(t1 - sliceStart);
  // The one piece, in a task of its own (the pause's own entry is not a slice).
  await pause();
  slices.pop();
  const o0 = performance.now();
  const one = document.documentElement.outerHTML;
  const onePieceMs = performance.now() - o0;
  return {
    onePieceMs,
    longestSliceMs: Math.max(...slices),
    slices: slices.length,
    wallMs: t1 - t0,
    chars: html.length,
    same: html === one,
  };
}

(globalThis as unknown as { __marginaliaSnapshot: typeof run }).__marginaliaSnapshot = run;
