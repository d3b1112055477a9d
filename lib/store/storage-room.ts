/**
 * Room left for the extension's data, checked before every write. Chromium treats a write that hits
 * a full disk as corruption of the whole database and deletes it at the next start (seen in
 * tests/e2e/full-disk.e2e.ts: every highlight gone after a restart). So a write is refused, in
 * words, before the disk is that full: nothing is half-written and the database stays whole.
 */

/** Refuse writes with less room than this left (or a tenth of the quota, if less). */
export const MIN_ROOM_BYTES = 16 * 1024 * 1024;

/** The error a refused write throws: named as the browser's own quota error, so it reads the same. */
export class NoRoomError extends Error {
  override name = 'QuotaExceededError';
}

/** True when the estimate leaves too little room to write safely. */
export function tooFull(estimate: { quota?: number; usage?: number } | null | undefined): boolean {
  if (!estimate || estimate.quota === undefined || estimate.usage === undefined) return false;
  const left = estimate.quota - estimate.usage;
  return left < Math.min(MIN_ROOM_BYTES, estimate.quota * 0.1);
}

/**
 * Throws NoRoomError when the disk (Chromium) or the browser's limit for the extension (Firefox) is
 * nearly reached. Asked before every write (a few milliseconds): a cached answer let one write
 * through to a disk that had filled up since, which is exactly what must not happen.
 */
export async function ensureRoom(): Promise<void> {
  const estimate = await globalThis.navigator?.storage?.estimate?.().catch(() => null);
  if (tooFull(estimate)) throw new NoRoomError('No room left on the disk for Marginalia’s data.');
}
