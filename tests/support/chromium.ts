/**
 * Real Chromium (Debian's /usr/bin/chromium) with the built extension loaded, through
 * playwright-core. The extension id comes from its service worker's URL.
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import type { browser } from 'wxt/browser';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROME_BUILD = join(process.cwd(), '.output/chrome-mv3');

/** Chromium with the extension, and what tests need to reach its pages. */
export interface ChromiumSession {
  context: BrowserContext;
  extensionId: string;
  profile: string;
  extensionUrl(path: string): string;
  close(): Promise<void>;
}

/** Says how to get Chromium when it is missing. */
export function assertChromium(): void {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}. Install it: sudo apt-get install -y chromium`);
  }
  if (!existsSync(join(CHROME_BUILD, 'manifest.json'))) {
    throw new Error('No Chrome build in .output/chrome-mv3: run `npm run build` first.');
  }
}

/**
 * Chromium as a user runs it, for the benchmark's library part (`npm run bench:scale`) and `npm
 * start`: without Playwright's default `--disable-renderer-backgrounding`. With that switch the
 * browser never updates a renderer's priority, so the extension's process, started in the background
 * for its service worker when the browser starts, stays there while its pages are shown: V8 then runs
 * every full collection of those pages in its memory-reducing mode (`--js-flags=--trace-gc` shows
 * "Mark-Compact (reduce)"), which compacts each time and grows the heap in small steps. A user's
 * browser has no such switch. The sync part launches this way too (its figures were the same either
 * way, 2,000 and 10,000 highlights, interleaved); the cold page and page cost parts keep Playwright's
 * defaults, as every run before measured them.
 */
export const AS_USERS_BROWSER = { asUsersBrowser: true } as const;

/** Launches Chromium with the extension; pass the same `profile` to restart with its data. */
export async function launchChromium(
  profile = mkdtempSync(join(tmpdir(), 'marginalia-chromium-')),
  headless = true,
  { asUsersBrowser = false }: { asUsersBrowser?: boolean } = {},
): Promise<ChromiumSession> {
  assertChromium();
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless,
    viewport: { width: 1200, height: 900 },
    locale: 'en-US',
    acceptDownloads: true,
    // A headed window (npm start) without the "controlled by automated test software" bar.
    ignoreDefaultArgs: [
      ...(headless ? [] : ['--enable-automation']),
      ...(asUsersBrowser ? ['--disable-renderer-backgrounding'] : []),
    ],
    args: [
      `--disable-extensions-except=${CHROME_BUILD}`,
      `--load-extension=${CHROME_BUILD}`,
      // Chromium refuses to run as root with its sandbox; only then is it turned off. `--test-type`
      // keeps a headed window free of the "unsupported command-line flag" bar that flag brings.
      ...(process.getuid?.() === 0 ? ['--no-sandbox', '--test-type'] : []),
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--lang=en-US',
      // Saved pages name their original hosts (DNS prefetch, preconnect): answer every one at once
      // with "not found", so nothing waits on a network this machine does not have.
      '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1',
    ],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 20_000 }));
  const extensionId = new URL(worker.url()).host;
  return {
    context,
    extensionId,
    profile,
    extensionUrl: (path) => `chrome-extension://${extensionId}/${path.replace(/^\//, '')}`,
    close: () => context.close(),
  };
}

/** The tab id of the open tab whose URL starts with `prefix`, asked of the extension itself. */
export async function tabIdOf(session: ChromiumSession, prefix: string): Promise<number> {
  const page = await session.context.newPage();
  await page.goto(session.extensionUrl('library.html'));
  const id = await page.evaluate(async (p) => {
    const api = (globalThis as unknown as { chrome: typeof browser }).chrome;
    const tabs = await api.tabs.query({});
    return tabs.find((t) => t.url?.startsWith(p))?.id ?? -1;
  }, prefix);
  await page.close();
  if (id < 0) throw new Error(`No tab at ${prefix}`);
  return id;
}

export type { Page };
