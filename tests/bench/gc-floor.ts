/**
 * A floor for "keys pressed while the library loads": what garbage collection alone costs a page's
 * thread while a library's worth of records is made and kept, with none of Marginalia's code.
 *
 * The same work runs in three places of the same browser: the library's own tab navigated to a bare
 * extension page (the offscreen document's page: no code of Marginalia's running), a web page
 * (about:blank), and a dedicated worker of that extension page. The work: `count` record-like objects (an id, a ~300-character
 * quote, a note, two tags, dates) and a ~400-character search text for each, kept, made in 12 ms
 * slices with the thread given back between them (a message channel, as the library does). What is
 * measured is the longest task on the page's own thread (Long Tasks API): a key pressed meanwhile
 * waits for it. Seen with V8's --trace-gc: the first extension page of a session, and the library's
 * tab after it, run V8 in its memory-reducing mode (every full collection compacts, and the heap
 * grows in small steps, so there are more of them); a web page and a worker do not, and a worker's
 * collections do not stop the page at all.
 */
import type { Page } from 'playwright-core';
import type { ChromiumSession } from '../support/chromium';

export interface GcFloor {
  /** The longest task on the page's thread while the records were made, ms. */
  longestTaskMs: number;
  /** How long the making took, ms. */
  ms: number;
}

/** The work, as source: runs in a page (`self` a window) or a worker alike. */
const MAKE = `async function make(count) {
  const next = () => new Promise((resolve) => { const c = new MessageChannel(); c.port1.onmessage = resolve; c.port2.postMessage(0); });
  const words = 'the council voted to approve the new budget after a long debate on schools roads and health'.split(' ');
  const kept = [];
  const t0 = performance.now();
  let i = 0;
  while (i < count) {
    const slice = performance.now();
    while (i < count && performance.now() - slice < 12) {
      let quote = '';
      for (let w = 0; quote.length < 300; w++) quote += words[(i * 7 + w * 3) % words.length] + ' ';
      const record = { id: 'h-' + i.toString(36) + '-' + Math.random().toString(36).slice(2), articleId: 'a-' + (i % 10000),
        quote, note: 'note ' + i + ' ' + quote.slice(0, 40), tags: ['tag-' + (i % 17), 'tag-' + (i % 5)],
        createdAt: 1700000000000 + i, updatedAt: 1700000000000 + i, claimType: 'claim', status: null };
      kept.push(record, (quote + ' ' + record.note + ' ' + record.tags.join(' ')).toLowerCase());
      i++;
    }
    await next();
  }
  return { kept, ms: performance.now() - t0 };
}`;

/** Starts counting long tasks on the page's thread. */
async function watchTasks(page: Page): Promise<void> {
  await page.evaluate(() => {
    const tasks: number[] = [];
    Object.assign(globalThis, { __gcFloorTasks: tasks });
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) tasks.push(e.duration);
    }).observe({ type: 'longtask' });
  });
}

async function tasksOf(page: Page, ms: number): Promise<GcFloor> {
  const tasks = await page.evaluate(() => (globalThis as unknown as { __gcFloorTasks: number[] }).__gcFloorTasks);
  return { longestTaskMs: Math.round(Math.max(0, ...tasks)), ms: Math.round(ms) };
}

/** The records made and kept on the page's own thread. */
async function onThePage(page: Page, count: number): Promise<GcFloor> {
  await watchTasks(page);
  // A string, evaluated as the console evaluates: an extension page's policy forbids making code.
  const ms = (await page.evaluate(
    `(async () => { ${MAKE}; const made = await make(${count}); globalThis.__gcFloorKept = made.kept; return made.ms; })()`,
  )) as number;
  return tasksOf(page, ms);
}

/** The records made and kept in a dedicated worker of the page; the page's thread only waits. */
async function inAWorker(page: Page, count: number): Promise<GcFloor> {
  await watchTasks(page);
  const ms = await page.evaluate(
    async ([source, n]) => {
      const code = `${source}; onmessage = async (e) => { const made = await make(e.data); self.kept = made.kept; postMessage(made.ms); };`;
      const worker = new Worker(URL.createObjectURL(new Blob([code], { type: 'text/javascript' })));
      Object.assign(globalThis, { __gcFloorWorker: worker });
      return new Promise<number>((resolve) => {
        worker.onmessage = (e) => resolve(e.data as number);
        worker.postMessage(n);
      });
    },
    [MAKE, count] as const,
  );
  return tasksOf(page, ms);
}

/**
 * The floor in the three places: the extension page is `tab` (the library's own tab, so its process
 * and that process's state are the library's) navigated to the bare page, once for the page's thread
 * and again for a worker of it; the web page is a new tab.
 */
export async function measureGcFloor(
  session: ChromiumSession,
  tab: Page,
  count: number,
): Promise<{ extensionPage: GcFloor; webPage: GcFloor; worker: GcFloor }> {
  const bare = session.extensionUrl('offscreen.html');
  await tab.goto(bare);
  const extensionPage = await onThePage(tab, count);
  await tab.goto(bare);
  const worker = await inAWorker(tab, count);
  const web = await session.context.newPage();
  await web.goto('about:blank');
  const webPage = await onThePage(web, count);
  await web.close();
  return { extensionPage, webPage, worker };
}
