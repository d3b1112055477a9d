/**
 * What the extension costs a page the user does not annotate: the same page loaded in Chromium
 * with the built extension and without it, side by side, and the page's script and task time read
 * with CDP `Performance.getMetrics` (ScriptDuration, TaskDuration). Also the script the extension
 * put into the page: execution contexts it created there (content scripts run in their own world).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';
import { CHROMIUM, launchChromium } from '../support/chromium';

export interface PageCost {
  page: string;
  scriptMsWithout: number;
  scriptMsWith: number;
  taskMsWithout: number;
  taskMsWith: number;
  extensionContexts: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

async function load(context: BrowserContext, url: string) {
  const page = await context.newPage();
  await page.route(/^(?!http:\/\/127\.0\.0\.1)/, (route) => route.abort());
  const cdp = await context.newCDPSession(page);
  const contexts: string[] = [];
  cdp.on('Runtime.executionContextCreated', (e) => contexts.push(e.context.origin));
  await cdp.send('Runtime.enable');
  await cdp.send('Performance.enable');
  await page.goto(url, { waitUntil: 'load' });
  // Anything the extension does after load (the background looks the URL up) has happened by now.
  await page.waitForTimeout(700);
  const { metrics } = await cdp.send('Performance.getMetrics');
  const get = (name: string) => (metrics.find((m) => m.name === name)?.value ?? 0) * 1000;
  const result = {
    script: get('ScriptDuration'),
    task: get('TaskDuration'),
    extension: contexts.filter((o) => /^(chrome-extension|moz-extension):/.test(o)).length,
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
  try {
    for (const url of urls) {
      const a: Awaited<ReturnType<typeof load>>[] = [];
      const b: Awaited<ReturnType<typeof load>>[] = [];
      // One warm-up load each, not counted.
      await load(without, url);
      await load(withExt.context, url);
      for (let i = 0; i < runs; i++) {
        a.push(await load(without, url));
        b.push(await load(withExt.context, url));
      }
      out.push({
        page: url.split('/').slice(-2, -1)[0] ?? url,
        scriptMsWithout: median(a.map((r) => r.script)),
        scriptMsWith: median(b.map((r) => r.script)),
        taskMsWithout: median(a.map((r) => r.task)),
        taskMsWith: median(b.map((r) => r.task)),
        extensionContexts: Math.max(...b.map((r) => r.extension)),
      });
    }
  } finally {
    await withExt.close();
    await without.close();
  }
  return out;
}
