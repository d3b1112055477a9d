/**
 * The library at scale, in real Chromium with the built extension: a seeded library (`highlights`
 * over a tenth as many articles) restored through the Backup panel, then the library opened (first
 * rows, a search keystroke while the rest loads, then everything loaded),
 * searched (diacritic-insensitive) and its tag counts shown, the sidebar opened on one article,
 * everything exported as Markdown (zip, with and without citations), and the JS heap; then the
 * floors under those goals (./scale-floors.ts, ./gc-floor.ts).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { AS_USERS_BROWSER, launchChromium, tabIdOf } from '../support/chromium';
import { measureGcFloor } from './gc-floor';
import { scaleBackup } from './scale-data';
import { EXPORT_COPY, measureFloors, usedHeap } from './scale-floors';
import { median } from './stats';

/** How many times the sidebar is opened on an article of the big library (median and range). */
const SIDEBAR_OPENS = 5;

export type ScaleResult = Record<string, number | string>;

/** Types `query` into the library's search and returns ms until the updated list is painted. */
function searchOnce(page: Page, query: string): Promise<number> {
  return page.evaluate(async (q) => {
    const input = document.querySelector('.search') as HTMLInputElement;
    const before = document.querySelector('.results-bar')?.textContent;
    const t0 = performance.now();
    input.value = q;
    input.dispatchEvent(new Event('input', { bubbles: true }));
    await new Promise<void>((resolve) => {
      const tick = () =>
        document.querySelector('.results-bar')?.textContent !== before ? resolve() : requestAnimationFrame(tick);
      tick();
    });
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r)));
    const ms = Math.round(performance.now() - t0);
    input.value = '';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    await new Promise((r) => setTimeout(r, 300));
    return ms;
  }, query);
}

async function exportAll(page: Page, label: string, citations: boolean, saveAs?: string): Promise<[number, number]> {
  await page.getByRole('button', { name: 'Export…' }).click();
  await page.getByRole('radio', { name: /^Everything/ }).check();
  await page.getByRole('combobox', { name: 'Format' }).selectOption({ label });
  await page.getByRole('checkbox', { name: 'Add a citation to each article' }).setChecked(citations);
  const t = Date.now();
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 900_000 }),
    page.getByRole('button', { name: 'Export', exact: true }).click(),
  ]);
  const ms = Date.now() - t;
  const mb = readFileSync(await download.path()).length / 1e6;
  if (saveAs) await download.saveAs(saveAs);
  await page.getByRole('button', { name: 'Close' }).click();
  return [ms, +mb.toFixed(1)];
}

export async function runScale(highlights: number): Promise<ScaleResult> {
  const articles = Math.max(1, Math.round(highlights / 10));
  const backup = scaleBackup(articles, highlights);
  const file = join(tmpdir(), `marginalia-scale-${highlights}.json`);
  const text = JSON.stringify(backup);
  writeFileSync(file, text);
  const session = await launchChromium(undefined, true, AS_USERS_BROWSER);
  const results: ScaleResult = { highlights, articles, 'backup MB': +(text.length / 1e6).toFixed(1) };
  try {
    const page = await session.context.newPage();
    page.on('pageerror', (e) => console.error(e));
    await page.goto(session.extensionUrl('library.html'));
    await page.getByRole('tab', { name: 'Backup' }).click();
    // The library's long tasks while it restores: a scroll, a key or a click meanwhile waits for them.
    // Counted until the restore's result shows (the page notes when): what comes after is the
    // library taking in the restored records, the load the keys-while-loading row measures.
    await page.evaluate(() => {
      const tasks: { start: number; ms: number }[] = [];
      const seen = { shownAt: Number.POSITIVE_INFINITY };
      Object.assign(globalThis, { __restoreTasks: tasks, __restoreSeen: seen });
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) tasks.push({ start: e.startTime, ms: e.duration });
      }).observe({ type: 'longtask' });
      // When each of the restoring worker's messages came (its stages, and each part written).
      const stages: { at: number; stage: string; done?: number }[] = [];
      Object.assign(globalThis, { __restoreStages: stages });
      const Base = globalThis.Worker;
      globalThis.Worker = class extends Base {
        constructor(url: string | URL, options?: WorkerOptions) {
          super(url, options);
          this.addEventListener('message', (e: MessageEvent) => {
            const m = e.data as { kind?: string; progress?: { stage: string; done?: number } };
            stages.push({ at: performance.now(), stage: m.progress?.stage ?? m.kind ?? '?', done: m.progress?.done });
          });
        }
      };
      const watch = new MutationObserver(() => {
        if (!/Restored:|Nothing was imported/.test(document.body.textContent ?? '')) return;
        seen.shownAt = performance.now();
        watch.disconnect();
      });
      watch.observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    let t = Date.now();
    await page.setInputFiles('input[type=file]', file);
    await page.waitForFunction(() => /Restored:|Nothing was imported/.test(document.body.textContent ?? ''), null, {
      timeout: 900_000,
      polling: 250,
    });
    results['import backup ms'] = Date.now() - t;
    const { tasks, shownAt } = await page.evaluate(() => {
      const g = globalThis as unknown as {
        __restoreTasks: { start: number; ms: number }[];
        __restoreSeen: { shownAt: number };
      };
      return { tasks: g.__restoreTasks, shownAt: g.__restoreSeen.shownAt };
    });
    // Where the restore's time went, from the worker's own messages: reading the file; checking it
    // (JSON and every record) and, in the transaction, what is stored looked up; the articles
    // written; the highlights written, part by part; then the commit, until the result came.
    const stages = await page.evaluate(
      () =>
        (globalThis as unknown as { __restoreStages: { at: number; stage: string; done?: number }[] }).__restoreStages,
    );
    const first = (stage: string, done?: number) =>
      stages.find((x) => x.stage === stage && (done === undefined || x.done === done))?.at;
    const lastWrite = stages.filter((x) => x.stage === 'writing').at(-1)?.at;
    const [reading, checking, articlesAt, writing, result] = [
      first('reading'),
      first('checking'),
      first('articles'),
      first('writing', 0),
      first('result'),
    ];
    if (reading !== undefined && checking && articlesAt && writing && lastWrite && result)
      results['… reading the file / checking it / articles written / highlights written / commit, ms'] = [
        checking - reading,
        articlesAt - checking,
        writing - articlesAt,
        lastWrite - writing,
        result - lastWrite,
      ]
        .map(Math.round)
        .join(' / ');
    const restoreTasks = tasks.filter((k) => k.start < shownAt).map((k) => k.ms);
    const after = tasks.filter((k) => k.start >= shownAt).map((k) => k.ms);
    results['library: longest task while restoring, ms'] = Math.round(Math.max(0, ...restoreTasks));
    results['… its tasks of 50 ms or more while restoring, count / ms in all'] =
      `${restoreTasks.length} / ${Math.round(restoreTasks.reduce((a, b) => a + b, 0))}`;
    results['… the longest as it then takes in what was restored (until read), ms'] = Math.round(Math.max(0, ...after));
    t = Date.now();
    // The library's long tasks from its first line on (Long Tasks API): a keystroke, a scroll or a
    // click while everything loads waits for the one it lands in.
    // And each key pressed in it while it loads, as the Event Timing API sees it (what INP reads):
    // from the key to the next frame painted after its handlers, waiting for any task included.
    await page.addInitScript(() => {
      const tasks: number[] = [];
      const keys: number[] = [];
      Object.assign(globalThis, { __longTasks: tasks, __keys: keys });
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) tasks.push(e.duration);
      }).observe({ type: 'longtask', buffered: true });
      new PerformanceObserver((list) => {
        for (const e of list.getEntries() as PerformanceEventTiming[]) if (e.interactionId) keys.push(e.duration);
      }).observe({ type: 'event', durationThreshold: 16, buffered: true } as PerformanceObserverInit);
    });
    // Opened anew on its first tab (a reload would keep the Backup tab: the open tab is in the address).
    await page.goto(session.extensionUrl('library.html'));
    await page.waitForFunction(() => document.querySelectorAll('.lib-article').length > 0, null, {
      timeout: 300_000,
      polling: 'raf',
    });
    results['library open ms'] = Date.now() - t;
    await page.screenshot({ path: join(process.cwd(), 'test-results/screenshots/library-first-rows.png') });
    // While the rest loads, a keystroke searches what is shown (the most recent articles) and says so.
    const busy = () => page.evaluate(() => document.querySelector('.browser')?.getAttribute('aria-busy') === 'true');
    const loadingBefore = await busy();
    results['search while loading "dang" ms'] = await searchOnce(page, 'dang');
    results['… typed while still loading'] = loadingBefore && (await busy()) ? 'yes' : 'no';
    // Keys pressed in the search box until everything is loaded: a word typed and taken back, again
    // and again, 100 ms between keys (real key events, not a script setting the value).
    await page.locator('.search').focus();
    let pressed = 0;
    while (await busy()) {
      await page.keyboard.type('dang', { delay: 100 });
      for (let k = 0; k < 4; k++) await page.keyboard.press('Backspace', { delay: 100 });
      pressed += 8;
    }
    const keys = await page.evaluate(() => (globalThis as unknown as { __keys: number[] }).__keys);
    results['library: keys pressed while it loads, worst, ms (key → next paint)'] =
      pressed > 0 ? Math.round(Math.max(0, ...keys)) : 'none: loaded before a key was pressed';
    results['… keys pressed / events of 16 ms or more'] = `${pressed} / ${keys.length}`;
    // Everything loaded and indexed.
    await page.waitForFunction(() => document.querySelector('.browser')?.getAttribute('aria-busy') === 'false', null, {
      timeout: 300_000,
      polling: 50,
    });
    results['library all loaded ms'] = Date.now() - t;
    const loadTasks = await page.evaluate(() => (globalThis as unknown as { __longTasks: number[] }).__longTasks);
    results['library: longest task until all loaded, ms'] = Math.round(Math.max(0, ...loadTasks));
    results['… its tasks of 50 ms or more, count / ms in all'] =
      `${loadTasks.length} / ${Math.round(loadTasks.reduce((a, b) => a + b, 0))}`;
    for (const q of ['zzz', 'kien', 'cafe', 'dang', 'xay dung dang'])
      results[`search "${q}" ms`] = await searchOnce(page, q);
    // Timed in the page, from the click to the counted tags painted (Playwright's own click waits
    // for stable frames, which is not the library's time).
    results['tag counts ms'] = await page.evaluate(async () => {
      const t0 = performance.now();
      (document.getElementById('tab-tags') as HTMLElement).click();
      while (document.querySelectorAll('.tag-row').length < 50) await new Promise(requestAnimationFrame);
      await new Promise((r) => requestAnimationFrame(() => setTimeout(r)));
      return Math.round(performance.now() - t0);
    });
    await page.getByRole('tab', { name: 'Highlights' }).click();
    await page.waitForFunction(() => document.querySelectorAll('.lib-article').length > 0);
    // The same search while loading, in the library opened again: its code now compiled before
    // (the browser keeps the compiled code of scripts that ran, V8's code cache), as a returning
    // user has it; the first search above was the first ever in this profile. Waits for everything
    // to load again before going on (the extension's pages share one thread).
    await page.goto(session.extensionUrl('library.html'));
    await page.waitForFunction(() => document.querySelectorAll('.lib-article').length > 0, null, {
      timeout: 300_000,
      polling: 'raf',
    });
    results['… the same search while loading, the library opened again (its code cached), ms'] = await searchOnce(
      page,
      'dang',
    );
    await page.waitForFunction(() => document.querySelector('.browser')?.getAttribute('aria-busy') === 'false', null, {
      timeout: 300_000,
      polling: 50,
    });

    // The sidebar on one article of the big library (the page itself served by the benchmark),
    // opened on five articles in turn: the median and the range of the five.
    const article = backup.articles[Math.floor(articles / 2)];
    const opens: { sinceOpen: number; sinceStart: number }[] = [];
    for (const other of backup.articles.slice(Math.floor(articles / 2), Math.floor(articles / 2) + SIDEBAR_OPENS)) {
      const expected = backup.highlights.filter((h) => h.articleId === other.id).length;
      await session.context.route(other.url, (route) =>
        route.fulfill({
          contentType: 'text/html; charset=utf-8',
          body: `<!doctype html><title>${other.title}</title><article><h1>${other.title}</h1><p>${'Văn bản. '.repeat(200)}</p></article>`,
        }),
      );
      const tab = await session.context.newPage();
      await tab.goto(other.url);
      const tabId = await tabIdOf(session, other.url);
      const sidebar = await session.context.newPage();
      await sidebar.goto(session.extensionUrl(`sidepanel.html?tabId=${tabId}`), { waitUntil: 'commit' });
      // From the sidebar's User Timing marks: when its own code began, and when the first cards
      // reached the DOM (painted in the frame after).
      opens.push(
        await sidebar.evaluate(async (n) => {
          while (document.querySelectorAll('article.card').length < n) await new Promise((r) => setTimeout(r, 5));
          const at = (name: string) => performance.getEntriesByName(name)[0]?.startTime ?? Number.NaN;
          const cards = at('marginalia-cards');
          return { sinceOpen: cards, sinceStart: cards - at('marginalia-sidebar-start') };
        }, expected),
      );
      results['sidebar: highlights'] = expected;
      await sidebar.close();
      await tab.close();
    }
    if (opens.length > 0) {
      const range = (xs: number[]) => `${Math.round(Math.min(...xs))}–${Math.round(Math.max(...xs))}`;
      const since = opens.map((o) => o.sinceStart);
      results['sidebar: its highlights shown, ms after the page opened'] = Math.round(
        median(opens.map((o) => o.sinceOpen)),
      );
      results['sidebar: ms after its own code began'] = Math.round(median(since));
      results['sidebar: ms after its own code began, range'] = range(since);
      results['sidebar: opens'] = opens.length;
    }

    const zipLabel = 'Markdown, one file per article (.zip)';
    [results['export all (zip, no citations) ms'], results['export all (zip) MB']] = await exportAll(
      page,
      zipLabel,
      false,
      EXPORT_COPY,
    );
    [results['export all (zip, APA citations) ms']] = await exportAll(page, zipLabel, true);
    // The heap as the page left it (garbage from loading and exporting included), and what the
    // library keeps: V8's used heap after a full garbage collection, measured as its floor is.
    results['library JS heap before GC MB'] = await page.evaluate(() =>
      Math.round((performance as unknown as { memory: { usedJSHeapSize: number } }).memory.usedJSHeapSize / 1e6),
    );
    results['library JS heap MB'] = Math.round((await usedHeap(page)) / 1e6);
    // Garbage collection alone, as many records made and kept, in the library's own tab (navigated to
    // a bare extension page), in a worker of it, and on a web page: the longest task on the page's
    // thread meanwhile.
    const gc = await measureGcFloor(session, page, highlights);
    results["floor: records made and kept, nothing else: longest task in the library's tab, ms"] =
      gc.extensionPage.longestTaskMs;
    results["… in a worker of the library's tab (the page's thread), ms"] = gc.worker.longestTaskMs;
    results['… on a web page, ms'] = gc.webPage.longestTaskMs;
    results['… making them took, ms (library tab / worker / web page)'] =
      `${gc.extensionPage.ms} / ${gc.worker.ms} / ${gc.webPage.ms}`;
    // The same browser's floors under the goals, with the library closed.
    await page.close();
    Object.assign(
      results,
      await measureFloors(session, article?.id ?? '', EXPORT_COPY, { articles, highlights }, file),
    );
  } finally {
    await session.close();
  }
  return results;
}
