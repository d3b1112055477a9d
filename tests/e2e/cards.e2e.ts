/**
 * Cards read first and edit on demand: in a 400×900 sidebar with ten highlights, the cards as they
 * are read (quote, type, status, tags, note) against the same cards with every control open (the
 * old layout), in the same run; the controls open with the focus (J, a click) and close when it
 * leaves. Screenshots: cards-read-first, cards-open.
 */
import { describe, expect, it } from 'vitest';
import { openCards, resize, TEN_PASSAGES, withBrowser } from '../support/e2e';
import type { BrowserName } from '../support/harness';
import { selectText } from '../support/select';

const PASSAGES = TEN_PASSAGES;

/** Cards wholly inside the sidebar's viewport, with the list scrolled to its first card. */
const CARDS_IN_VIEW = `(() => {
  document.querySelector('.cards').scrollIntoView({ block: 'start' });
  return [...document.querySelectorAll('article.card')].filter((c) => {
    const r = c.getBoundingClientRect();
    return r.top >= 0 && r.bottom <= innerHeight;
  }).length;
})()`;

describe.each<BrowserName>(['chromium', 'firefox'])('cards in %s', (browserName) => {
  const env = withBrowser(browserName);

  it('fit at least twice as many to a 400×900 panel as with every control open', async () => {
    const url = `${env.server.origin}/seed/vinhphuc.html`;
    const page = await env.harness.openPage(url);
    const sidebar = await env.harness.openSidebar(await env.harness.tabIdOf(url));
    await sidebar.waitFor(`document.querySelector('header.article h1')`);
    for (const [i, [passage, button]] of PASSAGES.entries()) {
      await page.front();
      await selectText(page, passage);
      await page.click({ role: 'button', name: button });
      await sidebar.waitFor(`document.querySelectorAll('article.card').length === ${i + 1}`);
    }
    await sidebar.front();
    await resize(sidebar, 400, 900);
    await sidebar.waitFor(`innerWidth === 400`);
    const readFirst = await sidebar.evaluate<number>(CARDS_IN_VIEW);
    await sidebar.screenshot('cards-read-first');
    // Read first: the type is said on each card; no card shows a control but its ✎.
    expect(await sidebar.count({ role: 'combobox', name: 'Claim type' })).toBe(0);
    expect(await sidebar.evaluate<string>(`document.querySelector('article.card .card-summary').textContent`)).toMatch(
      /Evidence|Claim|Statistic|Quote/,
    );
    await openCards(sidebar);
    const open = await sidebar.evaluate<number>(CARDS_IN_VIEW);
    await sidebar.screenshot('cards-open');
    console.log(`${browserName}: cards in a 400×900 panel: ${open} with every control open, ${readFirst} read first`);
    expect(readFirst).toBeGreaterThanOrEqual(2 * open);
  });

  it('opens a card’s controls with the focus (J or a click) and closes them when it leaves', async () => {
    const sidebar = await env.harness.openSidebar(await env.harness.tabIdOf(`${env.server.origin}/seed/`));
    await sidebar.waitFor(`document.querySelectorAll('article.card').length === ${PASSAGES.length}`);
    expect(await sidebar.count({ role: 'combobox', name: 'Claim type' })).toBe(0);
    await sidebar.evaluate(`document.activeElement?.blur()`);
    await sidebar.press('j');
    await sidebar.waitFor(`document.activeElement?.closest('article.card') === document.querySelector('article.card')`);
    expect(await sidebar.count({ role: 'combobox', name: 'Claim type' })).toBe(1);
    await sidebar.press('j');
    await sidebar.waitFor(
      `document.activeElement?.closest('article.card') === document.querySelectorAll('article.card')[1]`,
    );
    expect(await sidebar.count({ role: 'combobox', name: 'Claim type' })).toBe(1);
    // Its ✎ keeps one open while the focus goes elsewhere.
    await sidebar.click({ role: 'button', name: 'Edit highlight', nth: 2 });
    await sidebar.evaluate(`document.activeElement?.blur()`);
    await sidebar.waitFor(
      `[...document.querySelectorAll('.card-edit')].filter((e) => e.checkVisibility()).length === 1 &&
       document.querySelectorAll('article.card')[2].querySelector('.card-edit').checkVisibility()`,
    );
  });

  it('reads the same in Vietnamese (and dark, where the browser can switch without a restart)', async () => {
    const library = await env.harness.openExtensionPage('library.html');
    await library.click({ role: 'tab', name: 'Settings' });
    await library.choose({ role: 'combobox', name: 'Language' }, 'Tiếng Việt (Vietnamese)');
    await library.waitForRole({ role: 'tab', name: 'Cài đặt' });
    await library.close();
    const sidebar = await env.harness.openSidebar(await env.harness.tabIdOf(`${env.server.origin}/seed/`));
    await sidebar.waitFor(`document.querySelectorAll('article.card').length === ${PASSAGES.length}`);
    await sidebar.waitForRole({ role: 'heading', name: 'Ghi chú bài viết' });
    await resize(sidebar, 400, 900);
    await sidebar.waitFor(`innerWidth === 400`);
    if (browserName === 'chromium') await sidebar.colorScheme('dark');
    // The Vietnamese type names fit on the card's line with the ✎ (no control pushed onto its own line).
    const wrapped = await sidebar.evaluate<number>(`[...document.querySelectorAll('.card-summary')].filter((s) => {
      const items = [...s.children].filter((c) => c.checkVisibility() && c.getBoundingClientRect().height > 0);
      const first = items[0]?.getBoundingClientRect();
      return first && items.some((c) => c.getBoundingClientRect().top >= first.bottom);
    }).length`);
    expect(wrapped).toBe(0);
    expect(await sidebar.evaluate<number>(CARDS_IN_VIEW)).toBe(PASSAGES.length);
    await sidebar.screenshot(browserName === 'chromium' ? 'cards-read-first-vi-dark' : 'cards-read-first-vi');
  });
});
