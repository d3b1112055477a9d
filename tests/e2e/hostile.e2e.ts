/**
 * A hostile page, in real Chromium and Firefox: it runs its own scripts (through the driver, in the
 * page's own world) against the built extension. It cannot make the toolbar appear for a passage
 * it picked, hide the toolbar or slide it under the pointer to harvest a click, cover it with a
 * decoy (Chromium tells: IntersectionObserver v2), nor claim another site's article through its
 * canonical link.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNever, openCards, PAINTED, withBrowser } from '../support/e2e';
import type { BrowserName, Tab } from '../support/harness';
import { selectText } from '../support/select';
import { type FixtureServer, startServer } from '../support/server';

const S1 = 'Phó trưởng Ban Tổ chức Huyện ủy Vĩnh Tường Đàm Văn Hùng cho biết';
const S2 = 'Bên cạnh đó, huyện Vĩnh Tường đưa ra nhiều giải pháp tháo gỡ khó khăn';
const S3 = 'Thời gian tới, ngành Tổ chức xây dựng Đảng tiếp tục vừa chung tay';
const TOOLBAR = { role: 'toolbar', name: 'Marginalia' };
const CARDS = `document.querySelectorAll('article.card').length`;

describe.each<BrowserName>(['chromium', 'firefox'])('a hostile page in %s', (browserName) => {
  const env = withBrowser(browserName);
  let page: Tab;
  let sidebar: Tab;
  let url: string;
  let mallory: FixtureServer;

  beforeAll(async () => {
    url = `${env.server.origin}/seed/vinhphuc.html`;
    mallory = await startServer();
  });
  afterAll(() => mallory?.close());

  /** Waits until the toolbar's button takes clicks, and returns where it is. */
  const armed = async (name: string) => {
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      const at = await page.locate({ role: 'button', name });
      if (at?.armed) return at;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`The toolbar's ${name} button never took clicks`);
  };

  it('shows no toolbar for a selection the page makes by script', async () => {
    page = await env.harness.openPage(url);
    sidebar = await env.harness.openSidebar(await env.harness.tabIdOf(url));
    await sidebar.waitFor(`document.querySelector('header.article h1')`);
    await page.front();
    await page.evaluate(`(() => { const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let n = w.nextNode(); n; n = w.nextNode()) { const i = n.data.indexOf(${JSON.stringify(S1)});
        if (i >= 0) { getSelection().setBaseAndExtent(n, i, n, i + ${S1.length}); return; } } })()`);
    expect(await page.evaluate<string>('getSelection().toString()')).toBe(S1);
    await expectNever(page, `document.querySelector('marginalia-toolbar')?.matches(':popover-open')`);
    expect(await page.count(TOOLBAR)).toBe(0);
    // The user's own selection does show it.
    await selectText(page, S1);
    await page.waitForRole(TOOLBAR);
  });

  it("keeps the toolbar on top and visible against the page's !important styles and decoys", async () => {
    await page.evaluate(`(() => {
      const style = document.createElement('style');
      style.textContent = 'marginalia-toolbar { opacity: 0 !important; visibility: hidden !important; ' +
        'transform: scale(0) !important; display: none !important; clip-path: inset(50%) !important; }';
      document.head.append(style);
      const decoy = document.createElement('div');
      decoy.id = 'decoy';
      decoy.textContent = 'Continue ▶';
      decoy.style.cssText = 'position: fixed; inset: 0; z-index: 2147483647; background: #fff; pointer-events: none; font-size: 40px';
      document.body.append(decoy);
    })()`);
    await selectText(page, S2);
    await armed('Claim');
    const seen = await page.evaluate<{ opacity: string; visibility: string; display: string }>(`(() => {
      const cs = getComputedStyle(document.querySelector('marginalia-toolbar'));
      return { opacity: cs.opacity, visibility: cs.visibility, display: cs.display }; })()`);
    expect(seen).toMatchObject({ opacity: '1', visibility: 'visible', display: 'block' });
    await page.screenshot('hostile-toolbar-over-decoy');
    await page.click({ role: 'button', name: 'Claim' });
    await sidebar.waitFor(`${CARDS} === 1`);
    await page.evaluate(`document.getElementById('decoy').remove()`);
  });

  it('takes no click on a toolbar that has just appeared or moved under the pointer', async () => {
    await selectText(page, S3);
    await armed('Evidence');
    // The page scrolls a pixel (the toolbar follows the selection) and the user's click lands at
    // once: refused, as a toolbar slid under the pointer must be.
    await page.evaluate(`new Promise((resolve) => { scrollBy(0, 1);
      requestAnimationFrame(() => requestAnimationFrame(resolve)); })`);
    const moved = await page.locate({ role: 'button', name: 'Evidence' });
    expect(moved?.armed).toBe(false);
    if (moved) await page.clickAt(moved.x, moved.y);
    await expectNever(sidebar, `${CARDS} !== 1`, 800);
    // Once it has stayed put for a moment, the same click counts.
    await page.click({ role: 'button', name: 'Evidence' });
    await sidebar.waitFor(`${CARDS} === 2`);
  });

  it.skipIf(browserName === 'firefox')(
    'takes no click while a page element in the top layer covers the toolbar (IntersectionObserver v2)',
    async () => {
      await page.front();
      await selectText(page, S1);
      await armed('Opinion');
      await page.evaluate(`(() => { const d = document.createElement('div'); d.id = 'cover'; d.popover = 'manual';
        d.style.cssText = 'position: fixed; inset: 0; width: 100vw; height: 100vh; margin: 0; border: 0; background: #fff; pointer-events: none';
        document.body.append(d); d.showPopover(); })()`);
      const before = await sidebar.evaluate<number>(CARDS);
      // Covered, the toolbar stops taking clicks: the user's click on the decoy creates nothing.
      const deadline = Date.now() + 5_000;
      let at = await page.locate({ role: 'button', name: 'Opinion' });
      while (at?.armed && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 50));
        at = await page.locate({ role: 'button', name: 'Opinion' });
      }
      expect(at?.armed).toBe(false);
      if (at) await page.clickAt(at.x, at.y);
      await expectNever(sidebar, `${CARDS} !== ${before}`, 800);
      await page.evaluate(`document.getElementById('cover').remove()`);
      await page.click({ role: 'button', name: 'Opinion' });
      await sidebar.waitFor(`${CARDS} === ${before + 1}`);
    },
    40_000,
  );

  it("never shows, repaints or renames another site's article through a canonical link", async () => {
    // Mallory copies the article onto her own site (another port here) and declares Alice's URL.
    const copy = readFileSync(join(process.cwd(), 'tests/fixtures/seed/vinhphuc.html'), 'utf8')
      .replace(/<link rel="canonical" href="[^"]*">/, `<link rel="canonical" href="${url}">`)
      .replace(/<meta property="og:url" content="[^"]*">/, `<meta property="og:url" content="${url}">`)
      .replace(/<title>[^<]*<\/title>/, '<title>Mallory renamed it</title>');
    mallory.serveHtml('/copy.html', copy);
    const aliceCards = await sidebar.evaluate<number>(CARDS);
    const evil = `${mallory.origin}/copy.html`;
    const evilPage = await env.harness.openPage(evil);
    await expectNever(evilPage, `${PAINTED} > 0`);
    const evilSidebar = await env.harness.openSidebar(await env.harness.tabIdOf(evil));
    await evilSidebar.waitFor(`document.querySelector('header.article h1')`);
    await expectNever(evilSidebar, `${CARDS} > 0`);
    expect(await evilSidebar.evaluate<string>('document.body.innerText')).not.toContain(S1);
    // A highlight made there is Mallory's article's, not Alice's.
    await evilPage.front();
    await selectText(evilPage, S1);
    await evilPage.click({ role: 'button', name: 'Quote' });
    await evilSidebar.waitFor(`${CARDS} === 1`);
    await page.reload();
    await page.waitFor(`${PAINTED} === ${aliceCards}`);
    await sidebar.waitFor(`${CARDS} === ${aliceCards}`);
    await openCards(sidebar);
    expect(await sidebar.count({ role: 'combobox', name: 'Claim type' })).toBe(aliceCards);
    expect(await sidebar.selected({ role: 'combobox', name: 'Claim type' })).not.toContain('Quote');
    const aliceTitle = await sidebar.evaluate<string>(`document.querySelector('header.article h1').textContent`);
    expect(aliceTitle).not.toContain('Mallory');
    await evilPage.close();
    await evilSidebar.close();
  });
});
