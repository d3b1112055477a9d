/**
 * What the extension costs a page the user does not annotate: the same page loaded in Chromium
 * with the built extension and without it, side by side, and the page's script and task time read
 * with CDP `Performance.getMetrics` (ScriptDuration, TaskDuration). Also what the extension put into
 * the page: execution contexts it created there (the selection probe's world, lib/page/probe.ts)
 * and the event listeners that world holds on the document and window (CDP
 * `DOMDebugger.getEventListeners`, asked from that world): 3 where the probe waits for a selection
 * (an article), 0 where it found none, many once the page side runs.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';
import { CHROMIUM, launchChromium } from '../support/chromium';
import { REMOTE, refuse } from './offline';
import { median } from './stats';

export interface PageCost {
  page: string;
  scriptMsWithout: number;
  scriptMsWith: number;
  taskMsWithout: number;
  taskMsWith: number;
  extensionContexts: number;
  /** The same with the selection probe unregistered (setting "only after I open Marginalia"). */
  scriptMsProbeOff: number;
  taskMsProbeOff: number;
  /** Listeners the extension's world holds on the document and window (most seen in a run). */
  addedListeners: number;
}

/** The selection probe's run on a loaded page, µs: looks for an article, and listens on one. */
export interface ProbeCost {
  page: string;
  article: boolean;
  runUs: number;
}

async function load(context: BrowserContext, url: string) {
  const page = await context.newPage();
  await page.route(REMOTE, refuse);
  const cdp = await context.newCDPSession(page);
  const contexts: { id: number; origin: string }[] = [];
  cdp.on('Runtime.executionContextCreated', (e) => contexts.push({ id: e.context.id, origin: e.context.origin }));
  await cdp.send('Runtime.enable');
  await cdp.send('Performance.enable');
  await cdp.send('DOM.enable');
  await page.goto(url, { waitUntil: 'load' });
  // Anything the extension does after load (the background looks the URL up) has happened by now.
  await page.waitForTimeout(700);
  const { metrics } = await cdp.send('Performance.getMetrics');
  const get = (name: string) => (metrics.find((m) => m.name === name)?.value ?? 0) * 1000;
  const extension = contexts.filter((c) => /^(chrome-extension|moz-extension):/.test(c.origin));
  // Listeners are listed per world: the extension's, seen from its own context.
  let listeners = 0;
  for (const { id } of extension) {
    for (const expression of ['document', 'window']) {
      const { result: target } = await cdp.send('Runtime.evaluate', { expression, contextId: id });
      if (!target.objectId) continue;
      listeners += (await cdp.send('DOMDebugger.getEventListeners', { objectId: target.objectId })).listeners.length;
    }
  }
  const result = {
    script: get('ScriptDuration'),
    task: get('TaskDuration'),
    extension: extension.length,
    listeners,
  };
  await cdp.detach();
  await page.close();
  return result;
}

/** Loads each page `runs` times in each browser, alternating, and returns medians. */
export async function measurePageCost(urls: string[], runs: number): Promise<PageCost[]> {
  const withExt = await launchChromium();
  const without = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'marginalia-bare-')), {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
  const out: PageCost[] = [];
  // The probe switched off and on between loads, from an extension page (as the setting would).
  const control = await withExt.context.newPage();
  await control.goto(withExt.extensionUrl('library.html'));
  await control.waitForFunction(async () => {
    const api = (globalThis as unknown as { chrome: typeof browser }).chrome;
    return (await api.scripting.getRegisteredContentScripts()).length === 1;
  });
  const registration = await control.evaluate(async () => {
    const api = (globalThis as unknown as { chrome: typeof browser }).chrome;
    return (await api.scripting.getRegisteredContentScripts())[0];
  });
  const probe = (on: boolean) =>
    control.evaluate(
      async ({ on, registration }) => {
        const api = (globalThis as unknown as { chrome: typeof browser }).chrome;
        if (on) await api.scripting.registerContentScripts([registration as never]);
        else await api.scripting.unregisterContentScripts();
      },
      { on, registration },
    );
  try {
    for (const url of urls) {
      const a: Awaited<ReturnType<typeof load>>[] = [];
      const b: Awaited<ReturnType<typeof load>>[] = [];
      const c: Awaited<ReturnType<typeof load>>[] = [];
      // One warm-up load each, not counted.
      await load(without, url);
      await load(withExt.context, url);
      for (let i = 0; i < runs; i++) {
        a.push(await load(without, url));
        b.push(await load(withExt.context, url));
        await probe(false);
        c.push(await load(withExt.context, url));
        await probe(true);
      }
      out.push({
        page: url.split('/').slice(-2, -1)[0] ?? url,
        scriptMsWithout: median(a.map((r) => r.script)),
        scriptMsWith: median(b.map((r) => r.script)),
        taskMsWithout: median(a.map((r) => r.task)),
        taskMsWith: median(b.map((r) => r.task)),
        extensionContexts: Math.max(...b.map((r) => r.extension)),
        scriptMsProbeOff: median(c.map((r) => r.script)),
        taskMsProbeOff: median(c.map((r) => r.task)),
        addedListeners: Math.max(...b.map((r) => r.listeners)),
      });
    }
  } finally {
    await withExt.close();
    await without.close();
  }
  return out;
}

/**
 * The built article probe run on each loaded page (in the page's own world, where `chrome` is
 * absent: it only looks and listens, it is never woken here), timed over `reps` runs per sample and
 * the median of `samples` samples taken: performance.now() is coarse (0.1 ms) for one run.
 */
export async function measureProbe(urls: string[], samples: number, reps = 200): Promise<ProbeCost[]> {
  const file = join(process.cwd(), '.output/chrome-mv3/article-probe.js');
  const code = readFileSync(file, 'utf8');
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'] });
  const out: ProbeCost[] = [];
  try {
    for (const url of urls) {
      const page = await browser.newPage();
      await page.route(REMOTE, refuse);
      await page.goto(url, { waitUntil: 'load' });
      const { article, us } = await page.evaluate(
        ({ code, samples, reps }) => {
          const added: string[] = [];
          const add = document.addEventListener;
          document.addEventListener = function (this: Document, type: string, ...rest: unknown[]) {
            added.push(type);
            return (add as (...a: unknown[]) => void).call(this, type, ...rest);
          } as typeof add;
          const run = new Function(code);
          run();
          const article = added.length > 0;
          const times: number[] = [];
          for (let s = 0; s < samples; s++) {
            const t = performance.now();
            for (let i = 0; i < reps; i++) run();
            times.push(((performance.now() - t) * 1000) / reps);
          }
          document.addEventListener = add;
          times.sort((x, y) => x - y);
          return { article, us: times[Math.floor(times.length / 2)] as number };
        },
        { code, samples, reps },
      );
      out.push({ page: url.split('/').slice(-2, -1)[0] ?? url, article, runUs: Number(us.toFixed(1)) });
      await page.close();
    }
  } finally {
    await browser.close();
  }
  return out;
}
