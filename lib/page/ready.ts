/**
 * The page side's `page.ready` exchange: it tells the background a page load is here and gets what
 * to paint, and has the names it paints under styled. Page side.
 */
import type { Painter } from '../highlighting/painter';
import { sendToBackground } from '../messaging';
import { styledOn } from '../paint-style';
import { pageFacts } from './page-facts';
import { timing } from './page-text';

/** Times the page asks the background what to paint before giving up (150 ms, then doubling). */
const READY_ATTEMPTS = 6;

export class ReadyExchange {
  /**
   * Whether the names painted under are styled. The page side draws names for this page load and
   * sends them with the first `page.ready` to be styled, unless the background styled names of its
   * own as the load began (lib/background/early-style.ts): those are taken once seen styled here.
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
    let reply = await this.send();
    timing.answered ??= performance.now();
    if (reply.styled && styledOn(this.doc, reply.styled)) {
      this.painter.rename(reply.styled);
      timing.styledAtLoad = true;
    } else if (reply.styled) {
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
