/**
 * The page side's own clock. This module imports nothing and is the entrypoint's first import, so
 * `start` is read on the page side script's first line, before its other modules (zod, the schemas)
 * are made. Page side.
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
} = {
  start: performance.now(),
};
(globalThis as unknown as { __marginaliaTiming: typeof timing }).__marginaliaTiming = timing;
