import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { allowBackgroundMessage, backgroundHandlers } from '@/lib/background';
import { type ReceiverStats, receive, type Sender } from '@/lib/messaging';
import { BackgroundMessage } from '@/lib/protocol';
import { dbOf, freshRepository, selectors } from '../support/factories';

const PAGE = 'https://news.example/story?utm_medium=x';

function pageSender(url = PAGE): Sender {
  return { id: fakeBrowser.runtime.id, url, tab: { id: 7, url } as Sender['tab'], frameId: 0 };
}

function extensionSender(): Sender {
  return { id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/sidepanel.html') };
}

async function setup() {
  const { repo } = freshRepository();
  const handlers = backgroundHandlers(repo);
  const stats: ReceiverStats = { handled: 0, dropped: 0 };
  const send = (raw: unknown, sender: Sender) =>
    receive(BackgroundMessage, handlers, allowBackgroundMessage, raw, sender, stats);
  return { repo, send, stats };
}

const create = {
  type: 'highlight.create',
  title: 'Story',
  canonical: null,
  selector: selectors('a sentence', 40, 'before ', ' after'),
  claimType: 'opinion',
};

describe('background protocol', () => {
  it('stores a highlight for the sending tab and paints it back on page.ready', async () => {
    const { repo, send, stats } = await setup();
    const created = await send(create, pageSender());
    expect(created).toMatchObject({ ok: true, data: { slot: 4 } });
    const ready = await send(
      { type: 'page.ready', title: 'Story', canonical: null },
      pageSender('https://news.example/story#x'),
    );
    expect(ready.ok && (ready.data as { items: unknown[] }).items).toHaveLength(1);
    const article = await repo.findArticleByUrl(PAGE);
    expect(article?.url).toBe('https://news.example/story');
    expect(stats).toEqual({ handled: 2, dropped: 0 });
  });

  it('acts on the sender tab’s own URL, never on one the message names', async () => {
    const { repo, send } = await setup();
    const reply = await send({ ...create, url: 'https://victim.example/' }, pageSender());
    // Stored (the extra field is no part of the message), and filed under the sender's page.
    expect(reply).toMatchObject({ ok: true });
    const id = reply.ok ? (reply.data as { id: string }).id : '';
    const article = await repo.findArticleByUrl(PAGE);
    expect((await repo.listHighlights(article?.id ?? '')).map((h) => h.id)).toEqual([id]);
    expect(await repo.findArticleByUrl('https://victim.example/')).toBeUndefined();
  });

  it('drops and counts malformed, unknown and foreign messages', async () => {
    const { repo, send, stats } = await setup();
    const bad: [unknown, Sender][] = [
      [{ type: 'highlight.create', title: 'x', selector: [], claimType: 'claim' }, pageSender()],
      [{ ...create, claimType: 'Propaganda!' }, pageSender()],
      [{ type: 'highlight.delete', id: 'x' }, pageSender()],
      [null, pageSender()],
      ['page.ready', pageSender()],
      [create, { ...pageSender(), id: 'another-extension' }],
      [create, extensionSender()],
      [{ type: 'tab.attach', tabId: 1 }, pageSender()],
      // A page cannot have every open tab repainted and a sync started.
      [{ type: 'library.changed' }, pageSender()],
      [create, { ...pageSender(), frameId: 3 }],
    ];
    for (const [raw, sender] of bad) {
      const reply = await send(raw, sender);
      expect(reply.ok).toBe(false);
      expect(reply.ok ? '' : reply.error).toMatch(/Refused/);
    }
    expect(stats.dropped).toBe(bad.length);
    expect(await dbOf(repo).articles.count()).toBe(0);
  });

  it('knows an AMP page and its canonical article as one, but ignores a canonical on another site', async () => {
    const { repo, send } = await setup();
    const amp = 'https://amp.news.example/story.amp.html';
    await send({ ...create, canonical: 'https://www.news.example/story?utm_source=amp' }, pageSender(amp));
    const article = await repo.findArticleByUrl('https://www.news.example/story#comments');
    expect(article?.url).toBe('https://www.news.example/story');
    expect(article?.urls).toContain(amp);
    const ready = await send(
      { type: 'page.ready', title: 'x', canonical: null },
      pageSender('https://www.news.example/story'),
    );
    expect(ready.ok && (ready.data as { items: unknown[] }).items).toHaveLength(1);

    await send({ ...create, canonical: 'https://victim.example/their-story' }, pageSender('https://evil.example/p'));
    expect(await repo.findArticleByUrl('https://victim.example/their-story')).toBeUndefined();
    expect(await repo.findArticleByUrl('https://evil.example/p')).toBeDefined();
  });

  it('says what was wrong with a malformed message', async () => {
    const { send } = await setup();
    const unknown = await send({ ...create, claimType: 'propaganda' }, pageSender());
    expect(unknown.ok ? '' : unknown.error).toMatch(/claim type "propaganda"/);
    const reply = await send({ ...create, claimType: 'Propaganda!' }, pageSender());
    expect(reply.ok ? '' : reply.error).toMatch(/claimType/);
  });
});

describe('serve', () => {
  it('listens until stopped, and a stopped receiver answers nothing', async () => {
    const { serve } = await import('@/lib/messaging');
    const { SidebarMessage } = await import('@/lib/protocol');
    fakeBrowser.runtime.onMessage.removeAllListeners();
    let focused = 0;
    const receiver = serve(
      SidebarMessage,
      {
        'sidebar.focus': () => {
          focused++;
          return {};
        },
        'sidebar.anchored': () => ({}),
      },
      () => true,
    );
    const message = { type: 'sidebar.focus', tabId: 1, id: 'h1' };
    const send = () =>
      new Promise((resolve) => {
        const handled = (
          fakeBrowser.runtime.onMessage as unknown as { trigger: (...a: unknown[]) => Promise<unknown[]> }
        ).trigger(message, { id: fakeBrowser.runtime.id }, resolve);
        void handled.then((r) => r.every((x) => x === false) && resolve('no answer'));
      });
    expect(await send()).toEqual({ ok: true, data: {} });
    expect(focused).toBe(1);
    expect(receiver.handled).toBe(1);
    receiver.stop();
    expect(await send()).toBe('no answer');
    expect(focused).toBe(1);
    expect((fakeBrowser.runtime.onMessage as unknown as { hasListeners: () => boolean }).hasListeners()).toBe(false);
  });
});
