/**
 * Highlights that come back, in real Chromium and Firefox: highlight on the seed page, then the
 * same URL serves the page as it changed (an ad inside the article, re-wrapped text, a copy edit)
 * and, later, with a highlighted sentence gone. Highlights come back, split ones on both sides of
 * the ad; the lost one is listed under "Not found on page" and can be re-attached. Clicking a
 * painted highlight focuses its card; clicking a card flashes the passage.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { paintNames, withBrowser } from '../support/e2e';
import { fixture } from '../support/fixtures';
import type { BrowserName, Tab } from '../support/harness';
import { selectText } from '../support/select';

const PATH = '/live/vinhphuc.html';
const S_WRAPPED = 'đơn vị đã tham mưu với Ban Thường vụ Huyện ủy thành lập 3 tổ chức đảng trong doanh nghiệp';
const S_SPLIT_START = 'ủng hộ của chủ các doanh nghiệp trên địa bàn.';
const S_SPLIT_END = 'Bên cạnh đó, huyện Vĩnh Tường đưa ra nhiều giải pháp';
const S_EDITED = 'Cấp ủy cơ sở rà soát kỹ lưỡng các quần chúng ưu tú tham gia các lớp bồi dưỡng về Đảng';
const S_GONE = 'Huyện giao chỉ tiêu phát triển Đảng cụ thể cho từng chi, đảng bộ trực thuộc';
const S_NEW_HOME = 'Trong công tác cán bộ, ngành Tổ chức xây dựng Đảng tỉnh chủ động tham mưu điều động';

/** Each painted range's text (distinct ranges: the changed mark and the flash draw over painted ones). */
const PAINTED_TEXTS = `[...new Set([...CSS.highlights.values()].flatMap((h) => [...h]))].map((r) => r.toString())`;
/** The texts under the changed-text mark, given its per-load name. */
const changedTexts = (name: string) =>
  `[...(CSS.highlights.get(${JSON.stringify(name)}) ?? [])].map((r) => r.toString().replace(/\\s+/g, ' ').trim())`;
const CHANGED_CARDS = `[...document.querySelectorAll('article.card')].filter((c) => c.querySelector('.changed'))`;

describe.each<BrowserName>(['chromium', 'firefox'])('highlights that come back, in %s', (browserName) => {
  const env = withBrowser(browserName);
  let page: Tab;
  let sidebar: Tab;
  let url: string;

  beforeAll(() => {
    url = `${env.server.origin}${PATH}`;
    env.server.swap(PATH, 'seed/vinhphuc.html');
  });

  async function highlight(from: string, to: string | undefined, button: string) {
    await page.front();
    await selectText(page, from, to);
    await page.click({ role: 'button', name: button });
  }

  it('highlights four passages on the original page', async () => {
    page = await env.harness.openPage(url);
    sidebar = await env.harness.openSidebar(await env.harness.tabIdOf(url));
    await sidebar.waitForRole({ role: 'heading', name: /Thực hiện công tác/.source, regex: true });
    await highlight(S_WRAPPED, undefined, 'Evidence');
    await sidebar.waitFor(`document.querySelectorAll('article').length === 1`);
    await highlight(S_SPLIT_START, S_SPLIT_END, 'Claim');
    await sidebar.waitFor(`document.querySelectorAll('article').length === 2`);
    await highlight(S_EDITED, undefined, 'Question');
    await sidebar.waitFor(`document.querySelectorAll('article').length === 3`);
    await highlight(S_GONE, undefined, 'Opinion');
    await sidebar.waitFor(`document.querySelectorAll('article').length === 4`);
    await page.waitFor(`${PAINTED_TEXTS}.length === 4`);
  });

  it('brings them back on the changed page: split by the ad on both sides, the copy edit found', async () => {
    env.server.swap(PATH, 'seed/vinhphuc-mutated.html');
    await page.reload();
    await page.waitFor(`${PAINTED_TEXTS}.length === 5`);
    const texts = await page.evaluate<string[]>(PAINTED_TEXTS);
    const normal = texts.map((t) => t.replace(/\s+/g, ' ').trim());
    expect(normal).toContain(S_WRAPPED);
    expect(normal).toContain(S_SPLIT_START);
    expect(normal).toContain(S_SPLIT_END);
    expect(normal.some((t) => t.includes('rà soát kĩ lưỡng'))).toBe(true);
    expect(normal.join(' ')).not.toContain('Quảng cáo');
    await sidebar.waitFor(`document.querySelectorAll('article').length === 4`);
    expect(await sidebar.count({ role: 'region', name: 'Not found on page' })).toBe(0);
    await page.screenshot('changed-page-highlights');
  });

  it('marks every highlight whose text changed: on its card with a word diff, and on the page', async () => {
    // The copy edit (kỹ → kĩ) and the passage the ad split; the re-wrapped one is the same text.
    await sidebar.waitFor(`${CHANGED_CARDS}.length === 2`);
    const edited = await sidebar.evaluate<{ del: string; ins: string; said: string }>(`(() => {
      const c = document.querySelector('.changed[data-change="edited"]');
      return { del: c.querySelector('del').textContent, ins: c.querySelector('ins').textContent, said: c.textContent };
    })()`);
    expect(edited.del).toBe('deleted: kỹ');
    expect(edited.ins).toBe('inserted: kĩ');
    expect(edited.said).toContain('Changed on the page.');
    expect(await sidebar.count({ role: 'button', name: 'Accept the new wording' })).toBe(1);
    expect(await sidebar.count({ role: 'button', name: 'Keep the original' })).toBe(2);
    const names = await paintNames(sidebar);
    const marked = await page.evaluate<string[]>(changedTexts(names.changed));
    expect(marked.some((t) => t.includes('rà soát kĩ lưỡng'))).toBe(true);
    expect(marked).toContain(S_SPLIT_START);
    expect(marked.join(' ')).not.toContain(S_WRAPPED);
    await sidebar.front();
    await sidebar.evaluate(`document.querySelector('.changed')?.scrollIntoView({ block: 'center' })`);
    await sidebar.screenshot('sidebar-changed');
  });

  it('says the article changed since it was annotated, and shows the paragraph diff', async () => {
    await sidebar.waitForRole({ role: 'region', name: 'The article changed' });
    const said = await sidebar.evaluate<string>(`document.querySelector('[data-article-changed]').innerText`);
    // The mutation: the copy edit (kỹ → kĩ) and the inserted ad; re-wrapping changed no text.
    expect(said).toMatch(/This article changed since you annotated it on .*: 1 paragraph edited, 1 added\./);
    await sidebar.click({ role: 'button', name: 'Show changes' });
    await sidebar.waitFor(`document.querySelector('.block-diff .block-edited')`);
    const edit = await sidebar.evaluate<{ del: string; ins: string; annotated: boolean }>(`(() => {
      const li = document.querySelector('.block-diff .block-edited');
      return { del: li.querySelector('del').textContent, ins: li.querySelector('ins').textContent,
        annotated: li.hasAttribute('data-annotated') }; })()`);
    expect(edit).toEqual({ del: 'deleted: kỹ', ins: 'inserted: kĩ', annotated: true });
    expect(await sidebar.evaluate<string>(`document.querySelector('.block-diff .block-added').textContent`)).toContain(
      'Quảng cáo',
    );
    await sidebar.evaluate(`document.querySelector('[data-article-changed]').scrollIntoView({ block: 'start' })`);
    await sidebar.screenshot('sidebar-article-changed');
    // The library marks the article and finds it under "Changed since annotated".
    const library = await env.harness.openExtensionPage('library.html');
    await library.waitFor(`document.querySelector('[data-changed-row]')`);
    await library.click({ role: 'checkbox', name: 'Changed since annotated' });
    await library.waitFor(`document.querySelectorAll('.lib-article').length === 1`);
    await library.screenshot('library-changed-filter');
    await library.close();
  });

  it('says all of it in Vietnamese when the UI is in Vietnamese', async () => {
    const library = await env.harness.openExtensionPage('library.html');
    await library.click({ role: 'tab', name: 'Settings' });
    await library.choose({ role: 'combobox', name: 'Language' }, 'Tiếng Việt (Vietnamese)');
    await library.waitForRole({ role: 'tab', name: 'Cài đặt' });
    await sidebar.waitForRole({ role: 'region', name: 'Bài viết đã thay đổi' });
    const said = await sidebar.evaluate<string>(`document.querySelector('[data-article-changed]').innerText`);
    expect(said).toMatch(/Bài viết này đã thay đổi kể từ khi bạn đánh dấu vào .*: 1 đoạn văn được sửa, 1 đoạn thêm\./);
    await sidebar.front();
    await sidebar.click({ role: 'button', name: 'Xem thay đổi' });
    await sidebar.waitFor(`document.querySelector('.block-diff .block-edited')?.textContent.includes('Đã sửa')`);
    await sidebar.evaluate(`document.querySelector('[data-article-changed]').scrollIntoView({ block: 'start' })`);
    await sidebar.screenshot('sidebar-article-changed-vi');
    await sidebar.waitForRole({ role: 'button', name: 'Nhận câu chữ mới' });
    await sidebar.evaluate(
      `document.querySelector('.changed[data-change="edited"]')?.scrollIntoView({ block: 'center' })`,
    );
    await sidebar.screenshot('sidebar-changed-vi');
    await library.click({ role: 'tab', name: 'Cài đặt' });
    await library.choose({ role: 'combobox', name: 'Ngôn ngữ' }, 'English (Tiếng Anh)');
    await library.waitForRole({ role: 'tab', name: 'Settings' });
    await sidebar.waitForRole({ role: 'region', name: 'The article changed' });
    await library.close();
  });

  it('accepts the new wording or keeps the original, and both stay so across a reload and a restart', async () => {
    await sidebar.click({ role: 'button', name: 'Accept the new wording' });
    await sidebar.waitFor(`${CHANGED_CARDS}.length === 1`);
    expect(await sidebar.names({ role: 'article' })).toContain(S_EDITED.replace('kỹ', 'kĩ').slice(0, 80).trim());
    await sidebar.click({ role: 'button', name: 'Keep the original' });
    await sidebar.waitForRole({ role: 'region', name: 'Changed on the page.' });
    await sidebar.waitFor(`document.querySelector('.changed')?.textContent.includes('You kept the original wording')`);
    await page.reload();
    await page.waitFor(`${PAINTED_TEXTS}.length === 5`);
    await sidebar.waitFor(
      `${CHANGED_CARDS}.length === 1 && document.querySelector('.changed[data-change="split"]')?.textContent.includes('You kept the original wording')`,
    );
    const names = await paintNames(sidebar);
    await page.waitFor(`${changedTexts(names.changed)}.includes(${JSON.stringify(S_SPLIT_START)})`);
    expect((await page.evaluate<string[]>(changedTexts(names.changed))).join(' ')).not.toContain('kĩ lưỡng');
    // And after the browser restarts.
    await env.harness.restart();
    page = await env.harness.openPage(url);
    sidebar = await env.harness.openSidebar(await env.harness.tabIdOf(url));
    await page.waitFor(`${PAINTED_TEXTS}.length === 5`);
    await sidebar.waitFor(
      `${CHANGED_CARDS}.length === 1 && document.querySelector('.changed[data-change="split"]')?.textContent.includes('You kept the original wording')`,
    );
    expect(await sidebar.names({ role: 'article' })).toContain(S_EDITED.replace('kỹ', 'kĩ').slice(0, 80).trim());
  });

  it('lists a highlight whose passage is gone under "Not found on page", and re-attaches it', async () => {
    const html = fixture('seed/vinhphuc-mutated.html').replace(/Huyện giao chỉ tiêu phát triển Đảng[^<]*/, '');
    env.server.serveHtml(PATH, html);
    await page.reload();
    await page.waitFor(`${PAINTED_TEXTS}.length === 4`);
    await sidebar.waitForRole({ role: 'region', name: 'Not found on page' });
    expect(await sidebar.names({ role: 'article' })).toContain(S_GONE.slice(0, 80).trim());
    // The paragraph it was in, kept when it was highlighted, keeps its note's meaning.
    expect(
      await sidebar.evaluate<string>(`document.querySelector('.card.orphan .kept-block')?.textContent ?? ''`),
    ).toContain('Bên cạnh đó, huyện Vĩnh Tường đưa ra nhiều giải pháp tháo gỡ khó khăn');
    await sidebar.screenshot('sidebar-not-found');

    await page.front();
    await selectText(page, S_NEW_HOME);
    await sidebar.front();
    await sidebar.click({ role: 'button', name: 'Re-attach to selection' });
    await sidebar.waitFor(`!document.body.innerText.includes('Not found on page')`);
    await page.waitFor(`${PAINTED_TEXTS}.length === 5`);
    expect(await page.evaluate<string[]>(PAINTED_TEXTS)).toContain(S_NEW_HOME);
  });

  it('focuses the card of a clicked highlight, and flashes the passage of a clicked card', async () => {
    const names = await paintNames(sidebar);
    await page.front();
    const at = await page.evaluate<{ x: number; y: number }>(
      `(() => { const r = [...CSS.highlights.get(${JSON.stringify(names.slots[2])})][0]; r.startContainer.parentElement.scrollIntoView({ block: 'center' });
        const rect = r.getClientRects()[0]; return { x: rect.left + 5, y: rect.top + rect.height / 2 }; })()`,
    );
    await page.clickAt(at.x, at.y);
    await sidebar.waitFor(
      `document.activeElement?.getAttribute('aria-label') === ${JSON.stringify(S_WRAPPED.slice(0, 80).trim())}`,
    );
    await sidebar.click({ role: 'button', name: S_WRAPPED });
    await page.waitFor(`CSS.highlights.has(${JSON.stringify(names.flash)})`);
  });
});
