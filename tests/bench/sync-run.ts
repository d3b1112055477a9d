/**
 * Sync at size, in real Chromium with the built extension, against PouchDB Server on 127.0.0.1:
 * device A holds `highlights` (restored from a seeded backup) and turns sync on (its first upload);
 * device B, empty, turns sync on (the first sync of the whole library to an empty device); B syncs
 * again with nothing to do; then one note changed on A reaches B (A syncs, B syncs); and the bytes
 * the server holds per highlight. Both browsers are launched as a user's (AS_USERS_BROWSER).
 * Beside it, the same number of plain (unencrypted) documents replicated by PouchDB alone from
 * memory to the same server: the protocol's own cost, without sealing and without the database.
 */
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import http from 'pouchdb-adapter-http';
import memory from 'pouchdb-adapter-memory';
import PouchDB from 'pouchdb-core';
import replication from 'pouchdb-replication';
import { syncedArticle } from '../../lib/sync/records';
import { AS_USERS_BROWSER, launchChromium } from '../support/chromium';
import { DEMO, freePort, startSyncServer } from '../support/sync-server';
import { scaleBackup } from './scale-data';

export type SyncResult = Record<string, number | string>;

/** Fills Settings → Sync and clicks Sync now; ms until the run's report shows. */
async function turnOn(page: Page, serverUrl: string): Promise<number> {
  await page.getByRole('tab', { name: 'Settings' }).click();
  await page.getByLabel('Server URL').fill(serverUrl);
  await page.getByLabel('User name').fill(DEMO.name);
  await page.getByLabel('Password', { exact: true }).fill(DEMO.password);
  await page.getByLabel('Sync passphrase').fill('bench passphrase, long enough');
  const t = Date.now();
  await page.getByRole('button', { name: 'Sync now' }).click();
  await page
    .getByRole('status')
    .filter({ hasText: /^Synced: / })
    .waitFor({ timeout: 1_800_000 });
  return Date.now() - t;
}

/** Clicks Sync now; ms until a fresh report shows. */
async function syncNow(page: Page): Promise<number> {
  await page.evaluate(() => {
    for (const e of document.querySelectorAll('[role=status]')) e.remove();
  });
  const t = Date.now();
  await page.getByRole('button', { name: 'Sync now' }).click();
  await page
    .getByRole('status')
    .filter({ hasText: /^Synced: / })
    .waitFor({ timeout: 600_000 });
  return Date.now() - t;
}

/**
 * Changes one highlight's note in the browser's database, as an edit would (the raw IndexedDB: its
 * article's record, found by the index of highlight ids, lib/store/highlight-table.ts).
 */
function editNote(page: Page, id: string, note: string): Promise<void> {
  return page.evaluate(
    async ([hid, text]) => {
      const db = await new Promise<IDBDatabase>((ok, no) => {
        const r = indexedDB.open('marginalia');
        r.onsuccess = () => ok(r.result);
        r.onerror = () => no(r.error);
      });
      const store = db.transaction('articleHighlights', 'readwrite').objectStore('articleHighlights');
      const group = await new Promise<{ highlights: Record<string, unknown>[] }>((ok) => {
        const q = store.index('ids').get(hid as string);
        q.onsuccess = () => ok(q.result);
      });
      const highlights = group.highlights.map((h) => (h.id === hid ? { ...h, note: text, updatedAt: Date.now() } : h));
      await new Promise((ok) => {
        const q = store.put({ ...group, highlights });
        q.onsuccess = ok;
      });
      db.close();
    },
    [id, note],
  );
}

function noteOf(page: Page, id: string): Promise<string | undefined> {
  return page.evaluate(async (hid) => {
    const db = await new Promise<IDBDatabase>((ok, no) => {
      const r = indexedDB.open('marginalia');
      r.onsuccess = () => ok(r.result);
      r.onerror = () => no(r.error);
    });
    const group = await new Promise<{ highlights: { id: string; note?: string }[] } | undefined>((ok) => {
      const q = db.transaction('articleHighlights').objectStore('articleHighlights').index('ids').get(hid);
      q.onsuccess = () => ok(q.result);
    });
    db.close();
    return group?.highlights.find((h) => h.id === hid)?.note;
  }, id);
}

export async function runSyncBench(highlights: number): Promise<SyncResult> {
  const articles = Math.max(1, Math.round(highlights / 10));
  const backup = scaleBackup(articles, highlights);
  const file = join(tmpdir(), `marginalia-sync-${highlights}.json`);
  writeFileSync(file, JSON.stringify(backup));
  const server = await startSyncServer(await freePort());
  const a = await launchChromium(undefined, true, AS_USERS_BROWSER);
  const b = await launchChromium(undefined, true, AS_USERS_BROWSER);
  const results: SyncResult = { highlights, articles };
  try {
    const pageA = await a.context.newPage();
    await pageA.goto(a.extensionUrl('library.html'));
    await pageA.getByRole('tab', { name: 'Backup' }).click();
    await pageA.setInputFiles('input[type=file]', file);
    await pageA.waitForFunction(() => /Restored:/.test(document.body.textContent ?? ''), null, { timeout: 900_000 });
    results['device A: first upload, s'] = +((await turnOn(pageA, server.url)) / 1000).toFixed(1);
    const pageB = await b.context.newPage();
    await pageB.goto(b.extensionUrl('library.html'));
    results['device B (empty): first sync of the library, s'] = +((await turnOn(pageB, server.url)) / 1000).toFixed(1);
    const dump = (await server.dump(DEMO.name)) as { rows: unknown[] };
    results['server: documents'] = dump.rows.length;
    results['server: bytes per highlight (JSON as stored)'] = Math.round(
      JSON.stringify(dump.rows).length / (highlights + articles),
    );
    const parts = (page: Page) =>
      page.evaluate(async () => {
        const db = await new Promise<IDBDatabase>((ok, no) => {
          const r = indexedDB.open('marginalia');
          r.onsuccess = () => ok(r.result);
          r.onerror = () => no(r.error);
        });
        const row = await new Promise<{ lastReport?: { ms?: Record<string, number> } }>((ok) => {
          const q = db.transaction('syncState').objectStore('syncState').get('status');
          q.onsuccess = () => ok(q.result);
        });
        db.close();
        return JSON.stringify(row?.lastReport?.ms ?? {});
      });
    // A run with nothing to do (B, just synced): what each of the background's runs costs when
    // nothing changed, at this size (one every few minutes while sync is on).
    results['a run with nothing to do (B), ms'] = await syncNow(pageB);
    results['… of which (push / replicate / pull ms)'] = await parts(pageB);
    // One change: a note edited on A, synced by A, then by B.
    const id = backup.highlights[0]?.id as string;
    await editNote(pageA, id, 'one change, round trip');
    const up = await syncNow(pageA);
    const down = await syncNow(pageB);
    if ((await noteOf(pageB, id)) !== 'one change, round trip') throw new Error('The change did not arrive on B');
    results['one change round trip (A sync + B sync), ms'] = up + down;
    results['… of which A (push / replicate / pull ms)'] = await parts(pageA);
    results['… of which B (push / replicate / pull ms)'] = await parts(pageB);
  } finally {
    await a.close();
    await b.close();
  }
  // The named peer: PouchDB's replicator alone, plain documents of the same content, memory → server.
  const Pouch = PouchDB.plugin(memory).plugin(http).plugin(replication);
  await server.addUser('peer', 'peer');
  const source = new Pouch(`bench-${Date.now()}`, { adapter: 'memory' }) as unknown as {
    bulkDocs(d: object[]): Promise<unknown>;
    replicate: { to(target: unknown): Promise<unknown> };
  };
  const docs = [
    // The articles as synced: without this device's own fields (the baseline among them).
    ...backup.articles.map((x) => ({ _id: `a${x.id}`, ...syncedArticle(x) })),
    ...backup.highlights.map((x) => ({ _id: `h${x.id}`, ...x })),
  ];
  for (let i = 0; i < docs.length; i += 1000) await source.bulkDocs(docs.slice(i, i + 1000));
  const target = new Pouch(`${server.url}/userdb-${Buffer.from('peer').toString('hex')}`, {
    adapter: 'http',
    auth: { username: 'peer', password: 'peer' },
    skip_setup: true,
  });
  const t = Date.now();
  await source.replicate.to(target);
  results['peer: PouchDB replicate alone, plain docs, memory → server, s'] = +((Date.now() - t) / 1000).toFixed(1);
  const peerDump = (await server.dump('peer')) as { rows: unknown[] };
  results['peer: bytes per record, plain'] = Math.round(JSON.stringify(peerDump.rows).length / docs.length);
  await server.stop();
  return results;
}
