/**
 * Sending from the page side: the messages it sends to the background, each reply validated against
 * its schema in lib/page-protocol.ts, the page side's half of the protocol (the whole of it, in
 * lib/protocol.ts, is never built on a page). Page side.
 */
import { browser } from 'wxt/browser';
import { unwrap } from '../messaging-core';
import { PageReplies } from '../page-protocol';
import type { BackgroundMessage, Reply } from '../protocol';

/** What the page side sends the background. */
type PageSent = Extract<BackgroundMessage, { type: keyof typeof PageReplies }>;

/** Sends a message to the background and returns its validated reply. */
export async function sendToBackground<M extends PageSent>(message: M): Promise<Reply<M['type']>> {
  const reply = await browser.runtime.sendMessage(message);
  return unwrap(message.type, PageReplies[message.type], reply) as Reply<M['type']>;
}
