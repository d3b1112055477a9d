/**
 * Receiving the protocol's messages, and what every sender shares (lib/protocol.ts declares them):
 * every receiver validates what arrives, checks who sent it, and answers an error a person can read
 * for anything refused; every reply is validated against its schema (`unwrap`). The senders are
 * lib/messaging.ts (extension side) and lib/page/send.ts (page side, which builds only its half of
 * the protocol's schemas).
 */
import { type Browser, browser } from 'wxt/browser';
import type { AnyMessage, Reply } from './protocol';
import { describeError } from './write-errors';
import { z } from './zod';

/** What travels back: the reply, or an error a person can read. */
type Envelope<R> = { ok: true; data: R } | { ok: false; error: string };

/** The error thrown to a caller whose message was refused or failed on the other side. */
export class MessageError extends Error {}

/** The reply inside an envelope, validated against `schema`; a refusal or a malformed reply throws. */
export function unwrap(type: AnyMessage['type'], schema: z.ZodMiniType, envelope: unknown): unknown {
  const e = envelope as Envelope<unknown> | undefined;
  if (!e || typeof e !== 'object') throw new MessageError(`No answer to ${type}`);
  if (!e.ok) throw new MessageError(e.error);
  const parsed = schema.safeParse(e.data);
  if (!parsed.success) throw new MessageError(`Malformed answer to ${type}: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

/** Who sent a message, as far as a receiver needs to know. */
export type Sender = Browser.runtime.MessageSender;

/** A handler per message type of one union. */
export type Handlers<M extends AnyMessage> = {
  [K in M['type']]: (message: Extract<M, { type: K }>, sender: Sender) => Promise<Reply<K>> | Reply<K>;
};

/** Counts of what a receiver refused, for tests and diagnostics. */
export interface ReceiverStats {
  handled: number;
  dropped: number;
}

/**
 * Handles one message: checks the sender (`allow` says whether this sender may send this type),
 * validates the message, runs the handler, and wraps the outcome in an envelope. Never throws.
 */
export async function receive<M extends AnyMessage>(
  schema: z.ZodMiniType<M>,
  handlers: Handlers<M>,
  allow: (message: M, sender: Sender) => boolean,
  raw: unknown,
  sender: Sender,
  stats: ReceiverStats,
): Promise<Envelope<unknown>> {
  if (sender.id !== browser.runtime.id) {
    stats.dropped++;
    return { ok: false, error: 'Refused: message from another extension' };
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    stats.dropped++;
    return { ok: false, error: `Refused: malformed message: ${z.prettifyError(parsed.error)}` };
  }
  const message = parsed.data;
  if (!allow(message, sender)) {
    stats.dropped++;
    return { ok: false, error: `Refused: ${message.type} is not accepted from this sender` };
  }
  try {
    const handler = handlers[message.type as M['type']] as (m: M, s: Sender) => unknown;
    const data = await handler(message, sender);
    stats.handled++;
    return { ok: true, data };
  } catch (err) {
    // The error's name travels too (QuotaExceededError, UnknownError …): the sender says it in words.
    return { ok: false, error: describeError(err) };
  }
}

/** A registered receiver: its counts, and how to stop it (a component that unmounts must). */
export interface Receiver extends ReceiverStats {
  stop(): void;
}

/** Registers `handlers` on `runtime.onMessage`; the only place that listens to messages. */
export function serve<M extends AnyMessage>(
  schema: z.ZodMiniType<M>,
  handlers: Handlers<M>,
  allow: (message: M, sender: Sender) => boolean,
): Receiver {
  const listener = (raw: unknown, sender: Sender, sendResponse: (r: unknown) => void) => {
    // Each context answers only the message types it serves; others are for another receiver.
    const type = (raw as { type?: unknown } | null)?.type;
    if (typeof type !== 'string' || !Object.hasOwn(handlers, type)) return false;
    void receive(schema, handlers, allow, raw, sender, receiver).then(sendResponse);
    return true;
  };
  const receiver: Receiver = {
    handled: 0,
    dropped: 0,
    stop: () => browser.runtime.onMessage.removeListener(listener),
  };
  browser.runtime.onMessage.addListener(listener);
  return receiver;
}

/** True when the sender is one of this extension's own pages (sidebar, library), not a web page. */
export function isExtensionPage(sender: Sender): boolean {
  const origin = browser.runtime.getURL('/');
  return typeof sender.url === 'string' && sender.url.startsWith(origin);
}

/** True when the sender is the top frame of a web page tab (the page side). */
export function isPageTopFrame(sender: Sender): boolean {
  return !isExtensionPage(sender) && sender.tab?.id !== undefined && (sender.frameId ?? 0) === 0;
}
