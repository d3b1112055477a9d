/**
 * The page side's `page.ready` exchange: it tells the background a page load is here and gets what
 * to paint, and has the names it paints under styled. A page load the background prepared for as it
 * began (lib/background/early-load.ts) has all that handed to it with the injection: no exchange.
 * Page side.
 */
import type { Painter } from '../highlighting/painter';
import { HANDOFF_KEY, type Handoff, HandoffEnvelope, PaintItems } from '../page-protocol';
import type { PaintItem } from '../paint-item';
import { styledOn } from '../paint-style';
import { pageFacts } from './page-facts';
import { pageTaskWhenDue } from './page-task';
import { sendToBackground } from './send';
import { timing, waiting } from './timing';

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
    // What was handed is checked in the task that started the page side while it has budget left
    // (lib/page/page-task.ts), and in tasks of its own after.
    const handed = await takeHandoff(this.doc);
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
        const reply = await waiting(sendToBackground(message));
        this.styled = true;
        return reply;
      } catch (e) {
        if (attempt >= READY_ATTEMPTS - 1) throw e;
        await new Promise((r) => setTimeout(r, 150 * 2 ** attempt));
      }
    }
  }
}

/** Whether the background handed this page side what to paint as it injected it (not taken yet). */
export function handedOff(): boolean {
  return (globalThis as Record<string, unknown>)[HANDOFF_KEY] !== undefined;
}

/** Paint items checked between two looks at the clock (a cold page checks 200 in 5–20 ms). */
const ITEMS_PER_LOOK = 10;

/**
 * What the background handed this page side as it injected it (a JSON string), once: validated like
 * any answer before any of it is used, and only for this document's URL (a navigation between the
 * two injections leaves it unused). The items are checked a few at a time, the thread given back
 * when the task has run its budget (lib/page/page-task.ts): injected as the page is parsed, the page
 * side can run while the page's own scripts still do, and 200 items checked at once made a task of
 * 59 ms there (yahoo-2, marks in the page side; 15–25 ms on a quiet page).
 */
export async function takeHandoff(
  doc: Document,
  pause: () => Promise<void> = pageTaskWhenDue,
): Promise<Handoff | undefined> {
  const slot = globalThis as Record<string, unknown>;
  const value = slot[HANDOFF_KEY];
  if (value === undefined) return undefined;
  delete slot[HANDOFF_KEY];
  const refuse = () => {
    console.warn('Marginalia: ignored a malformed handoff from the background; asking instead.');
    return undefined;
  };
  let parsed: ReturnType<typeof HandoffEnvelope.safeParse> | undefined;
  try {
    parsed = HandoffEnvelope.safeParse(JSON.parse(String(value)));
  } catch {
    // Not JSON: refused below.
  }
  if (!parsed?.success) return refuse();
  const { items, ...rest } = parsed.data;
  if (rest.url !== doc.URL) return undefined;
  const checked: PaintItem[] = [];
  for (let i = 0; i < items.length; i += ITEMS_PER_LOOK) {
    if (i > 0) await pause();
    const slice = PaintItems.safeParse(items.slice(i, i + ITEMS_PER_LOOK));
    if (!slice.success) return refuse();
    for (const item of slice.data) checked.push(item);
  }
  return { ...rest, items: checked };
}

/** Resolves once the document is parsed (at once if it is): the page side may be injected before. */
export function parsed(doc: Document): Promise<void> {
  if (doc.readyState !== 'loading') return Promise.resolve();
  return new Promise((done) => doc.addEventListener('DOMContentLoaded', () => done(), { once: true }));
}
