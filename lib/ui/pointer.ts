/**
 * Whether a click is in progress on an extension page, to hold back a layout change (a card closing
 * when the focus leaves it) until the click has landed: closing under the pointer moves what the
 * pointer is about to release on.
 */
let pointerDown = false;
let watching = false;

function watch(): void {
  if (watching || typeof document === 'undefined') return;
  watching = true;
  const opts = { capture: true, passive: true };
  document.addEventListener('pointerdown', () => (pointerDown = true), opts);
  document.addEventListener('pointerup', () => (pointerDown = false), opts);
  document.addEventListener('pointercancel', () => (pointerDown = false), opts);
}
watch();

/** Runs `action` now, or once the pointer is released if a click is in progress. */
export function afterPointer(action: () => void): void {
  if (!pointerDown) action();
  // The click comes in the same task as the pointer's release: after it, the click has landed.
  else document.addEventListener('pointerup', () => setTimeout(action), { once: true, capture: true });
}
