/**
 * Floors for the scale goals, measured in the same browser and run as the library's figures: what the
 * browser itself takes for the bare work under a goal, with none of Marginalia's code around it.
 *
 * - Restore: the 100,000 highlights put by the raw IndexedDB API in one transaction, as stored since
 *   schema v6 (one record per article, with its highlights' ids and tags as multi-entry indexes),
 *   without the ids index, and as stored until then (one record per highlight: id; articleId;
 *   tags, multi-entry). The rest of a restore's bare work beside them: the backup file read as text
 *   in a worker (the restore's own way, Blob.text()), its bytes alone, their UTF-8 decoding alone,
 *   JSON.parse of the text, and the articles put raw (with their indexes) in one transaction.
 * - Library heap: the stored records alone, read with getAll into a fresh extension page and held
 *   (V8's used heap after a garbage collection, with them minus without).
 * - Sidebar: in a fresh extension page, opening the database and reading one article and its
 *   highlights by the articleId index, raw IndexedDB.
 * - Export: deflating the exported Markdown files (one zlib stream at level 1, as the export does) on
 *   one thread of a plain page, nothing else running; beside it fflate's one-shot deflate per file
 *   (the export's way until 2026-12-02), and the export's own Markdown code making the same
 *   library's files in that page (not a floor of the browser's: what the page's thread must do).
 *
 * The pages are extension pages with next to no code of their own (the offscreen document's page,
 * opened as a tab), so the database is the extension's own.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { articleToMarkdown as ArticleToMarkdown } from '../../lib/export/markdown';
import type { ChromiumSession } from '../support/chromium';
import { pageScript } from './page-script';
import type { scaleBackup as ScaleBackup } from './scale-data';

export type Floors = Record<string, number | string>;

/** The used V8 heap after a full garbage collection, in bytes. */
export async function usedHeap(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.enable');
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  await cdp.detach();
  return usedSize;
}

/** A fresh extension page with next to no code. */
async function barePage(session: ChromiumSession): Promise<Page> {
  const page = await session.context.newPage();
  await page.goto(session.extensionUrl('offscreen.html'));
  return page;
}

export async function measureFloors(
  session: ChromiumSession,
  articleId: string,
  zipPath: string | null,
  /** The seeded library's size (tests/bench/scale-data.ts), for the Markdown floor. */
  library?: { articles: number; highlights: number },
  /** The backup file restored, for the restore's reading and parsing floors. */
  backupPath?: string,
): Promise<Floors> {
  const floors: Floors = {};

  // Sidebar: open the database and read one article with its highlights, in a fresh page.
  const sidebar = await barePage(session);
  floors['floor: sidebar read (open the database, one article and its highlights, raw IndexedDB), ms'] =
    await sidebar.evaluate(async (id) => {
      const t0 = performance.now();
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const r = indexedDB.open('marginalia');
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error);
      });
      const tx = db.transaction(['articles', 'articleHighlights']);
      await Promise.all([
        new Promise((resolve) => {
          tx.objectStore('articles').get(id).onsuccess = resolve;
        }),
        new Promise((resolve) => {
          tx.objectStore('articleHighlights').get(id).onsuccess = resolve;
        }),
      ]);
      db.close();
      return Math.round((performance.now() - t0) * 10) / 10;
    }, articleId);
  await sidebar.close();

  // Library heap: every stored record, held.
  const heap = await barePage(session);
  const before = await usedHeap(heap);
  const read = await heap.evaluate(async () => {
    const t0 = performance.now();
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const r = indexedDB.open('marginalia');
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    const all = (store: string) =>
      new Promise<unknown[]>((resolve, reject) => {
        const r = db.transaction(store).objectStore(store).getAll();
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error);
      });
    // Highlights are stored one record per article (lib/store/highlight-table.ts).
    const [articles, groups] = await Promise.all([all('articles'), all('articleHighlights')]);
    db.close();
    (globalThis as unknown as { held: unknown }).held = { articles, groups };
    return { ms: performance.now() - t0, groups: groups.length };
  });
  const after = await usedHeap(heap);
  floors['floor: every record read (raw getAll), ms'] = Math.round(read.ms);
  floors['floor: every record held in a page, MB'] = Math.round((after - before) / 1e6);

  // Restore: the same highlights put one record per highlight (the layout until schema v6), one
  // transaction; then, in the same page, one record per article (its highlights as a list, their tags
  // as the multi-entry index), and that again with a multi-entry index of its highlights' ids, as
  // the store keeps them since v6 (a highlight found by id).
  const puts = await heap.evaluate(async () => {
    const { groups } = (
      globalThis as unknown as {
        held: { groups: { highlights: { id: string; articleId: string; tags: string[] }[] }[] };
      }
    ).held;
    const highlights = groups.flatMap((g) => g.highlights);
    const put = async (records: unknown[], keyPath = 'id', byIds = false) => {
      const name = `marginalia-floor-${Date.now()}`;
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const r = indexedDB.open(name, 1);
        r.onupgradeneeded = () => {
          const store = r.result.createObjectStore('highlights', { keyPath });
          if (keyPath !== 'articleId') store.createIndex('articleId', 'articleId');
          store.createIndex('tags', 'tags', { multiEntry: true });
          if (byIds) store.createIndex('ids', 'ids', { multiEntry: true });
        };
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error);
      });
      const t0 = performance.now();
      await new Promise<void>((resolve, reject) => {
        const tx = db.transaction('highlights', 'readwrite', { durability: 'relaxed' });
        const store = tx.objectStore('highlights');
        for (const h of records) store.put(h);
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
      });
      const ms = Math.round(performance.now() - t0);
      db.close();
      await new Promise((resolve) => {
        indexedDB.deleteDatabase(name).onsuccess = resolve;
      });
      return ms;
    };
    const raw = await put(highlights);
    const byArticle = new Map<
      string,
      { id: string; articleId: string; tags: Set<string>; ids: string[]; highlights: unknown[] }
    >();
    for (const h of highlights) {
      let group = byArticle.get(h.articleId);
      if (!group) {
        group = { id: h.articleId, articleId: h.articleId, tags: new Set(), ids: [], highlights: [] };
        byArticle.set(h.articleId, group);
      }
      group.highlights.push(h);
      group.ids.push(h.id);
      for (const t of h.tags) group.tags.add(t);
    }
    const grouped = [...byArticle.values()].map((g) => ({ ...g, tags: [...g.tags] }));
    const withoutIds = grouped.map(({ ids: _ids, ...g }) => g);
    // The articles as the store keeps them (id; urls, multi-entry; updatedAt).
    const articleDb = await new Promise<IDBDatabase>((resolve, reject) => {
      const r = indexedDB.open(`marginalia-floor-articles-${Date.now()}`, 1);
      r.onupgradeneeded = () => {
        const store = r.result.createObjectStore('articles', { keyPath: 'id' });
        store.createIndex('urls', 'urls', { multiEntry: true });
        store.createIndex('updatedAt', 'updatedAt');
      };
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    const { articles } = (globalThis as unknown as { held: { articles: unknown[] } }).held;
    const a0 = performance.now();
    await new Promise<void>((resolve, reject) => {
      const tx = articleDb.transaction('articles', 'readwrite', { durability: 'relaxed' });
      for (const a of articles) tx.objectStore('articles').put(a);
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    const articlesMs = Math.round(performance.now() - a0);
    articleDb.close();
    await new Promise((resolve) => {
      indexedDB.deleteDatabase(articleDb.name).onsuccess = resolve;
    });
    return {
      articles: articlesMs,
      raw,
      grouped: await put(withoutIds),
      groupedByIds: await put(grouped, 'articleId', true),
      records: grouped.length,
    };
  });
  floors['floor: put the highlights into IndexedDB as stored (one record per article; raw, one transaction), ms'] =
    puts.groupedByIds;
  floors['… per-article records, count'] = puts.records;
  floors["… without the index of their highlights' ids, ms"] = puts.grouped;
  floors['… one record per highlight (the layout until schema v6), ms'] = puts.raw;
  floors['floor: put the articles as stored (raw, one transaction), ms'] = puts.articles;
  if (backupPath) {
    // The backup file, chosen in the page as the Backup panel's input takes it, read in a worker.
    await heap.evaluate(() => {
      const input = document.createElement('input');
      input.type = 'file';
      document.body.append(input);
    });
    await heap.setInputFiles('input[type=file]', backupPath);
    const read = await heap.evaluate(async () => {
      const file = (document.querySelector('input[type=file]') as HTMLInputElement).files?.[0] as File;
      const source = `onmessage = async (e) => {
        const file = e.data; let t = performance.now();
        const text = await file.text(); const textMs = performance.now() - t;
        t = performance.now(); JSON.parse(text); const parseMs = performance.now() - t;
        t = performance.now(); const bytes = await file.arrayBuffer(); const bytesMs = performance.now() - t;
        t = performance.now(); new TextDecoder().decode(bytes); const decodeMs = performance.now() - t;
        postMessage({ textMs, parseMs, bytesMs, decodeMs });
      }`;
      const worker = new Worker(URL.createObjectURL(new Blob([source], { type: 'text/javascript' })));
      const r = await new Promise<Record<string, number>>((resolve) => {
        worker.onmessage = (e) => resolve(e.data);
        worker.postMessage(file);
      });
      worker.terminate();
      return r;
    });
    floors['floor: the backup file read as text in a worker (Blob.text()), ms'] = Math.round(read.textMs as number);
    floors['… its bytes alone / their UTF-8 decoding alone, ms'] =
      `${Math.round(read.bytesMs as number)} / ${Math.round(read.decodeMs as number)}`;
    floors['floor: JSON.parse of the file, ms'] = Math.round(read.parseMs as number);
  }
  await heap.close();

  // Export: deflate the exported files alone, on one thread of a plain page: with the export's own
  // deflater (one zlib stream reset between files), and with fflate's one-shot deflateSync per file
  // (the export's way until 2026-12-02), in the same page.
  if (zipPath) {
    const deflaters = await pageScript({
      source:
        "import { unzipSync, deflateSync } from 'fflate'; import { RawDeflater } from '@/lib/export/deflater'; globalThis.__deflaters = { unzipSync, deflateSync, RawDeflater };",
    });
    const page = await session.context.newPage();
    await page.goto('about:blank');
    await page.addScriptTag({ content: deflaters });
    const zip = readFileSync(zipPath).toString('base64');
    const r = await page.evaluate((b64) => {
      const { unzipSync, deflateSync, RawDeflater } = (
        globalThis as unknown as {
          __deflaters: {
            unzipSync: (d: Uint8Array) => Record<string, Uint8Array>;
            deflateSync: (d: Uint8Array, o: { level: number }) => Uint8Array;
            RawDeflater: new () => { deflate(d: Uint8Array): Uint8Array };
          };
        }
      ).__deflaters;
      const files = Object.values(unzipSync(Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))));
      const deflater = new RawDeflater();
      let t0 = performance.now();
      let bytes = 0;
      for (const f of files) {
        deflater.deflate(f);
        bytes += f.length;
      }
      const own = performance.now() - t0;
      t0 = performance.now();
      for (const f of files) deflateSync(f, { level: 1 });
      return { own: Math.round(own), fflate: Math.round(performance.now() - t0), mb: bytes / 1e6 };
    }, zip);
    floors['floor: deflate the exported files alone (as the export: one zlib stream, level 1, one thread), ms'] = r.own;
    floors['… fflate deflateSync per file instead (the export until 2026-12-02), ms'] = r.fflate;
    floors['floor: exported Markdown, MB before compression'] = Math.round(r.mb * 10) / 10;

    // The export's other half: its own Markdown code making every file of the same library (the
    // seeded data, made in the page), on one thread with nothing else running: no zip, no progress.
    if (library) {
      await page.addScriptTag({
        content: await pageScript({
          source:
            "import { scaleBackup } from '@/tests/bench/scale-data'; import { articleToMarkdown } from '@/lib/export/markdown'; globalThis.__markdown = { scaleBackup, articleToMarkdown };",
        }),
      });
      floors["… the export's Markdown alone (its own code, one thread, no zip), ms"] = await page.evaluate(
        ({ articles, highlights }) => {
          const { scaleBackup, articleToMarkdown } = (
            globalThis as unknown as {
              __markdown: { scaleBackup: typeof ScaleBackup; articleToMarkdown: typeof ArticleToMarkdown };
            }
          ).__markdown;
          const backup = scaleBackup(articles, highlights, 7, false); // baselines: not in Markdown
          const byArticle = Map.groupBy(backup.highlights, (h) => h.articleId);
          const options = { exportedAt: new Date(), template: 'default' as const, labels: {}, statusLabels: {} };
          const t0 = performance.now();
          for (const a of backup.articles) articleToMarkdown(a, byArticle.get(a.id) ?? [], options);
          return Math.round(performance.now() - t0);
        },
        library,
      );

      // Both halves at once, as the export runs them: the same Markdown on the page's thread while
      // a worker deflates the same files with the export's deflater (the files already in the
      // worker), two threads on this machine's two cores; the time until both have finished. The
      // export adds to this its UTF-8, its zip around the data, its slices and progress, and the
      // download.
      const worker = await pageScript({
        source:
          "import { RawDeflater } from '@/lib/export/deflater'; const deflater = new RawDeflater(); let files = []; onmessage = (e) => { if (e.data === 'go') { for (const f of files) deflater.deflate(f); postMessage('done'); } else { files = e.data; postMessage('ready'); } };",
      });
      floors['floor: its Markdown and its deflate at once (page thread + a worker), ms'] = await page.evaluate(
        async ({ articles, highlights, b64, source }) => {
          const { scaleBackup, articleToMarkdown } = (
            globalThis as unknown as {
              __markdown: { scaleBackup: typeof ScaleBackup; articleToMarkdown: typeof ArticleToMarkdown };
            }
          ).__markdown;
          const { unzipSync } = (
            globalThis as unknown as { __deflaters: { unzipSync: (d: Uint8Array) => Record<string, Uint8Array> } }
          ).__deflaters;
          const files = Object.values(unzipSync(Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))));
          const deflating = new Worker(URL.createObjectURL(new Blob([source], { type: 'text/javascript' })));
          await new Promise((ready) => {
            deflating.onmessage = ready;
            deflating.postMessage(files);
          });
          const backup = scaleBackup(articles, highlights, 7, false); // baselines: not in Markdown
          const byArticle = Map.groupBy(backup.highlights, (h) => h.articleId);
          const options = { exportedAt: new Date(), template: 'default' as const, labels: {}, statusLabels: {} };
          const t0 = performance.now();
          const deflated = new Promise<number>((done) => {
            deflating.onmessage = () => done(performance.now());
          });
          deflating.postMessage('go');
          for (const a of backup.articles) articleToMarkdown(a, byArticle.get(a.id) ?? [], options);
          const made = performance.now();
          const end = Math.max(made, await deflated);
          deflating.terminate();
          return Math.round(end - t0);
        },
        { ...library, b64: zip, source: worker },
      );
    }
    await page.close();
  }
  return floors;
}

/** Where the benchmark keeps the export it downloaded, to measure the deflate floor on its files. */
export const EXPORT_COPY = join(process.cwd(), 'test-results', 'bench-export.zip');
