/**
 * Sending the protocol's messages from the extension side (background, sidebar, library): every
 * reply is validated against its schema in lib/protocol.ts. Receiving, and what senders share, is
 * lib/messaging-core.ts, re-exported here.
 */
import { browser } from 'wxt/browser';
import { unwrap } from './messaging-core';
import {
  type BackgroundMessage,
  type OffscreenMessage,
  type PageMessage,
  Replies,
  type Reply,
  type SidebarMessage,
} from './protocol';

export * from './messaging-core';

/** Sends a message to the background and returns its validated reply. */
export async function sendToBackground<M extends BackgroundMessage>(message: M): Promise<Reply<M['type']>> {
  return unwrap(message.type, Replies[message.type], await browser.runtime.sendMessage(message)) as Reply<M['type']>;
}

/** Sends a message to the annotator in a tab's top frame and returns its validated reply. */
export async function sendToTab<M extends PageMessage>(tabId: number, message: M): Promise<Reply<M['type']>> {
  return unwrap(
    message.type,
    Replies[message.type],
    await browser.tabs.sendMessage(tabId, message, { frameId: 0 }),
  ) as Reply<M['type']>;
}

/** Sends a message to the offscreen document (Chrome's background has no DOM to make a Blob URL). */
export async function sendToOffscreen<M extends OffscreenMessage>(message: M): Promise<Reply<M['type']>> {
  return unwrap(message.type, Replies[message.type], await browser.runtime.sendMessage(message)) as Reply<M['type']>;
}

/** Sends a message to open extension pages (the sidebar); nobody listening is not an error. */
export async function sendToExtensionPages(message: SidebarMessage): Promise<void> {
  try {
    await browser.runtime.sendMessage(message);
  } catch {
    // No sidebar open.
  }
}
