/**
 * Real Firefox (Debian's firefox-esr) with the built add-on, through puppeteer-core over WebDriver
 * BiDi. The add-on has a fixed gecko id and the profile pins its internal UUID, so its
 * moz-extension:// URL is known; storage is kept across the temporary re-install a restart needs.
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import type { browser } from 'wxt/browser';

export const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
export const FIREFOX_BUILD = join(process.cwd(), '.output/firefox-mv2');
export const GECKO_ID = 'marginalia@marginalia.example';
export const EXTENSION_UUID = '6a3d3c0e-5b1f-4d55-9a51-6f3f0e2d7c11';

/** Firefox with the add-on, and what tests need to reach its pages. */
export interface FirefoxSession {
  browser: Browser;
  profile: string;
  downloads: string;
  extensionUrl(path: string): string;
  close(): Promise<void>;
}

/** Says how to get Firefox when it is missing. */
export function assertFirefox(): void {
  if (!existsSync(FIREFOX)) {
    throw new Error(`Firefox not found at ${FIREFOX}. Install it: sudo apt-get install -y firefox-esr`);
  }
  if (!existsSync(join(FIREFOX_BUILD, 'manifest.json'))) {
    throw new Error('No Firefox build in .output/firefox-mv2: run `npm run build` first.');
  }
}

/** Launches Firefox with the add-on; pass the same `profile` to restart with its data. */
export async function launchFirefox(
  profile = mkdtempSync(join(tmpdir(), 'marginalia-firefox-')),
  colorScheme: 'light' | 'dark' = 'light',
): Promise<FirefoxSession> {
  assertFirefox();
  const downloads = join(profile, 'downloads');
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    userDataDir: profile,
    defaultViewport: { width: 1200, height: 900 },
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: EXTENSION_UUID }),
      'extensions.webextensions.keepStorageOnUninstall': true,
      'extensions.webextensions.keepUuidOnUninstall': true,
      'intl.locale.requested': 'en-US',
      // The system theme as pages see it (prefers-color-scheme); BiDi cannot emulate it per tab.
      'ui.systemUsesDarkTheme': colorScheme === 'dark' ? 1 : 0,
      'layout.css.prefers-color-scheme.content-override': colorScheme === 'dark' ? 0 : 1,
      // Saved pages name their original hosts: send every remote request to a closed local port,
      // and prefetch nothing, so nothing waits on a network this machine does not have.
      'network.proxy.type': 1,
      'network.proxy.http': '127.0.0.1',
      'network.proxy.http_port': 9,
      'network.proxy.ssl': '127.0.0.1',
      'network.proxy.ssl_port': 9,
      'network.proxy.no_proxies_on': 'localhost, 127.0.0.1',
      'network.dns.disablePrefetch': true,
      'network.predictor.enabled': false,
      'network.http.speculative-parallel-limit': 0,
      'browser.download.folderList': 2,
      'browser.download.dir': downloads,
      'browser.download.useDownloadDir': true,
      'browser.download.always_ask_before_handling_new_types': false,
      'browser.helperApps.neverAsk.saveToDisk': 'text/markdown,application/json,application/zip',
    },
  });
  await browser.installExtension(FIREFOX_BUILD);
  return {
    browser,
    profile,
    downloads,
    extensionUrl: (path) => `moz-extension://${EXTENSION_UUID}/${path.replace(/^\//, '')}`,
    close: () => browser.close(),
  };
}

/** Opens a moz-extension:// page: under BiDi its navigation never resolves, so start it and poll. */
export async function openExtensionPage(session: FirefoxSession, path: string): Promise<Page> {
  const page = await session.browser.newPage();
  const url = session.extensionUrl(path);
  void page.goto(url).catch(() => undefined);
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    const ready = await page
      .evaluate(() => location.href.startsWith('moz-extension:') && document.readyState === 'complete')
      .catch(() => false);
    if (ready) return page;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`Timed out opening ${url}`);
}

/** The tab id of the open tab whose URL starts with `prefix`, asked of the add-on itself. */
export async function tabIdOf(session: FirefoxSession, prefix: string): Promise<number> {
  const page = await openExtensionPage(session, 'library.html');
  const id = await page.evaluate(async (p) => {
    const api = (globalThis as unknown as { browser: typeof browser }).browser;
    const tabs = await api.tabs.query({});
    return tabs.find((t) => t.url?.startsWith(p))?.id ?? -1;
  }, prefix);
  await page.close();
  if (id < 0) throw new Error(`No tab at ${prefix}`);
  return id;
}

export type { Page };
