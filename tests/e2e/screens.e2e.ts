/**
 * The screens a reader sees in their first hour, in both browsers, English and Vietnamese, light and
 * dark: the toolbar on an article page with the sidebar never opened, the sidebar with ten
 * highlights (cards read first), a focused card with its controls, and the library searching. Each
 * state is checked (what it must show, axe with no serious or critical violation) and
 * photographed: test-results/screenshots/<browser>/screen-<what>-<lang>-<scheme>.png.
 */
import { describe, expect, it } from 'vitest';
import { runAxe, serious } from '../support/axe';
import { PAINTED, resize, TEN_PASSAGES, withBrowser } from '../support/e2e';
import type { BrowserName, Tab } from '../support/harness';
import { selectText } from '../support/select';

const PASSAGES = TEN_PASSAGES;
/** A passage left unhighlighted, selected for the toolbar's picture. */
const FREE = 'Cán bộ Ban Tổ chức Tỉnh ủy rà soát hồ sơ cán bộ';

const WORDS = {
  en: { settings: 'Settings', language: 'Language', search: 'Search quotes, notes, tags and titles', claim: 'Claim' },
  vi: {
    settings: 'Cài đặt',
    language: 'Ngôn ngữ',
    search: 'Tìm trong trích dẫn, ghi chú, thẻ và tiêu đề',
    claim: 'Nhận định',
  },
} as const;

async function noSeriousAxe(tab: Tab): Promise<void> {
  const found = serious(await runAxe(tab));
  expect(found, JSON.stringify(found, null, 1)).toEqual([]);
}

describe.each<BrowserName>(['chromium', 'firefox'])('screens in %s', (browserName) => {
  const env = withBrowser(browserName);
  let url: string;
  const seen: Record<string, number> = {};

  it('ten highlights made from the toolbar, the sidebar never opened', async () => {
    url = `${env.server.origin}/seed/vinhphuc.html`;
    // The background registers the probe as it starts; wait for it as a page opened later would.
    const library = await env.harness.openExtensionPage('library.html');
    await library.waitFor(`(globalThis.browser ?? globalThis.chrome).scripting.getRegisteredContentScripts()
      .then((s) => s.length === 1)`);
    await library.close();
    const page = await env.harness.openPage(url);
    for (const [i, [passage, button]] of PASSAGES.entries()) {
      await selectText(page, passage);
      await page.click({ role: 'button', name: button });
      await page.waitFor(`${PAINTED} === ${i + 1}`);
    }
    await page.close();
  });

  for (const scheme of ['light', 'dark'] as const) {
    for (const lang of ['en', 'vi'] as const) {
      it(`${lang}, ${scheme}: toolbar, sidebar, focused card, library search`, async () => {
        const words = WORDS[lang];
        if (browserName === 'firefox' && scheme === 'dark' && lang === 'en') {
          // Firefox under BiDi has no per-tab theme: restart with a dark system theme.
          await env.harness.restart({ colorScheme: 'dark' });
        }
        const theme = async (tab: Tab) => {
          if (browserName === 'chromium') await tab.colorScheme(scheme);
        };
        // The UI language, chosen in the library's settings as a user would.
        const settings = await env.harness.openExtensionPage('library.html');
        await settings.waitForRole({ role: 'tab', name: '^(Settings|Cài đặt)$', regex: true });
        await settings.click({ role: 'tab', name: '^(Settings|Cài đặt)$', regex: true });
        // Each option is named in the language the UI is in now.
        const inVietnamese = (await settings.count({ role: 'tab', name: 'Cài đặt' })) > 0;
        const option = { en: ['English', 'English (Tiếng Anh)'], vi: ['Tiếng Việt (Vietnamese)', 'Tiếng Việt'] }[lang];
        await settings.choose(
          { role: 'combobox', name: '^(Language|Ngôn ngữ)$', regex: true },
          option[inVietnamese ? 1 : 0] as string,
        );
        await settings.waitForRole({ role: 'tab', name: words.settings });
        await settings.close();

        // The page: its highlights back, and the toolbar for a new selection (sidebar closed).
        const page = await env.harness.openPage(url);
        await theme(page);
        await page.waitFor(`${PAINTED} === ${PASSAGES.length}`);
        await selectText(page, FREE);
        await page.waitForRole({ role: 'toolbar', name: 'Marginalia' });
        await page.waitForRole({ role: 'button', name: words.claim });
        await page.screenshot(`screen-toolbar-${lang}-${scheme}`);
        await page.press('Escape');

        // The sidebar at 400×900: ten cards, read first.
        const sidebar = await env.harness.openSidebar(await env.harness.tabIdOf(url));
        await theme(sidebar);
        await resize(sidebar, 400, 900);
        await sidebar.waitFor(`document.querySelectorAll('article.card').length === ${PASSAGES.length}`);
        const inView = `[...document.querySelectorAll('article.card')].filter((c) => {
          const r = c.getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; }).length`;
        seen[`on opening, ${lang} ${scheme}`] = await sidebar.evaluate<number>(inView);
        await sidebar.screenshot(`screen-sidebar-${lang}-${scheme}`);
        await sidebar.evaluate(`document.querySelector('.cards').scrollIntoView({ block: 'start' })`);
        seen[`list scrolled to, ${lang} ${scheme}`] = await sidebar.evaluate<number>(inView);
        await sidebar.evaluate(`scrollTo(0, 0)`);
        await noSeriousAxe(sidebar);
        // A focused card (J): its controls show, the others stay read-first.
        await sidebar.evaluate(`document.activeElement?.blur()`);
        await sidebar.press('j');
        await sidebar.waitFor(
          `document.activeElement?.closest('article.card') === document.querySelector('article.card')`,
        );
        await sidebar.waitFor(
          `[...document.querySelectorAll('.card-edit')].filter((e) => e.checkVisibility()).length === 1`,
        );
        await sidebar.screenshot(`screen-focused-${lang}-${scheme}`);
        await noSeriousAxe(sidebar);
        await sidebar.close();

        // The library searching (accents optional).
        const library = await env.harness.openExtensionPage('library.html');
        await theme(library);
        await library.waitForRole({ role: 'textbox', name: words.search });
        await library.type({ role: 'textbox', name: words.search }, 'to chuc dang');
        await library.waitFor(`document.querySelectorAll('.lib-quote mark').length > 0`);
        await library.screenshot(`screen-library-${lang}-${scheme}`);
        await noSeriousAxe(library);
        // Settings → Sync, its form labelled in the UI's language.
        await library.click({ role: 'tab', name: words.settings });
        await library.waitFor(`!!document.querySelector('.sync-form')`);
        await library.evaluate(`document.querySelector('#lib-sync').scrollIntoView({ block: 'start' })`);
        await library.screenshot(`screen-sync-${lang}-${scheme}`);
        await noSeriousAxe(library);
        await library.close();
        await page.close();
      });
    }
  }

  it('says how many cards fit', () => {
    console.log(`${browserName}: ${JSON.stringify(seen)}`);
    for (const [k, n] of Object.entries(seen)) if (k.startsWith('list')) expect(n, k).toBe(PASSAGES.length);
  });
});
