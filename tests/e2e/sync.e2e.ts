/**
 * Sync with Chromium and Firefox as two devices and one local server (PouchDB Server, started here
 * on 127.0.0.1, reached through a proxy the test can cut as a network would): a highlight made in
 * Chromium is listed and painted in Firefox; a note edited in Firefox is seen in Chromium; a delete
 * propagates; both edit the same highlight apart and converge with both notes; the server cut mid-sync
 * loses nothing and the next sync completes; a wrong password and a wrong passphrase are refused in
 * words with nothing written; another user cannot read the database; the server holds no quote, note,
 * tag or URL in clear. Everything is driven as a user would, by label, in Settings → Sync.
 */
import { writeFileSync } from 'node:fs';
import { createServer, type Server, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCards, PAINTED, withBrowser } from '../support/e2e';
import type { Tab } from '../support/harness';
import { selectText } from '../support/select';
import { DEMO, freePort, type SyncServer, startSyncServer } from '../support/sync-server';

const PASSPHRASE = 'ngựa vằn ăn cỏ dưới trăng 2026';
const S_ONE = 'đơn vị đã tham mưu với Ban Thường vụ Huyện ủy thành lập 3 tổ chức đảng trong doanh nghiệp';

/** A TCP proxy to the sync server that can be cut (connections dropped, refused) and restored. */
async function proxyTo(target: number) {
  const port = await freePort();
  const sockets = new Set<Socket>();
  let server: Server | null = null;
  let sent = 0;
  let cutAfter = Number.POSITIVE_INFINITY;
  const proxy = {
    port,
    /** Bytes the clients sent through. */
    get sent() {
      return sent;
    },
    async up() {
      server = createServer((client) => {
        const upstream = new Socket();
        sockets.add(client);
        sockets.add(upstream);
        upstream.connect(target, '127.0.0.1');
        client.on('data', (d: Buffer) => {
          sent += d.length;
          upstream.write(d);
          if (sent > cutAfter) void proxy.down();
        });
        upstream.on('data', (d: Buffer) => client.write(d));
        const close = () => {
          client.destroy();
          upstream.destroy();
        };
        client.on('error', close).on('close', close);
        upstream.on('error', close).on('close', close);
      });
      await new Promise<void>((r) => server?.listen(port, '127.0.0.1', r));
    },
    async down() {
      cutAfter = Number.POSITIVE_INFINITY;
      for (const s of sockets) s.destroy();
      sockets.clear();
      const s = server;
      server = null;
      if (s) await new Promise((r) => s.close(r));
    },
    /** Cuts the connection once clients have sent `bytes` more. */
    cutAfter(bytes: number) {
      cutAfter = sent + bytes;
    },
  };
  await proxy.up();
  return proxy;
}

describe('sync: Chromium and Firefox as two devices', () => {
  const chrome = withBrowser('chromium');
  const firefox = withBrowser('firefox');
  let sync: SyncServer;
  let proxy: Awaited<ReturnType<typeof proxyTo>>;
  let serverUrl: string;
  let url: string;
  const libraries = new Map<string, Tab>();

  beforeAll(async () => {
    sync = await startSyncServer(await freePort());
    await sync.addUser('alice', 'alice-secret');
    proxy = await proxyTo(Number(new URL(sync.url).port));
    serverUrl = `http://127.0.0.1:${proxy.port}`;
  }, 60_000);
  afterAll(async () => {
    await proxy?.down();
    await sync?.stop();
  });

  /** The library's Settings tab of a browser, opened once. */
  async function library(env: typeof chrome): Promise<Tab> {
    const name = env.harness.name;
    let tab = libraries.get(name);
    if (!tab) {
      tab = await env.harness.openExtensionPage('library.html');
      libraries.set(name, tab);
    }
    await tab.front();
    if ((await tab.count({ role: 'heading', name: 'Sync' })) === 0) {
      await tab.click({ role: 'tab', name: 'Settings' });
      await tab.waitForRole({ role: 'heading', name: 'Sync' });
    }
    return tab;
  }

  async function fillSync(tab: Tab, password: string, passphrase: string) {
    await tab.type({ role: 'textbox', name: 'Server URL' }, serverUrl);
    await tab.type({ role: 'textbox', name: 'User name' }, DEMO.name);
    await tab.type({ role: 'password', name: 'Password' }, password);
    await tab.type({ role: 'password', name: 'Sync passphrase' }, passphrase);
    await tab.click({ role: 'button', name: 'Sync now' });
  }

  /** Clicks Sync now and waits for the run's report. */
  async function syncNow(tab: Tab) {
    await tab.evaluate(`document.querySelectorAll('[role=status], [role=alert]').forEach((e) => e.remove())`);
    await tab.click({ role: 'button', name: 'Sync now' });
    await tab.waitForRole({ role: 'status', name: /^Synced: /.source, regex: true }, 60_000);
  }

  /** Writes a highlight's note in the sidebar as a user does (the only card, or the last). */
  async function setNote(sidebar: Tab, text: string) {
    await openCards(sidebar);
    const editing = (await sidebar.count({ role: 'button', name: 'Edit note' })) > 0;
    await sidebar.click({ role: 'button', name: editing ? 'Edit note' : 'Add a note…', nth: -1 });
    await sidebar.type({ role: 'textbox', name: 'Note' }, text);
    await sidebar.click({ role: 'button', name: 'Save' });
    await sidebar.waitFor(`document.body.innerText.includes(${JSON.stringify(text)})`);
  }

  /** The notes of every highlight stored in a browser, read from its database (the library's tab). */
  const notes = (tab: Tab) =>
    tab.evaluate<string[]>(`(async () => {
      const db = await new Promise((ok, no) => { const r = indexedDB.open('marginalia'); r.onsuccess = () => ok(r.result); r.onerror = () => no(r.error); });
      const all = await new Promise((ok) => { const q = db.transaction('articleHighlights').objectStore('articleHighlights').getAll(); q.onsuccess = () => ok(q.result); });
      db.close();
      return all.flatMap((g) => g.highlights).map((h) => h.note);
    })()`);

  const count = (tab: Tab) => tab.evaluate<number>(`document.querySelectorAll('[data-sync-pending]').length`);

  it('refuses a wrong password in words; nothing is stored and sync stays off', async () => {
    const tab = await library(chrome);
    await fillSync(tab, 'wrong', PASSPHRASE);
    await tab.waitForRole({
      role: 'alert',
      name: 'The server refused this user name and password. Nothing was synced.',
    });
    expect(await count(tab)).toBe(0);
    await tab.waitForRole({ role: 'textbox', name: 'Server URL' });
  });

  it('turns sync on in both browsers with the same passphrase', async () => {
    for (const env of [chrome, firefox]) {
      const tab = await library(env);
      await fillSync(tab, DEMO.password, PASSPHRASE);
      await tab.waitForRole({ role: 'status', name: /^Synced: /.source, regex: true }, 60_000);
      await tab.waitFor(`document.querySelector('[data-sync=on]')?.textContent.includes('as demo')`);
    }
  });

  it('a highlight made in Chromium is listed and painted in Firefox', async () => {
    url = `${chrome.server.origin}/seed/vinhphuc.html`;
    const page = await chrome.harness.openPage(url);
    const sidebar = await chrome.harness.openSidebar(await chrome.harness.tabIdOf(url));
    await sidebar.waitForRole({ role: 'heading', name: /Thực hiện công tác/.source, regex: true });
    await selectText(page, S_ONE);
    await page.click({ role: 'button', name: 'Evidence' });
    await sidebar.waitFor(`document.querySelectorAll('article.card').length === 1`);
    await setNote(sidebar, 'Ghi chú từ Chromium');
    await page.close();
    await sidebar.close();
    // The page is already open in Firefox, with nothing on it: the sync paints it there and then.
    const fxPage = await firefox.harness.openPage(url);
    await fxPage.waitFor(`document.readyState === 'complete'`);
    expect(await fxPage.evaluate<number>(PAINTED)).toBe(0);
    await syncNow(await library(chrome));
    await syncNow(await library(firefox));
    await fxPage.waitFor(`${PAINTED} === 1`);
    const fxSidebar = await firefox.harness.openSidebar(await firefox.harness.tabIdOf(url));
    await fxSidebar.waitFor(`document.querySelectorAll('article.card').length === 1`);
    await fxSidebar.waitFor(`document.body.innerText.includes('Ghi chú từ Chromium')`);
    // Edited in Firefox → seen in Chromium.
    await setNote(fxSidebar, 'Sửa ở Firefox');
    await syncNow(await library(firefox));
    await syncNow(await library(chrome));
    expect(await notes(await library(chrome))).toEqual(['Sửa ở Firefox']);
    await fxPage.close();
    await fxSidebar.close();
  }, 120_000);

  it('both offline, both edit the same highlight, reconnect: converged, both notes kept', async () => {
    // Offline: the server cannot be reached (background runs fail too) while both edit.
    await proxy.down();
    for (const [env, note] of [
      [chrome, 'Máy A viết'],
      [firefox, 'Máy B viết'],
    ] as const) {
      await env.harness.openPage(url);
      const sidebar = await env.harness.openSidebar(await env.harness.tabIdOf(url));
      await sidebar.waitFor(`document.querySelectorAll('article.card').length === 1`);
      await setNote(sidebar, note);
      await sidebar.close();
    }
    await proxy.up();
    await syncNow(await library(chrome));
    await syncNow(await library(firefox));
    await syncNow(await library(chrome));
    const [a, b] = [await notes(await library(chrome)), await notes(await library(firefox))];
    expect(a).toEqual(b);
    expect(a).toHaveLength(1);
    expect(a[0]).toContain('Máy A viết');
    expect(a[0]).toContain('Máy B viết');
  }, 120_000);

  it('the server cut mid-sync: nothing lost here, an error in words, and the next sync completes', async () => {
    // 300 highlights restored in Chromium from a backup, then synced while the connection drops.
    const tab = await library(chrome);
    const now = Date.UTC(2026, 11, 1);
    const article = {
      id: 'bulk-article',
      url: `${chrome.server.origin}/seed/bulk.html`,
      urls: [`${chrome.server.origin}/seed/bulk.html`],
      title: 'Nhiều đoạn',
      byline: null,
      siteName: null,
      publishedTime: null,
      lang: 'vi',
      dir: null,
      excerpt: null,
      wordCount: null,
      textHash: null,
      canonicalUrl: null,
      kind: 'article',
      note: '',
      extractedAt: null,
      lastSeenAt: now,
      createdAt: now,
      updatedAt: now,
    };
    const highlights = Array.from({ length: 300 }, (_, i) => ({
      id: `bulk-${i}`,
      articleId: 'bulk-article',
      target: {
        source: article.url,
        selector: [
          { type: 'TextQuoteSelector', exact: `đoạn số ${i}`, prefix: '', suffix: '' },
          { type: 'TextPositionSelector', start: i * 20, end: i * 20 + 10 },
        ],
      },
      claimType: null,
      status: null,
      sourceUrl: null,
      tags: ['hàng loạt'],
      note: `ghi chú ${i}`,
      createdAt: now,
      updatedAt: now,
    }));
    const file = join(tmpdir(), 'marginalia-bulk.json');
    writeFileSync(
      file,
      JSON.stringify({
        format: 'marginalia-backup',
        version: 2,
        exportedAt: new Date(now).toISOString(),
        articles: [article],
        highlights,
        settings: null,
      }),
    );
    await tab.click({ role: 'tab', name: 'Backup' });
    await tab.setFile('input[type=file]', file);
    await tab.waitForRole({
      role: 'status',
      name: /^Restored: 1 articles? and 300 highlights added/.source,
      regex: true,
    });
    await tab.click({ role: 'tab', name: 'Settings' });
    await tab.waitFor(`Number(document.querySelector('[data-sync-pending]')?.dataset.syncPending) >= 301`, 30_000);
    const before = (await sync.dump(DEMO.name)) as { rows: unknown[] };
    proxy.cutAfter(60_000);
    await tab.click({ role: 'button', name: 'Sync now' });
    await tab.waitForRole({ role: 'alert', name: /^Could not reach the server/.source, regex: true }, 60_000);
    const partial = (await sync.dump(DEMO.name)) as { rows: unknown[] };
    expect(partial.rows.length).toBeLessThan(before.rows.length + 301);
    const counts = await tab.evaluate<number>(`(async () => {
      const db = await new Promise((ok, no) => { const r = indexedDB.open('marginalia'); r.onsuccess = () => ok(r.result); r.onerror = () => no(r.error); });
      return new Promise((ok) => { const q = db.transaction('articleHighlights').objectStore('articleHighlights').index('ids').count(); q.onsuccess = () => ok(q.result); });
    })()`);
    expect(counts).toBe(301);
    await proxy.up();
    await syncNow(tab);
    const after = (await sync.dump(DEMO.name)) as { rows: unknown[] };
    expect(after.rows.length).toBe(before.rows.length + 301);
    await syncNow(await library(firefox));
    const fxNotes = await notes(await library(firefox));
    expect(fxNotes).toHaveLength(301);
    expect(fxNotes).toContain('ghi chú 299');
  }, 180_000);

  it('a delete propagates', async () => {
    const page = await chrome.harness.openPage(url);
    const sidebar = await chrome.harness.openSidebar(await chrome.harness.tabIdOf(url));
    await sidebar.waitFor(`document.querySelectorAll('article.card').length === 1`);
    await openCards(sidebar);
    await sidebar.click({ role: 'button', name: 'Delete highlight' });
    await sidebar.waitFor(`document.querySelectorAll('article.card').length === 0`);
    await page.close();
    await sidebar.close();
    // Open and painted in Firefox when the delete arrives: the page is cleared there and then.
    const fxPage = await firefox.harness.openPage(url);
    await fxPage.waitFor(`${PAINTED} === 1`);
    await syncNow(await library(chrome));
    await syncNow(await library(firefox));
    await fxPage.waitFor(`${PAINTED} === 0`);
    const fxSidebar = await firefox.harness.openSidebar(await firefox.harness.tabIdOf(url));
    await fxSidebar.waitForRole({ role: 'heading', name: /Thực hiện công tác/.source, regex: true });
    await fxSidebar.waitFor(`document.querySelectorAll('article.card').length === 0`);
    await fxPage.close();
    await fxSidebar.close();
  }, 120_000);

  it('the server holds no quote, note, tag, title or URL in clear; another user cannot read it', async () => {
    const stored = JSON.stringify(await sync.dump(DEMO.name));
    for (const secret of [
      'tham mưu',
      'Ghi chú',
      'Máy A',
      'hàng loạt',
      'đoạn số',
      'vinhphuc',
      '127.0.0.1',
      'Thực hiện',
      'evidence',
    ])
      expect(stored).not.toContain(secret);
    const asAlice = await fetch(`${sync.url}/userdb-64656d6f/_all_docs`, {
      headers: { authorization: `Basic ${Buffer.from('alice:alice-secret').toString('base64')}` },
    });
    expect(asAlice.status).toBe(401);
  });

  it('a wrong passphrase is refused in words, and nothing is written', async () => {
    const tab = await library(firefox);
    await tab.click({ role: 'button', name: 'Stop syncing' });
    await tab.waitForRole({ role: 'status', name: /^Sync is off\./.source, regex: true });
    const before = JSON.stringify(await sync.dump(DEMO.name));
    await fillSync(tab, DEMO.password, 'not the passphrase');
    await tab.waitForRole({
      role: 'alert',
      name: 'This is not the sync passphrase your other devices use. Nothing was synced or changed.',
    });
    expect(JSON.stringify(await sync.dump(DEMO.name))).toBe(before);
    await tab.screenshot('sync-wrong-passphrase');
    await (await library(chrome)).screenshot('sync-on');
  });
});
