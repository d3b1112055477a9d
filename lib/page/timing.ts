/**
 * The page side's own clock. This module imports nothing and is the entrypoint's first import, so
 * `start` is read on the page side script's first line, before its other modules (zod, the schemas)
 * are made; it also counts the page side's own time until its first paint, as it gives the thread
 * back and takes it again (lib/page/page-task.ts). Page side.
 */

/**
 * When this page side started, got the background's first answer (validated) and first painted
 * (performance.now(), the page's time origin), whether it paints under names styled as the load
 * began and was handed its answer with the injection (lib/background/early-load.ts), kept in
 * the extension's own world: page scripts cannot read it; `npm run bench` reads it through the
 * browser's debugging protocol (tests/bench/cold-page.ts).
 */
export const timing: {
  start: number;
  answered?: number;
  painted?: number;
  styledAtLoad?: boolean;
  handedOff?: boolean;
  /** How many highlights its first paint found by their anchor hints (lib/anchoring/hint.ts). */
  hinted?: number;
  /** How many of the highlights it was given came with an anchor hint. */
  withHints?: number;
  /**
   * Of the time from `start` to `painted`, what the page side's own tasks took: the rest went to
   * the page's tasks and the browser's rendering, which it lets run between its slices.
   */
  busy: number;
} = {
  start: performance.now(),
  busy: 0,
};
(globalThis as unknown as { __marginaliaTiming: typeof timing }).__marginaliaTiming = timing;

/** What the page side's clock holds (`npm run bench` reads it as JSON). */
export type PageTiming = typeof timing;

/** When the page side last took the thread (its script's start, then each of its own tasks). */
let took = timing.start;

/**
 * Waits for `promise` with the thread given back (a task of its own, the background's answer, the
 * document parsed): the page side's time until then counts as its own, the wait does not.
 */
export async function waiting<T>(promise: Promise<T>): Promise<T> {
  const now = performance.now();
  if (timing.painted === undefined) timing.busy += now - took;
  took = now;
  try {
    return await promise;
  } finally {
    took = performance.now();
  }
}

/** The page side's first paint is done. */
export function firstPainted(): void {
  if (timing.painted !== undefined) return;
  timing.painted = performance.now();
  timing.busy += timing.painted - took;
}
