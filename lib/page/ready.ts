/**
 * The page side's `page.ready` exchange: it tells the background a page load is here and gets what
 * to paint, and has the names it paints under styled. A page load the background prepared for as it
 * began (lib/background/early-load.ts) has all that handed to it with the injection: no exchange.
 * Page side.
 */
import type { Painter } from '../highlighting/painter';
import { nextTask } from '../next-task';
import { HANDOFF_KEY, Handoff } from '../page-protocol';
import { styledOn } from '../paint-style';
import { pageFacts } from './page-facts';
import { sendToBackground } from './send';
import { timing } from './timing';

/** Times the page asks the background what to paint before giving up (150 ms, then doubling). */
const READY_ATTEMPTS = 6;

export class ReadyExchange {
  /**
   * Whether the names painted under are styled. The page side draws names for this page load and
   * sends them with the first `page.ready` to be styled, unless the background styled names of its
   * own as the load began (lib/background/early-load.ts): those are taken once seen styled here.
   */
  private styled = false;

  constructor(
    private readonly doc: Document,
    private readonly painter: Painter,
  ) {}

  /**
   * Asks the background what to paint. A background that is just starting (browser start, a worker
   * woken by this very load) may not answer the first time: ask again a few times, backing off,
   * rather than leave the page unpainted.
   */
  async ask() {
    // Validating what was handed takes a task of its own (10–20 ms on a cold page): added to the one
    // that compiles and starts the page side, it made that a long task.
    await nextTask();
    const handed = takeHandoff(this.doc);
    if (handed) timing.handedOff = true;
    let reply = handed ?? (await this.send());
    timing.answered ??= performance.now();
    if (reply.styled && styledOn(this.doc, reply.styled)) {
      this.painter.rename(reply.styled);
      this.styled = true;
      timing.styledAtLoad = true;
    } else if (reply.styled || !this.styled) {
      // Styled as the load began, but in the document this one replaced: have ours styled.
      this.styled = false;
      reply = await this.send();
    }
    return reply;
  }

  private async send() {
    const message = {
      type: 'page.ready' as const,
      ...pageFacts(this.doc),
      ...(this.styled ? {} : { names: this.painter.names }),
    };
    for (let attempt = 0; ; attempt++) {
      try {
        const reply = await sendToBackground(message);
        this.styled = true;
        return reply;
      } catch (e) {
        if (attempt >= READY_ATTEMPTS - 1) throw e;
        await new Promise((r) => setTimeout(r, 150 * 2 ** attempt));
      }
    }
  }
}

/**
 * What the background handed this page side as it injected it (a JSON string), once: validated like
 * any answer, and only for this document's URL (a navigation between the two injections leaves it
 * unused).
 */
export function takeHandoff(doc: Document): Handoff | undefined {
  const slot = globalThis as Record<string, unknown>;
  const value = slot[HANDOFF_KEY];
  if (value === undefined) return undefined;
  delete slot[HANDOFF_KEY];
  let parsed: ReturnType<typeof Handoff.safeParse> | undefined;
  try {
    parsed = Handoff.safeParse(JSON.parse(String(value)));
  } catch {
    // Not JSON: refused below.
  }
  if (!parsed?.success) {
    console.warn('Marginalia: ignored a malformed handoff from the background; asking instead.');
    return undefined;
  }
  return parsed.data.url === doc.URL ? parsed.data : undefined;
}
