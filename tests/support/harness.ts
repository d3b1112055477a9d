/**
 * One small driver interface over both real browsers, so each end-to-end scenario is written once
 * and run in Chromium (playwright-core) and Firefox (puppeteer-core, WebDriver BiDi). Clicks and
 * typing are real input events (trusted), aimed at elements found by role and accessible name.
 */
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page as PwPage } from 'playwright-core';
import type { Page as PpPage } from 'puppeteer-core';
import { findByRoleInPage, locateByRoleInPage, type RoleQuery } from './a11y';
import { type ChromiumSession, tabIdOf as chromiumTabIdOf, launchChromium } from './chromium';
import { type FirefoxSession, tabIdOf as firefoxTabIdOf, launchFirefox, openExtensionPage } from './firefox';

export type BrowserName = 'chromium' | 'firefox';

/** A tab the test drives. */
export interface Tab {
  evaluate<R>(fn: string | ((arg: never) => R), arg?: unknown): Promise<R>;
  /** Clicks the element with this role and name (a trusted mouse click). */
  click(q: RoleQuery): Promise<void>;
  /** Focuses the field with this role and name, clears it, and types `text`. */
  type(q: RoleQuery, text: string): Promise<void>;
  press(key: string): Promise<void>;
  /** Picks the option with this text in the combobox with this role and name (as a user would). */
  choose(q: RoleQuery, option: string): Promise<void>;
  /** Emulates the system's light or dark theme (prefers-color-scheme) for this tab. */
  colorScheme(scheme: 'light' | 'dark'): Promise<void>;
  /** Puts a file into the file input matched by a CSS selector (a user choosing a file). */
  setFile(selector: string, path: string): Promise<void>;
  /** A trusted mouse click at viewport coordinates. */
  clickAt(x: number, y: number): Promise<void>;
  /** How many elements match. */
  count(q: RoleQuery): Promise<number>;
  /** The accessible names (aria-label, else text) of the matches, in order. */
  names(q: RoleQuery): Promise<string[]>;
  /** The selected option's text of each matching combobox, in order. */
  selected(q: RoleQuery): Promise<string[]>;
  /** Waits until `predicate` (in the page) is truthy. */
  waitFor(predicate: string, timeoutMs?: number): Promise<void>;
  /** Waits until an element with this role and name shows. */
  waitForRole(q: RoleQuery, timeoutMs?: number): Promise<void>;
  reload(): Promise<void>;
  front(): Promise<void>;
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

/** A browser with the extension loaded. */
export interface Harness {
  name: BrowserName;
  openPage(url: string): Promise<Tab>;
  /** The sidebar page for a tab, opened in a tab of its own (automation cannot open the panel). */
  openSidebar(tabId: number): Promise<Tab>;
  openExtensionPage(path: string): Promise<Tab>;
  tabIdOf(urlPrefix: string): Promise<number>;
  /** Runs `trigger` and returns the file it downloads. */
  download(trigger: () => Promise<void>): Promise<{ name: string; text: string; bytes: Buffer }>;
  /** Stops the extension's background (MV3 service worker) as the browser does when idle. */
  stopBackground?(): Promise<void>;
  /** Closes the browser and starts it again on the same profile (optionally with a dark system theme). */
  restart(options?: { colorScheme?: 'light' | 'dark' }): Promise<void>;
  close(): Promise<void>;
}

export const SCREENSHOTS = join(process.cwd(), 'test-results/screenshots');

const ROLE_QUERIES: Record<string, string> = {
  locate: 'return locate(q);',
  count: 'return findByRoleInPage(q).length;',
  names: "return findByRoleInPage(q).map((e) => (e.getAttribute('aria-label') ?? e.textContent ?? '').trim());",
  selected: "return findByRoleInPage(q).map((e) => e.selectedOptions?.[0]?.textContent ?? '');",
  choose:
    'const el = findByRoleInPage(q)[q.nth ?? 0]; if (!el) return "none"; el.focus(); ' +
    'const opt = [...el.options].find((o) => o.textContent.trim() === q.option); if (!opt) return "no option"; ' +
    'el.value = opt.value; el.dispatchEvent(new Event("input", { bubbles: true })); ' +
    'el.dispatchEvent(new Event("change", { bubbles: true })); return "ok";',
};

/** A self-contained script running one role query in the page. */
const roleScript = (q: RoleQuery, what: keyof typeof ROLE_QUERIES) =>
  `(() => { const findByRoleInPage = ${findByRoleInPage.toString()}; const locate = ${locateByRoleInPage.toString()}; ` +
  `const q = ${JSON.stringify(q)}; ${ROLE_QUERIES[what]} })()`;

const describe = (q: RoleQuery) => `${q.role} "${q.name ?? ''}"${q.nth ? ` #${q.nth}` : ''}`;

/** The common part: everything is done through evaluate, mouse and keyboard. */
abstract class BaseTab implements Tab {
  constructor(protected readonly browserName: BrowserName) {}
  abstract evaluate<R>(fn: string | ((arg: never) => R), arg?: unknown): Promise<R>;
  protected abstract mouseClick(x: number, y: number): Promise<void>;
  protected abstract keyboardType(text: string): Promise<void>;
  abstract press(key: string): Promise<void>;
  abstract setFile(selector: string, path: string): Promise<void>;
  abstract reload(): Promise<void>;
  abstract front(): Promise<void>;
  protected abstract shot(path: string): Promise<void>;
  abstract close(): Promise<void>;

  clickAt(x: number, y: number): Promise<void> {
    return this.mouseClick(x, y);
  }

  async waitFor(predicate: string, timeoutMs = 15_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let last: unknown;
    while (Date.now() < deadline) {
      try {
        if (await this.evaluate(`(() => { return !!(${predicate}); })()`)) return;
      } catch (e) {
        last = e;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    const seen = await this.evaluate<string>('document.body?.innerText.slice(0, 1200) ?? ""').catch(() => '?');
    throw new Error(`Timed out waiting for ${predicate}${last ? ` (${String(last)})` : ''}; page shows: ${seen}`);
  }

  async waitForRole(q: RoleQuery, timeoutMs = 15_000): Promise<void> {
    await this.waitFor(`${roleScript(q, 'count')} > 0`, timeoutMs).catch(() => {
      throw new Error(`No ${describe(q)} appeared`);
    });
  }

  async count(q: RoleQuery): Promise<number> {
    return this.evaluate<number>(roleScript(q, 'count'));
  }

  names(q: RoleQuery): Promise<string[]> {
    return this.evaluate<string[]>(roleScript(q, 'names'));
  }

  selected(q: RoleQuery): Promise<string[]> {
    return this.evaluate<string[]>(roleScript(q, 'selected'));
  }

  async click(q: RoleQuery): Promise<void> {
    await this.waitForRole(q);
    const at = await this.evaluate<{ x: number; y: number } | null>(roleScript(q, 'locate'));
    if (!at) throw new Error(`No ${describe(q)} to click`);
    await this.mouseClick(at.x, at.y);
  }

  async type(q: RoleQuery, text: string): Promise<void> {
    await this.click(q);
    await this.evaluate(`(() => { const el = document.activeElement; if (el && 'value' in el) el.select?.(); })()`);
    await this.press('Backspace');
    await this.keyboardType(text);
  }

  async choose(q: RoleQuery, option: string): Promise<void> {
    await this.waitForRole(q);
    const result = await this.evaluate<string>(roleScript({ ...q, option } as RoleQuery, 'choose'));
    if (result !== 'ok') throw new Error(`Cannot choose "${option}" in ${describe(q)}: ${result}`);
  }

  abstract colorScheme(scheme: 'light' | 'dark'): Promise<void>;

  async screenshot(name: string): Promise<string> {
    const dir = join(SCREENSHOTS, this.browserName);
    mkdirSync(dir, { recursive: true });
    const path = join(dir, `${name}.png`);
    await this.shot(path);
    return path;
  }
}

class PlaywrightTab extends BaseTab {
  constructor(readonly page: PwPage) {
    super('chromium');
    // Uncaught errors of extension pages show in the test output.
    page.on('pageerror', (e) => console.error(`[page error] ${page.url()}: ${e.stack ?? e.message}`));
  }
  setFile(selector: string, path: string) {
    return this.page.setInputFiles(selector, path);
  }
  evaluate<R>(fn: string | ((arg: never) => R), arg?: unknown): Promise<R> {
    return this.page.evaluate(fn as never, arg as never) as Promise<R>;
  }
  protected mouseClick(x: number, y: number) {
    return this.page.mouse.click(x, y);
  }
  protected keyboardType(text: string) {
    return this.page.keyboard.type(text);
  }
  press(key: string) {
    return this.page.keyboard.press(key);
  }
  async reload() {
    await this.page.reload();
  }
  front() {
    return this.page.bringToFront();
  }
  protected async shot(path: string) {
    await this.page.screenshot({ path });
  }
  colorScheme(scheme: 'light' | 'dark') {
    return this.page.emulateMedia({ colorScheme: scheme });
  }
  close() {
    return this.page.close();
  }
}

class PuppeteerTab extends BaseTab {
  constructor(readonly page: PpPage) {
    super('firefox');
  }
  async setFile(selector: string, path: string) {
    const input = await this.page.$(selector);
    if (!input) throw new Error(`No ${selector}`);
    await (input as unknown as { uploadFile(p: string): Promise<void> }).uploadFile(path);
  }
  evaluate<R>(fn: string | ((arg: never) => R), arg?: unknown): Promise<R> {
    return (
      typeof fn === 'string' ? this.page.evaluate(fn) : this.page.evaluate(fn as never, arg as never)
    ) as Promise<R>;
  }
  protected mouseClick(x: number, y: number) {
    return this.page.mouse.click(x, y);
  }
  protected keyboardType(text: string) {
    return this.page.keyboard.type(text);
  }
  async press(key: string) {
    // BiDi knows single keys only: hold the modifiers of a chord like Control+Enter.
    const keys = key.split('+');
    const main = keys.pop() as string;
    for (const k of keys) await this.page.keyboard.down(k as never);
    await this.page.keyboard.press(main as never);
    for (const k of keys.reverse()) await this.page.keyboard.up(k as never);
  }
  async reload() {
    await this.page.reload();
  }
  front() {
    return this.page.bringToFront();
  }
  protected async shot(path: string) {
    await this.page.screenshot({ path: path as `${string}.png` });
  }
  async colorScheme(_scheme: 'light' | 'dark') {
    // Firefox under BiDi cannot emulate media features per tab: restart with a dark system theme.
    throw new Error('Firefox: use harness.restart({ colorScheme }) for the system theme');
  }
  close() {
    return this.page.close();
  }
}

async function chromiumHarness(): Promise<Harness> {
  let session: ChromiumSession = await launchChromium();
  return {
    name: 'chromium',
    async openPage(url) {
      const page = await session.context.newPage();
      await page.goto(url);
      return new PlaywrightTab(page);
    },
    async openSidebar(tabId) {
      const page = await session.context.newPage();
      await page.goto(session.extensionUrl(`sidepanel.html?tabId=${tabId}`));
      return new PlaywrightTab(page);
    },
    async openExtensionPage(path) {
      const page = await session.context.newPage();
      await page.goto(session.extensionUrl(path));
      return new PlaywrightTab(page);
    },
    tabIdOf: (prefix) => chromiumTabIdOf(session, prefix),
    async stopBackground() {
      // The ServiceWorker domain sees the extension's worker from a page of the extension's origin.
      const page = await session.context.newPage();
      await page.goto(session.extensionUrl('library.html'));
      const cdp = await session.context.newCDPSession(page);
      let stopped = false;
      cdp.on('ServiceWorker.workerVersionUpdated', (e) => {
        if (e.versions.some((v) => v.runningStatus === 'stopped')) stopped = true;
      });
      await cdp.send('ServiceWorker.enable');
      await cdp.send('ServiceWorker.stopAllWorkers');
      const deadline = Date.now() + 10_000;
      while (!stopped && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      await cdp.detach();
      await page.close();
      if (!stopped) throw new Error('The background service worker did not stop');
    },
    async download(trigger) {
      const pages = session.context.pages();
      const waits = pages.map((p) => p.waitForEvent('download', { timeout: 15_000 }));
      await trigger();
      const d = await Promise.any(waits);
      const bytes = readFileSync(await d.path());
      return { name: d.suggestedFilename(), text: bytes.toString('utf8'), bytes };
    },
    async restart() {
      const profile = session.profile;
      await session.close();
      session = await launchChromium(profile);
    },
    close: () => session.close(),
  };
}

async function firefoxHarness(): Promise<Harness> {
  let session: FirefoxSession = await launchFirefox();
  return {
    name: 'firefox',
    async openPage(url) {
      const page = await session.browser.newPage();
      // A saved page's blocked subresources or frames can fail the BiDi navigation although the
      // page itself loaded; judge by the document instead.
      await page.goto(url).catch(() => undefined);
      const tab = new PuppeteerTab(page);
      await tab.waitFor(`location.href === ${JSON.stringify(url)} && document.readyState !== 'loading'`);
      return tab;
    },
    async openSidebar(tabId) {
      return new PuppeteerTab(await openExtensionPage(session, `sidepanel.html?tabId=${tabId}`));
    },
    async openExtensionPage(path) {
      return new PuppeteerTab(await openExtensionPage(session, path));
    },
    tabIdOf: (prefix) => firefoxTabIdOf(session, prefix),
    async download(trigger) {
      const before = new Set(safeList(session.downloads));
      await trigger();
      const deadline = Date.now() + 15_000;
      while (Date.now() < deadline) {
        const fresh = safeList(session.downloads).filter((f) => !before.has(f) && !f.endsWith('.part'));
        const [name] = fresh;
        if (name) {
          await new Promise((r) => setTimeout(r, 200));
          const bytes = readFileSync(join(session.downloads, name));
          return { name, text: bytes.toString('utf8'), bytes };
        }
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`No download appeared in ${session.downloads}`);
    },
    async restart(options) {
      const profile = session.profile;
      await session.close();
      session = await launchFirefox(profile, options?.colorScheme);
    },
    close: () => session.close(),
  };
}

function safeList(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/** Starts the named browser with the built extension. */
export function launchHarness(name: BrowserName): Promise<Harness> {
  return name === 'chromium' ? chromiumHarness() : firefoxHarness();
}
