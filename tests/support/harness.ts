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
  /** A trusted mouse drag (press, move in steps, release) between viewport coordinates. */
  drag(x1: number, y1: number, x2: number, y2: number): Promise<void>;
  /** How many elements match. */
  count(q: RoleQuery): Promise<number>;
  /** The first match's centre, and whether it takes clicks yet (the page toolbar arms itself). */
  locate(q: RoleQuery): Promise<{ x: number; y: number; armed: boolean } | null>;
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
  locate: 'return locate(q, roots);',
  count: 'return findByRoleInPage(q, roots).length;',
  names: "return findByRoleInPage(q, roots).map((e) => (e.getAttribute('aria-label') ?? e.textContent ?? '').trim());",
  selected: "return findByRoleInPage(q, roots).map((e) => e.selectedOptions?.[0]?.textContent ?? '');",
  choose:
    'const el = findByRoleInPage(q, roots)[q.nth ?? 0]; if (!el) return "none"; el.focus(); ' +
    'const opt = [...el.options].find((o) => o.textContent.trim() === q.option); if (!opt) return "no option"; ' +
    'el.value = opt.value; el.dispatchEvent(new Event("input", { bubbles: true })); ' +
    'el.dispatchEvent(new Event("change", { bubbles: true })); return "ok";',
};

/**
 * A self-contained function declaration running one role query in the page. It takes the page's
 * closed shadow roots (Marginalia's toolbar), which page scripts cannot reach but a user, assistive
 * technology and the test driver can, and returns its answer as JSON.
 */
const roleScript = (q: RoleQuery, what: keyof typeof ROLE_QUERIES) =>
  `(...roots) => { const findByRoleInPage = ${findByRoleInPage.toString()}; const locate = ${locateByRoleInPage.toString()}; ` +
  `const q = ${JSON.stringify(q)}; return JSON.stringify((() => { ${ROLE_QUERIES[what]} })() ?? null); }`;

/** The elements whose closed shadow roots role queries look into. */
export const CLOSED_HOSTS = 'marginalia-toolbar';

const describe = (q: RoleQuery) => `${q.role} "${q.name ?? ''}"${q.nth ? ` #${q.nth}` : ''}`;

/** The common part: everything is done through evaluate, mouse and keyboard. */
abstract class BaseTab implements Tab {
  constructor(protected readonly browserName: BrowserName) {}
  abstract evaluate<R>(fn: string | ((arg: never) => R), arg?: unknown): Promise<R>;
  /** Calls a function declaration in the page with the closed shadow roots of CLOSED_HOSTS; JSON back. */
  protected abstract callWithClosedRoots(fn: string): Promise<string>;
  protected abstract mouseClick(x: number, y: number): Promise<void>;
  protected abstract mouse(): {
    move(x: number, y: number, options?: { steps?: number }): Promise<void>;
    down(): Promise<void>;
    up(): Promise<void>;
  };
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

  async drag(x1: number, y1: number, x2: number, y2: number): Promise<void> {
    const mouse = this.mouse();
    await mouse.move(x1, y1);
    await mouse.down();
    await mouse.move((x1 + x2) / 2, (y1 + y2) / 2, { steps: 3 });
    await mouse.move(x2, y2, { steps: 3 });
    await mouse.up();
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

  /** Runs a role query (see roleScript). */
  protected async role<R>(q: RoleQuery, what: keyof typeof ROLE_QUERIES): Promise<R> {
    return JSON.parse(await this.callWithClosedRoots(roleScript(q, what))) as R;
  }

  /** Polls `probe` until it gives a truthy value, and returns it. */
  protected async poll<R>(probe: () => Promise<R>, what: string, timeoutMs = 15_000): Promise<R> {
    const deadline = Date.now() + timeoutMs;
    let last: unknown;
    while (Date.now() < deadline) {
      try {
        const value = await probe();
        if (value) return value;
      } catch (e) {
        last = e;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    const seen = await this.evaluate<string>('document.body?.innerText.slice(0, 1200) ?? ""').catch(() => '?');
    throw new Error(`${what}${last ? ` (${String(last)})` : ''}; page shows: ${seen}`);
  }

  async waitForRole(q: RoleQuery, timeoutMs = 15_000): Promise<void> {
    await this.poll(async () => (await this.count(q)) > 0, `No ${describe(q)} appeared`, timeoutMs);
  }

  count(q: RoleQuery): Promise<number> {
    return this.role<number>(q, 'count');
  }

  locate(q: RoleQuery): Promise<{ x: number; y: number; armed: boolean } | null> {
    return this.role(q, 'locate');
  }

  names(q: RoleQuery): Promise<string[]> {
    return this.role<string[]>(q, 'names');
  }

  selected(q: RoleQuery): Promise<string[]> {
    return this.role<string[]>(q, 'selected');
  }

  /**
   * Clicks the match with a real mouse, once it can take a click: Marginalia's page toolbar takes
   * clicks only after it has been on screen for a moment (it marks itself `data-armed` then).
   */
  async click(q: RoleQuery): Promise<void> {
    await this.waitForRole(q);
    const at = await this.poll(
      async () => {
        const found = await this.locate(q);
        return found?.armed ? found : null;
      },
      `No ${describe(q)} to click`,
    );
    if (at) await this.mouseClick(at.x, at.y);
  }

  async type(q: RoleQuery, text: string): Promise<void> {
    await this.click(q);
    await this.evaluate(`(() => { const el = document.activeElement; if (el && 'value' in el) el.select?.(); })()`);
    await this.press('Backspace');
    await this.keyboardType(text);
  }

  async choose(q: RoleQuery, option: string): Promise<void> {
    await this.waitForRole(q);
    const result = await this.role<string>({ ...q, option } as RoleQuery, 'choose');
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
  protected async callWithClosedRoots(fn: string): Promise<string> {
    // CDP sees closed shadow roots (DOM.describeNode with pierce) and hands them to the call.
    const cdp = await this.page.context().newCDPSession(this.page);
    try {
      const { result } = await cdp.send('Runtime.evaluate', {
        expression: `[...document.querySelectorAll(${JSON.stringify(CLOSED_HOSTS)})]`,
      });
      const { result: props } = await cdp.send('Runtime.getProperties', {
        objectId: result.objectId as string,
        ownProperties: true,
      });
      const roots: { objectId: string }[] = [];
      for (const p of props) {
        if (!/^\d+$/.test(p.name) || !p.value?.objectId) continue;
        const { node } = await cdp.send('DOM.describeNode', { objectId: p.value.objectId, depth: 1, pierce: true });
        for (const root of node.shadowRoots ?? []) {
          const { object } = await cdp.send('DOM.resolveNode', { backendNodeId: root.backendNodeId });
          if (object.objectId) roots.push({ objectId: object.objectId });
        }
      }
      const call = await cdp.send('Runtime.callFunctionOn', {
        functionDeclaration: fn,
        objectId: result.objectId as string,
        arguments: roots,
        returnByValue: true,
      });
      if (call.exceptionDetails) throw new Error(call.exceptionDetails.exception?.description ?? 'role query failed');
      return call.result.value as string;
    } finally {
      await cdp.detach().catch(() => undefined);
    }
  }
  protected mouseClick(x: number, y: number) {
    return this.page.mouse.click(x, y);
  }
  protected mouse() {
    return this.page.mouse;
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
  protected async callWithClosedRoots(fn: string): Promise<string> {
    // WebDriver BiDi serialises closed shadow roots when asked (includeShadowTree: 'all').
    const realm = (this.page.mainFrame() as unknown as { realms: { default: { realm: BidiRealm } } }).realms.default
      .realm;
    const hosts = await realm.evaluate(`[...document.querySelectorAll(${JSON.stringify(CLOSED_HOSTS)})]`, false, {
      serializationOptions: { includeShadowTree: 'all', maxDomDepth: 0 },
      resultOwnership: 'none',
    });
    if (hosts.type !== 'success') throw new Error(`role query failed: ${JSON.stringify(hosts)}`);
    const roots = ((hosts.result.value ?? []) as { value?: { shadowRoot?: { sharedId?: string } | null } }[])
      .map((h) => h.value?.shadowRoot?.sharedId)
      .filter((id): id is string => !!id)
      .map((sharedId) => ({ sharedId }));
    const call = await realm.callFunction(fn, false, { arguments: roots, resultOwnership: 'none' });
    if (call.type !== 'success') throw new Error(`role query failed: ${JSON.stringify(call.exceptionDetails ?? call)}`);
    return call.result.value as string;
  }
  protected mouseClick(x: number, y: number) {
    return this.page.mouse.click(x, y);
  }
  protected mouse() {
    return this.page.mouse;
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

/** The part of puppeteer's BiDi realm the closed-root query uses (script.evaluate / callFunction). */
interface BidiRealm {
  evaluate(
    expression: string,
    awaitPromise: boolean,
    options: object,
  ): Promise<{ type: string; result: { value?: unknown }; exceptionDetails?: unknown }>;
  callFunction(
    fn: string,
    awaitPromise: boolean,
    options: object,
  ): Promise<{ type: string; result: { value?: unknown }; exceptionDetails?: unknown }>;
}

/** A driven Chromium tab from a Playwright page (the demo drives its own browser). */
export function playwrightTab(page: PwPage): Tab {
  return new PlaywrightTab(page);
}

async function chromiumHarness(profile?: string): Promise<Harness> {
  let session: ChromiumSession = await launchChromium(profile);
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

async function firefoxHarness(profile?: string): Promise<Harness> {
  let session: FirefoxSession = await launchFirefox(profile);
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

/** Starts the named browser with the built extension (on a fresh profile, or the one given). */
export function launchHarness(name: BrowserName, profile?: string): Promise<Harness> {
  return name === 'chromium' ? chromiumHarness(profile) : firefoxHarness(profile);
}
