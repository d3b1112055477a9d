/**
 * One authority decides what is painted, with the user's claim types: a type of their own and a
 * recoloured built-in keep their colours on the page with the sidebar open (the sidebar used to
 * repaint with the built-in types), and in the reader view, whose toolbar offers the user's types.
 */
import { describe, expect, it } from 'vitest';
import { expectNever, openCards, paintNames, withBrowser } from '../support/e2e';
import type { BrowserName, Tab } from '../support/harness';
import { selectText } from '../support/select';

const S_CLAIM = 'Hoạt động của tổ chức đảng trong doanh nghiệp nhằm hướng đến mục đích đảm bảo tính ổn định';
const S_RUMOUR = 'Huyện giao chỉ tiêu phát triển Đảng cụ thể cho từng chi, đảng bộ trực thuộc';
const READER = 'document.querySelector("article.reader")';
/** Indigo in the palette: where the user moves Claim (built in: slot 1). */
const INDIGO = 11;
/** Sky: the colour of the user's own type, one no built-in type has. */
const SKY = 15;

/** The texts painted under `name` in a document (page or sidebar), white space collapsed. */
const paintedUnder = (name: string) =>
  `[...(CSS.highlights.get(${JSON.stringify(name)}) ?? [])].map((r) => r.toString().replace(/\\s+/g, ' ').trim())`;

describe.each<BrowserName>(['chromium', 'firefox'])('one paint authority in %s', (browserName) => {
  const env = withBrowser(browserName);
  let page: Tab;
  let sidebar: Tab;
  const rumourSlot = SKY;

  it('paints a custom and a recoloured type in their own colours with the sidebar open', async () => {
    const library = await env.harness.openExtensionPage('library.html');
    await library.click({ role: 'tab', name: 'Settings' });
    await library.choose({ role: 'combobox', name: 'Colour of Claim' }, 'Indigo');
    await library.type({ role: 'textbox', name: 'New claim type' }, 'Rumour');
    await library.click({ role: 'button', name: 'Add type' });
    await library.waitForRole({ role: 'combobox', name: 'Colour of Rumour' });
    await library.choose({ role: 'combobox', name: 'Colour of Rumour' }, 'Sky');
    await library.waitFor(
      `[...document.querySelectorAll('select')].find((s) => s.getAttribute('aria-label') === 'Colour of Rumour').value === '${SKY}'`,
    );
    await library.close();

    const url = `${env.server.origin}/seed/vinhphuc.html`;
    page = await env.harness.openPage(url);
    sidebar = await env.harness.openSidebar(await env.harness.tabIdOf(url));
    await sidebar.waitFor(`document.querySelector('header.article h1')`);
    await page.front();
    await selectText(page, S_CLAIM);
    await page.click({ role: 'button', name: 'Claim' });
    await sidebar.waitFor(`document.querySelectorAll('article').length === 1`);
    await page.front();
    await selectText(page, S_RUMOUR);
    await page.click({ role: 'button', name: 'Rumour' });
    await sidebar.waitFor(`document.querySelectorAll('article').length === 2`);

    const { slots } = await paintNames(sidebar);
    const right = `${paintedUnder(slots[INDIGO] as string)}.includes(${JSON.stringify(S_CLAIM)}) && ${paintedUnder(slots[rumourSlot] as string)}.includes(${JSON.stringify(S_RUMOUR)})`;
    await page.waitFor(right);
    // The sidebar repaints on every change of the list: a tag added must not bring the defaults back.
    await openCards(sidebar);
    await sidebar.type({ role: 'textbox', name: 'Add tag' }, 'kiểm chứng');
    await sidebar.press('Enter');
    await sidebar.waitFor(`document.body.innerText.includes('kiểm chứng')`);
    await expectNever(page, `!(${right})`, 1500);
    expect(await page.evaluate<string[]>(paintedUnder(slots[1] as string))).toEqual([]);
    expect(await page.evaluate<string[]>(paintedUnder(slots[0] as string))).toEqual([]);
  });

  it('paints the same colours in the reader, whose toolbar offers the user’s own types', async () => {
    await sidebar.click({ role: 'tab', name: 'Reader' });
    await sidebar.waitFor(`${READER} && ${READER}.textContent.length > 100`);
    // The reader is an extension page: it paints under the fixed slot names.
    await sidebar.waitFor(
      `${paintedUnder(`marginalia-${INDIGO}`)}.includes(${JSON.stringify(S_CLAIM)}) && ${paintedUnder(`marginalia-${rumourSlot}`)}.includes(${JSON.stringify(S_RUMOUR)})`,
    );
    const other = 'Trên cơ sở chỉ tiêu được giao';
    await selectText(sidebar, other, other, READER);
    await sidebar.waitForRole({ role: 'button', name: 'Rumour' });
    await sidebar.click({ role: 'button', name: 'Rumour' });
    const { slots } = await paintNames(sidebar);
    await page.waitFor(`${paintedUnder(slots[rumourSlot] as string)}.includes(${JSON.stringify(other)})`);
  });

  it('chooses from the page toolbar with number keys; a key a page script sends does nothing', async () => {
    const passage = 'Phó trưởng Ban Tổ chức Huyện ủy Vĩnh Tường Đàm Văn Hùng cho biết';
    await sidebar.click({ role: 'tab', name: 'Highlights' });
    await sidebar.waitFor(`document.querySelectorAll('article.card').length === 3`);
    const cards = 3;
    await page.front();
    await selectText(page, passage);
    await page.waitForRole({ role: 'toolbar', name: 'Marginalia' });
    // Synthetic key presses from the page are not the user's.
    await page.evaluate(`document.dispatchEvent(new KeyboardEvent('keydown', { key: '1', bubbles: true }))`);
    await expectNever(sidebar, `document.querySelectorAll('article.card').length > ${cards}`, 800);
    await page.press('1');
    await sidebar.waitFor(`document.querySelectorAll('article.card').length === ${cards + 1}`);
    const { slots } = await paintNames(sidebar);
    // 1 is the first type in the toolbar's order: Claim, in the user's Indigo.
    await page.waitFor(`${paintedUnder(slots[INDIGO] as string)}.includes(${JSON.stringify(passage)})`);
    expect(await sidebar.evaluate<number>(`document.querySelectorAll('article.card').length`)).toBe(cards + 1);
  });
});
