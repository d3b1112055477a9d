/**
 * How the benchmark keeps its saved pages offline: whatever they ask of another origin is refused.
 * A frame's document is answered with an empty 204, which leaves the frame empty (as a reader's ad
 * blocker does); a refused request would have Chrome show its network error page there instead:
 * yahoo-2's ten ad frames made ten of them, parsed, scripted and laid out in a renderer of their
 * own while the page side ran, on the machine's two cores (traced in PERFORMANCE.md, 2026-12-05).
 * Node side of the benchmark.
 */
import type { Route } from 'playwright-core';

/** Every URL not served by the benchmark itself (nor the extension's own). */
export const REMOTE = /^(?!http:\/\/127\.0\.0\.1|chrome-extension:)/;

/** Refuses a request for another origin: a frame's document gets an empty answer, the rest none. */
export function refuse(route: Route): Promise<void> {
  return route.request().isNavigationRequest() ? route.fulfill({ status: 204 }) : route.abort();
}
