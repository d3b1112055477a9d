/**
 * Gives the page's thread back until a task of its own. Page side.
 *
 * Not `setTimeout(0)`: browsers hold timers of tabs in the background to one wake-up a second or
 * less, so a page side started in a tab opened behind the current one (a link opened in a new tab)
 * would build its text index a slice a second and paint seconds after the reader switches to it.
 * A message posted on a channel of the page side's own is a task too, and is not held back. The
 * channel is the page side's (its ports are never handed to the page), so page scripts see nothing.
 */
let channel: MessageChannel | null = null;
const waiting: (() => void)[] = [];

export function nextTask(): Promise<void> {
  if (!channel) {
    channel = new MessageChannel();
    channel.port1.onmessage = () => waiting.shift()?.();
  }
  const port = channel.port2;
  return new Promise((resolve) => {
    waiting.push(resolve);
    port.postMessage(null);
  });
}
