/**
 * Gives the thread back until a task of its own: the page side between slices of its work, and the
 * extension's pages between slices of an export.
 *
 * Not `setTimeout(0)`: browsers hold timers of tabs in the background to one wake-up a second or
 * less, so a page side started in a tab opened behind the current one (a link opened in a new tab)
 * would build its text index a slice a second and paint seconds after the reader switches to it,
 * and an export left running in a background tab would crawl. Timers nested more than five deep
 * also wait at least 4 ms each, even in the foreground. A message posted on a channel of our own is
 * a task too, and is not held back. On a web page the channel is the page side's (its ports are
 * never handed to the page), so page scripts see nothing.
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
