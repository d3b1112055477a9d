/**
 * How long the page side lives: until the extension that injected it is reloaded, updated or
 * removed. Its listeners stay attached to the page after that (Chromium keeps them, with a dead
 * runtime), so every entry point checks first and, once the extension is gone, ends everything:
 * listeners, observer, toolbar, paint. Like WXT's content-script context, but without announcing
 * itself to the page (no window message, no DOM event a page script could see).
 */
import { browser } from 'wxt/browser';

/** True while this script's extension still runs. */
function extensionAlive(): boolean {
  try {
    return !!browser.runtime?.id;
  } catch {
    return false;
  }
}

export class Lifetime {
  private readonly controller = new AbortController();

  constructor(private readonly alive: () => boolean = extensionAlive) {}

  /** Ends with the extension: pass to addEventListener, or listen for its `abort`. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** True while the extension runs; the first check after it stopped ends the page side. */
  check(): boolean {
    if (this.controller.signal.aborted) return false;
    if (this.alive()) return true;
    this.controller.abort();
    return false;
  }

  /** Runs `cleanup` when the page side ends. */
  onEnd(cleanup: () => void): void {
    this.controller.signal.addEventListener('abort', cleanup, { once: true });
  }
}
