/**
 * The core loop, as a user does it, in real Chromium and real Firefox: open the sample article,
 * open the sidebar, highlight and tag claims from the selection toolbar, edit and delete in the
 * sidebar, reload, restart the browser, and export Markdown.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { PALETTE } from '@/lib/claim-types';
import { handedOff, openCards, PAINTED, pageState, paintedShare, paintNames, withBrowser } from '../support/e2e';
import type { BrowserName, Tab } from '../support/harness';
import { selectText } from '../support/select';

const S_CLAIM =
  'Hoạt động của tổ chức đảng trong doanh nghiệp nhằm hướng đến mục đích đảm bảo tính ổn định, bền vững và khuyến khích đảng viên tiên phong, gương mẫu, đi đầu trong lao động, sản xuất.';
const S_EVIDENCE =
  'đơn vị đã tham mưu với Ban Thường vụ Huyện ủy thành lập 3 tổ chức đảng trong doanh nghiệp, hoàn thành 100% chỉ tiêu Ban Thường vụ Tỉnh ủy giao.';
const S_PLAIN =
  'Huyện giao chỉ tiêu phát triển Đảng cụ thể cho từng chi, đảng bộ trực thuộc, đề nghị các cơ sở đảng coi đây là nhiệm vụ trọng tâm.';
const TITLE = 'Thực hiện công tác tổ chức xây dựng Đảng gắn với nhiệm vụ chính trị tại địa phương';

/** Painted ranges on the page, as page scripts could list them: only opaque slot names. */
const label = (quote: string) => quote.slice(0, 80).trim();
const card = (quote: string) => ({ role: 'article', name: label(quote) });

describe.each<BrowserName>(['chromium', 'firefox'])('core loop in %s', (browserName) => {
  const env = withBrowser(browserName);
  let page: Tab;
  let sidebar: Tab;
  let url: string;

  beforeAll(() => {
    url = `${env.server.origin}/seed/vinhphuc.html`;
  });

  it('shows the article as Readability sees it', async () => {
    page = await env.harness.openPage(url);
    const tabId = await env.harness.tabIdOf(url);
    sidebar = await env.harness.openSidebar(tabId);
    await sidebar.waitForRole({ role: 'heading', name: TITLE });
    const text = await sidebar.evaluate<string>('document.body.innerText');
    expect(text.replace(/[\u2068\u2069]/g, '')).toContain('By Kim Hiền');
    // The empty state says what to do once.
    const empty = await sidebar.evaluate<string>(`document.querySelector('.empty-state').innerText`);
    expect(empty.match(/Select text on the page/g)).toHaveLength(1);
    expect(empty).toContain('No highlights yet.');
    expect(text).toContain('Báo Vĩnh Phúc');
    expect(text).toContain('Aug 6, 2021');
  });

  it('highlights from the selection toolbar and lists each at once, in article order', async () => {
    await page.front();
    for (const [sentence, button] of [
      [S_CLAIM, 'Claim'],
      [S_EVIDENCE, 'Evidence'],
      [S_PLAIN, 'Highlight'],
    ] as const) {
      await selectText(page, sentence);
      await page.waitForRole({ role: 'toolbar', name: 'Marginalia' });
      expect(await page.names({ role: 'button', name: 'Opinion' })).toHaveLength(1);
      await page.click({ role: 'button', name: button });
      await sidebar.waitForRole(card(sentence));
    }
    await page.waitFor(`${PAINTED} === 3`);
    const painted = await page.evaluate<string[]>(
      `[...CSS.highlights.entries()].flatMap(([name, h]) => [...h].map((r) => name + ':' + r.toString()))`,
    );
    const { slots } = await paintNames(sidebar);
    expect(painted.sort()).toEqual(
      [`${slots[0]}:${S_PLAIN}`, `${slots[1]}:${S_CLAIM}`, `${slots[2]}:${S_EVIDENCE}`].sort(),
    );
    expect(await sidebar.names({ role: 'article' })).toEqual([S_EVIDENCE, S_CLAIM, S_PLAIN].map(label));
    await page.screenshot('page-highlighted');
    await sidebar.screenshot('sidebar-highlights');
    // Cards read first (the type is said on each); their controls open on demand.
    expect(await sidebar.count({ role: 'combobox', name: 'Claim type' })).toBe(0);
    await openCards(sidebar);
    expect(await sidebar.selected({ role: 'combobox', name: 'Claim type' })).toEqual([
      'Evidence',
      'Claim',
      'Highlight',
    ]);
  });

  it('adds, edits a note and a tag, deletes with undo', async () => {
    await sidebar.front();
    await sidebar.click({ role: 'button', name: 'Add a note…', nth: 1 });
    await sidebar.type({ role: 'textbox', name: 'Note' }, 'Cần kiểm chứng số liệu');
    await sidebar.click({ role: 'button', name: 'Save' });
    await sidebar.waitFor(`document.body.innerText.includes('Cần kiểm chứng số liệu')`);
    await sidebar.click({ role: 'button', name: 'Edit note' });
    await sidebar.type({ role: 'textbox', name: 'Note' }, 'Đã kiểm chứng: đúng');
    await sidebar.click({ role: 'button', name: 'Save' });
    await sidebar.waitFor(`document.body.innerText.includes('Đã kiểm chứng: đúng')`);
    expect(await sidebar.evaluate<string>('document.body.innerText')).not.toContain('Cần kiểm chứng số liệu');

    await sidebar.type({ role: 'textbox', name: 'Add tag', nth: 1 }, 'kinh tế');
    await sidebar.press('Enter');
    await sidebar.waitForRole({ role: 'button', name: 'Remove tag kinh tế' });

    await sidebar.click({ role: 'button', name: 'Delete highlight', nth: -1 });
    await sidebar.waitForRole({ role: 'status', name: '^Highlight deleted\\.', regex: true });
    // The toast comes with the write; the list follows through liveQuery a moment later.
    await sidebar.waitFor(`document.querySelectorAll('article').length === 2`);
    await page.waitFor(`${PAINTED} === 2`);
    await sidebar.click({ role: 'button', name: 'Undo' });
    await sidebar.waitForRole(card(S_PLAIN));
    await page.waitFor(`${PAINTED} === 3`);
    await openCards(sidebar);
    await sidebar.click({ role: 'button', name: 'Delete highlight', nth: -1 });
    await page.waitFor(`${PAINTED} === 2`);
    await sidebar.screenshot('sidebar-edited');
  });

  it('paints the highlights again after a reload, and the sidebar shows the same list', async () => {
    await page.reload();
    await page.waitFor(`${PAINTED} === 2`);
    await sidebar.waitFor(`document.querySelectorAll('article').length === 2`);
    expect(await sidebar.names({ role: 'article' })).toEqual([S_EVIDENCE, S_CLAIM].map(label));
    // The background read the highlights as the reload began and handed them over with the page
    // side (lib/background/early-load.ts): no question asked, no database read waited for.
    expect(await handedOff(sidebar)).toBe(true);
    // Both found by the anchor hints made as they were created (lib/anchoring/hint.ts): painted
    // before the page's whole text was indexed, where the whole text puts them (the share below).
    expect((await pageState(sidebar)).hinted).toBe(2);
    // Painted where the reader sees it: the claim's line shows the claim colour washed over white
    // (the stylesheet of this page load reaches the text; Chromium's is set on the root alone).
    const { slots } = await paintNames(sidebar);
    const share = await paintedShare(page, sidebar, slots[1] as string, PALETTE[1] as string, 'painted-claim');
    expect(share).toBeGreaterThan(0.3);
    expect(await paintedShare(page, sidebar, slots[2] as string, PALETTE[1] as string, 'painted-evidence')).toBe(0);
  });

  it('a highlight deleted just before a reload stays deleted, and the reload is still handed what to paint', async () => {
    await sidebar.front();
    await openCards(sidebar);
    // The delete is written by the sidebar; its notice reaches the background a moment later, as
    // the reload begins: what the background read for the reload before that is read again.
    await sidebar.click({ role: 'button', name: 'Delete highlight', nth: -1 });
    await sidebar.waitForRole({ role: 'status', name: '^Highlight deleted\\.', regex: true });
    await page.reload();
    await page.waitFor(`${PAINTED} === 1`);
    expect(await handedOff(sidebar)).toBe(true);
    await sidebar.waitFor(`document.querySelectorAll('article').length === 1`);
    await sidebar.click({ role: 'button', name: 'Undo' });
    await page.waitFor(`${PAINTED} === 2`);
    await sidebar.waitFor(`document.querySelectorAll('article').length === 2`);
  });

  it('paints a reloaded article as soon as its text is in, while a slow image still holds its load', async () => {
    // The same article with a photo the server holds back, as a slow image or advertisement does.
    const html = readFileSync(join(process.cwd(), 'tests/fixtures/seed/vinhphuc.html'), 'utf8').replace(
      '</body>',
      '<img id="slow-photo" src="/held/photo.png" alt=""></body>',
    );
    const path = new URL(url).pathname;
    env.server.serveHtml(path, html);
    const release = env.server.hold('/held/photo.png');
    try {
      await page.evaluate('void setTimeout(() => location.reload(), 0)');
      await page.waitFor(`!!document.getElementById('slow-photo') && ${PAINTED} === 2`);
      // Both painted while the load still waits for the photo: injected as the text was parsed.
      expect(await page.evaluate<string>('document.readyState')).toBe('interactive');
    } finally {
      release();
      env.server.swap(path, null);
    }
    await page.waitFor(`document.readyState === 'complete' && ${PAINTED} === 2`);
    await sidebar.waitFor(`document.querySelectorAll('article').length === 2`);
    // Nothing was reported lost meanwhile.
    expect(await sidebar.evaluate<string>('document.body.innerText')).not.toMatch(/not found/i);
  });

  it('exports the article as Markdown named after it', async () => {
    await sidebar.front();
    const file = await env.harness.download(() => sidebar.click({ role: 'button', name: 'Export Markdown' }));
    expect(file.name).toBe(`${TITLE.replaceAll(' ', '-')}.md`);
    expect(file.text).toMatch(/^---\ntitle: Thực hiện công tác/);
    expect(file.text).toContain(`source: ${url}`);
    expect(file.text).toContain('author:\n  - Kim Hiền');
    expect(file.text).toContain('site: Báo Vĩnh Phúc');
    expect(file.text).toContain('published: 2021-08-06');
    expect(file.text).toMatch(/exported: \d{4}-\d\d-\d\dT/);
    const evidence = file.text.indexOf(`> ${S_EVIDENCE}`);
    const claim = file.text.indexOf(`> ${S_CLAIM}`);
    expect(evidence).toBeGreaterThan(0);
    expect(claim).toBeGreaterThan(evidence);
    expect(file.text, file.text).toMatch(
      /\*\*Claim\*\* · #kinh-tế · \[Open passage\]\(<[^>]+#:~:text=[^>]+>\)\n\nĐã kiểm chứng: đúng/,
    );
    expect(file.text).not.toContain(S_PLAIN);
    // The links carry the directive made on the page when highlighted: these passages are said once
    // on the page, so their words alone, no context (a link made from the quote has its block's).
    const links = [...file.text.matchAll(/#:~:(text=[^>]+)>/g)].map((m) => m[1]);
    expect(links).toHaveLength(2);
    for (const link of links) expect(link).not.toMatch(/-,|,-/);
  });

  it('keeps everything across a browser restart', async () => {
    await env.harness.restart();
    page = await env.harness.openPage(url);
    await page.waitFor(`${PAINTED} === 2`);
    sidebar = await env.harness.openSidebar(await env.harness.tabIdOf(url));
    await sidebar.waitFor(`document.querySelectorAll('article').length === 2`);
    await openCards(sidebar);
    expect(await sidebar.selected({ role: 'combobox', name: 'Claim type' })).toEqual(['Evidence', 'Claim']);
    await page.screenshot('page-after-restart');
  });
});
