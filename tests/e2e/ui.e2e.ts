/**
 * The daily-use UI, as a user drives it, in real Chromium and real Firefox: edit and undo in the
 * sidebar, filters, claim status and source, the page note, library search with and without
 * diacritics, library filters, a tag renamed across highlights, the Vietnamese UI, light and dark
 * themes (screenshots), and axe-core over the sidebar and the library with no serious violation.
 */
import { strFromU8, unzipSync } from 'fflate';
import { marked } from 'marked';
import { beforeAll, describe, expect, it } from 'vitest';
import { runAxe, serious } from '../support/axe';
import { openCards, PAINTED, withBrowser } from '../support/e2e';
import type { BrowserName, Tab } from '../support/harness';
import { selectText } from '../support/select';

const S_CLAIM = 'Phó trưởng Ban Tổ chức Huyện ủy Vĩnh Tường Đàm Văn Hùng cho biết';
const S_EVIDENCE = 'Bên cạnh đó, huyện Vĩnh Tường đưa ra nhiều giải pháp tháo gỡ khó khăn';
const S_PLAIN = 'Thời gian tới, ngành Tổ chức xây dựng Đảng tiếp tục vừa chung tay';

const card = (quote: string) => ({ role: 'article', name: quote.slice(0, 80).trim() });
const CARDS = `document.querySelectorAll('article.card').length`;

describe.each<BrowserName>(['chromium', 'firefox'])('sidebar and library in %s', (browserName) => {
  const env = withBrowser(browserName);
  let page: Tab;
  let sidebar: Tab;
  let library: Tab;
  let url: string;

  beforeAll(() => {
    url = `${env.server.origin}/seed/vinhphuc.html`;
  });

  it('edits a claim in place: status, source link, Markdown note, tags with autocomplete', async () => {
    page = await env.harness.openPage(url);
    sidebar = await env.harness.openSidebar(await env.harness.tabIdOf(url));
    await sidebar.waitFor(`document.querySelector('header.article h1')`);
    expect(await sidebar.evaluate<string>('document.body.innerText')).toContain('Select text on the page');
    await page.front();
    for (const [sentence, button] of [
      [S_CLAIM, 'Claim'],
      [S_EVIDENCE, 'Evidence'],
      [S_PLAIN, 'Highlight'],
    ] as const) {
      await selectText(page, sentence);
      await page.click({ role: 'button', name: button });
      await sidebar.waitForRole(card(sentence));
    }
    await page.waitFor(`${PAINTED} === 3`);
    await sidebar.front();
    await openCards(sidebar);
    await sidebar.choose({ role: 'combobox', name: 'Status' }, 'Disputed');
    await sidebar.click({ role: 'button', name: 'Add source link' });
    await sidebar.type({ role: 'textbox', name: 'Source or fact-check link' }, 'javascript:alert(1)');
    await sidebar.press('Enter');
    await sidebar.waitForRole({ role: 'alert', name: 'Enter a web address starting with http:// or https://' });
    await sidebar.type({ role: 'textbox', name: 'Source or fact-check link' }, 'https://factcheck.example/vinh-tuong');
    await sidebar.press('Enter');
    await sidebar.waitForRole({ role: 'link', name: 'Source: factcheck.example' });
    await sidebar.click({ role: 'button', name: 'Add a note…', nth: 0 });
    await sidebar.type({ role: 'textbox', name: 'Note' }, 'Cần **kiểm chứng** số liệu');
    await sidebar.click({ role: 'button', name: 'Save' });
    await sidebar.waitFor(`document.querySelector('.card .note-text strong')?.textContent === 'kiểm chứng'`);
    await sidebar.type({ role: 'textbox', name: 'Add tag', nth: 0 }, 'kinh tế');
    await sidebar.press('Enter');
    await sidebar.waitForRole({ role: 'button', name: 'Remove tag kinh tế' });
    // The next card's tag field offers the tag already in use.
    const offered = await sidebar.evaluate<string[]>(
      `[...document.querySelectorAll('article.card')[1].querySelectorAll('datalist option')].map((o) => o.value)`,
    );
    expect(offered).toEqual(['kinh tế']);
    await sidebar.type({ role: 'textbox', name: 'Add tag', nth: 1 }, 'Đảng');
    await sidebar.press('Enter');
    await sidebar.waitForRole({ role: 'button', name: 'Remove tag Đảng' });
    expect(await sidebar.selected({ role: 'combobox', name: 'Status' })).toEqual(['Disputed', 'No status']);
  });

  it('deletes with Undo, and adds a page note', async () => {
    await sidebar.click({ role: 'button', name: 'Delete highlight', nth: -1 });
    await sidebar.waitFor(`${CARDS} === 2`);
    await sidebar.click({ role: 'button', name: 'Undo' });
    await sidebar.waitFor(`${CARDS} === 3`);
    await page.waitFor(`${PAINTED} === 3`);
    await sidebar.click({ role: 'button', name: 'Add a note about the whole article' });
    await sidebar.type({ role: 'textbox', name: 'Article note' }, 'Bài về công tác cán bộ ở Vĩnh Tường');
    await sidebar.press('Control+Enter');
    await sidebar.waitFor(`document.querySelector('.page-note .note-text')?.textContent.includes('Vĩnh Tường')`);
  });

  it('filters cards by claim type and tag', async () => {
    await sidebar.click({ role: 'button', name: 'Claim 1' });
    await sidebar.waitFor(`${CARDS} === 1`);
    expect(await sidebar.evaluate<string>('document.body.innerText')).toContain('Showing 1 of 3 highlights');
    await sidebar.click({ role: 'button', name: 'Evidence 1' });
    await sidebar.waitFor(`${CARDS} === 2`);
    await sidebar.click({ role: 'button', name: 'Clear filters' });
    await sidebar.waitFor(`${CARDS} === 3`);
    await sidebar.choose({ role: 'combobox', name: 'Tag' }, '#Đảng');
    await sidebar.waitFor(`${CARDS} === 1`);
    await sidebar.waitForRole(card(S_EVIDENCE));
    await sidebar.click({ role: 'button', name: 'Clear filters' });
    await sidebar.waitFor(`${CARDS} === 3`);
  });

  it('passes axe with no serious violation (sidebar)', async () => {
    // Chromium emulates the system theme per tab; Firefox gets a dark system theme in the last test.
    for (const scheme of browserName === 'chromium' ? (['light', 'dark'] as const) : (['light'] as const)) {
      if (browserName === 'chromium') await sidebar.colorScheme(scheme);
      const found = serious(await runAxe(sidebar));
      expect(found, JSON.stringify(found, null, 1)).toEqual([]);
      await sidebar.screenshot(`ui-sidebar-en-${scheme}`);
    }
    if (browserName === 'chromium') await sidebar.colorScheme('light');
  });

  it('searches the library with and without diacritics, highlighting the match', async () => {
    library = await env.harness.openExtensionPage('library.html');
    await library.waitForRole({ role: 'textbox', name: 'Search quotes, notes, tags and titles' });
    for (const query of ['Hùng', 'hung', 'HUNG']) {
      await library.type({ role: 'textbox', name: 'Search quotes, notes, tags and titles' }, query);
      // One highlight, its match marked in the original spelling.
      await library.waitFor(
        `document.querySelector('.results-bar')?.textContent.includes('1 highlight · 1 article') &&
         [...document.querySelectorAll('.lib-quote mark')].map((m) => m.textContent).join() === 'Hùng'`,
      );
    }
    // A tag and a note are searched too, and the article title matches all its highlights.
    await library.type({ role: 'textbox', name: 'Search quotes, notes, tags and titles' }, 'kiem chung');
    await library.waitFor(`document.querySelector('.results-bar')?.textContent.includes('1 highlight ·')`);
    await library.type({ role: 'textbox', name: 'Search quotes, notes, tags and titles' }, 'xay dung dang');
    // …listed, but not counted as matching: the match is the article's title.
    // (one of the three has the words in its own text).
    await library.waitFor(
      `document.querySelector('.results-bar')?.textContent.includes('1 highlight · 1 article · 2 more listed: their article’s title or note matches')`,
    );
    expect(await library.evaluate<string>(`document.querySelector('.lib-article .meta').textContent`)).toContain(
      '1 of 3 highlights match',
    );
    await library.screenshot('ui-library-search');
    // Rows as tall as their content: no gap under a row, no row cut off or overlapping the next.
    await library.waitFor(`(() => {
      const rows = [...document.querySelectorAll('li.vrow')];
      return rows.length === 4 && rows.every((li, i) => {
        const r = li.getBoundingClientRect();
        const content = li.firstElementChild.getBoundingClientRect();
        const next = rows[i + 1]?.getBoundingClientRect();
        return Math.abs(r.height - content.height) <= 1 && (!next || Math.abs(next.top - r.bottom) <= 1);
      });
    })()`);
    // The article row shows its excerpt and names its claim types in words.
    expect(await library.evaluate<string>(`document.querySelector('.lib-excerpt')?.textContent ?? ''`)).toContain(
      'Covid-19',
    );
    expect(await library.evaluate<string>(`document.querySelector('.lib-counts').textContent`)).toMatch(/Claim 1/);
    await library.press('Escape');
    await library.waitFor(`document.querySelector('.results-bar')?.textContent.includes('1 article')`);
  });

  it('cites the article in APA, MLA and Chicago, and copies a quote with its citation', async () => {
    await sidebar.front();
    await sidebar.click({ role: 'button', name: 'Cite this article' });
    await sidebar.waitFor(`document.querySelector('.citation')?.textContent.startsWith('Kim Hiền. (2021, August 6).')`);
    await sidebar.choose({ role: 'combobox', name: 'Citation style' }, 'Chicago (author-date)');
    await sidebar.waitFor(`document.querySelector('.citation')?.textContent.startsWith('Kim Hiền. 2021. “Thực hiện')`);
    await sidebar.screenshot('ui-sidebar-cite');
    // What reaches the clipboard (the page's clipboard API, observed).
    // Both flavours: text/plain, and text/html that keeps the style's italics in a word processor.
    await sidebar.evaluate(`navigator.clipboard.write = async ([item]) => {
      window.__copied = await (await item.getType('text/plain')).text();
      window.__copiedHtml = await (await item.getType('text/html')).text();
    }`);
    // The last card, scrolled to the bottom of the panel: the feedback shows on the card, in view.
    await openCards(sidebar);
    await sidebar.evaluate(`[...document.querySelectorAll('.card')].at(-1).scrollIntoView({ block: 'end' })`);
    const last = (await sidebar.count({ role: 'button', name: 'Copy quote with citation' })) - 1;
    await sidebar.click({ role: 'button', name: 'Copy quote with citation', nth: last });
    await sidebar.waitForRole({ role: 'status', name: 'Quote and citation copied.' });
    const where = await sidebar.evaluate<{ inCard: boolean; inView: boolean }>(`(() => {
      const s = [...document.querySelectorAll('[role=status]')].find((e) => e.textContent === 'Quote and citation copied.');
      const r = s.getBoundingClientRect();
      return { inCard: !!s.closest('.card'), inView: r.top >= 0 && r.bottom <= innerHeight && r.width > 0 };
    })()`);
    expect(where).toEqual({ inCard: true, inView: true });
    const copied = await sidebar.evaluate<string>('window.__copied');
    expect(copied).toMatch(/^“.+”\n\nKim Hiền\. 2021\. “Thực hiện công tác tổ chức xây dựng Đảng/s);
    // The official Chicago 18th style: the year stands after the author, so the date is the day alone.
    expect(copied).toContain('Báo Vĩnh Phúc, August 6. http');
    expect(await sidebar.evaluate<string>('window.__copiedHtml')).toContain('<i>Báo Vĩnh Phúc</i>');
    await sidebar.choose({ role: 'combobox', name: 'Citation style' }, 'APA 7');
    await sidebar.click({ role: 'button', name: 'Cite this article' });
  });

  it('filters the library by claim type and status, and selects for export', async () => {
    await library.choose({ role: 'combobox', name: 'Claim type' }, 'Evidence');
    await library.waitFor(`document.querySelectorAll('.lib-highlight').length === 1`);
    await library.choose({ role: 'combobox', name: 'Claim type' }, 'Any type');
    await library.choose({ role: 'combobox', name: 'Status' }, 'Disputed');
    await library.waitFor(`document.querySelectorAll('.lib-highlight').length === 1`);
    await library.click({ role: 'checkbox', name: `Select “${S_CLAIM.slice(0, 60)}”` });
    await library.click({ role: 'button', name: 'Export…' });
    await library.waitForRole({ role: 'dialog', name: 'Export highlights' });
    await library.click({ role: 'radio', name: 'Selected: 1 highlight' });
    await library.choose({ role: 'combobox', name: 'Format' }, 'Markdown, one file');
    await library.click({ role: 'radio', name: 'Obsidian (callouts with ==highlights==)' });
    await library.choose({ role: 'combobox', name: 'Citation style' }, 'MLA 9');
    // Both are settings: wait until they have been saved and read back.
    await library.waitFor(
      `document.querySelector('dialog input[name=template]:checked')?.parentElement.textContent.startsWith('Obsidian') &&
       [...document.querySelectorAll('dialog select')].some((s) => s.value === 'mla')`,
    );
    await library.screenshot('ui-export-dialog');
    const file = await env.harness.download(() => library.click({ role: 'button', name: 'Export' }));
    expect(file.name).toBe('Thực-hiện-công-tác-tổ-chức-xây-dựng-Đảng-gắn-với-nhiệm-vụ-chính-trị-tại-địa-phương.md');
    expect(file.text, file.text).toContain(`> ==${S_CLAIM}==`);
    expect(file.text).toContain('> [!important] Claim · Disputed');
    expect(file.text, file.text).toMatch(/\*Cite as:\* Kim Hiền\. “Thực hiện .*” Báo Vĩnh Phúc, 6 Aug\. 2021, /);
    expect(file.text).not.toContain(S_EVIDENCE);
    await library.waitForRole({ role: 'status', name: 'Exported 1 highlight from 1 article.' });
    // The file as a Markdown renderer shows it (marked, CommonMark + GFM), in the browser.
    const body = file.text.replace(/^---\n[\s\S]*?\n---\n/, '');
    env.server.serveHtml(
      '/rendered-export.html',
      `<!doctype html><meta charset="utf-8"><title>export</title><style>body{font:16px/1.5 sans-serif;max-width:46em;margin:2em auto}blockquote{border-left:4px solid #999;margin:1em 0;padding:0 1em;color:#333}</style>${marked.parse(body, { async: false })}`,
    );
    const rendered = await env.harness.openPage(`${env.server.origin}/rendered-export.html`);
    await rendered.waitFor(`document.querySelectorAll('blockquote').length === 1`);
    expect(await rendered.evaluate<string>(`document.querySelector('blockquote').textContent`)).toContain(S_CLAIM);
    expect(await rendered.evaluate<number>(`document.querySelectorAll('h1').length`)).toBe(1);
    await rendered.screenshot('export-rendered');
    await rendered.close();
    // The layout and style are remembered; everything shown, as a zip of one file per article.
    await library.click({ role: 'radio', name: /^Shown by the search and filters/.source, regex: true });
    await library.choose({ role: 'combobox', name: 'Format' }, 'Markdown, one file per article (.zip)');
    const zip = await env.harness.download(() => library.click({ role: 'button', name: 'Export' }));
    expect(zip.name).toMatch(/^marginalia-\d{4}-\d\d-\d\d\.zip$/);
    const entries = unzipSync(new Uint8Array(zip.bytes));
    const [only] = Object.keys(entries);
    expect(Object.keys(entries)).toHaveLength(1);
    expect(only).toBe(file.name);
    expect(strFromU8(entries[only as string] as Uint8Array)).toContain(`> ==${S_CLAIM}==`);
    await library.click({ role: 'button', name: 'Close' });
    await library.click({ role: 'button', name: 'Clear filters' });
  });

  it('renames a tag across all highlights, seen live in the sidebar', async () => {
    await library.click({ role: 'tab', name: 'Tags' });
    await library.click({ role: 'button', name: 'Rename tag kinh tế' });
    // The field the button opens has the focus, its text selected: typing replaces the name.
    await library.waitFor(
      `document.activeElement?.getAttribute('aria-label') === 'New name for kinh tế' && document.activeElement.selectionEnd === 7`,
    );
    await library.type({ role: 'textbox', name: 'New name for kinh tế' }, 'kinh-te-dia-phuong');
    await library.press('Enter');
    await library.waitFor(
      `document.body.innerText.replace(/[\u2068\u2069]/g, '').includes('Renamed #kinh tế to #kinh-te-dia-phuong (1 highlight)')`,
    );
    await sidebar.waitForRole({ role: 'button', name: 'Remove tag kinh-te-dia-phuong' });
    // Renaming onto an existing tag merges.
    await library.click({ role: 'button', name: 'Rename tag kinh-te-dia-phuong' });
    await library.type({ role: 'textbox', name: 'New name for kinh-te-dia-phuong' }, 'Đảng');
    await library.press('Enter');
    await library.waitFor(
      `document.body.innerText.replace(/[\u2068\u2069]/g, '').includes('Merged #kinh-te-dia-phuong into #Đảng')`,
    );
    // The sidebar follows (the first card's tag is #Đảng now, like the second's), also after a second
    // change from the library: Dexie's query cache once kept it at the first.
    await sidebar.waitFor(
      `[...document.querySelectorAll('.tag-list .tag')].map((t) => t.textContent.replace('×', '')).join() === '#Đảng,#Đảng'`,
    );
    const found = serious(await runAxe(library));
    expect(found, JSON.stringify(found, null, 1)).toEqual([]);
  });

  it('a library tab behind another reads what changed meanwhile once it is shown', async () => {
    // The sidebar's tab in front: in Firefox the library's tab is then behind it, hidden (headless
    // Chromium shows every page of its own). That a hidden library does not read again is
    // tests/unit/live-query.test.tsx; here, that it reads what changed once it is shown.
    await sidebar.front();
    const visibility = await library.evaluate<string>('document.visibilityState');
    expect(visibility).toBe(browserName === 'firefox' ? 'hidden' : 'visible');
    await openCards(sidebar);
    await sidebar.type({ role: 'textbox', name: 'Add tag', nth: 0 }, 'nền-tảng');
    await sidebar.press('Enter');
    await sidebar.waitForRole({ role: 'button', name: 'Remove tag nền-tảng' });
    await library.front();
    await library.waitFor(`[...document.querySelectorAll('.tag-row')].some((r) => r.textContent.includes('nền-tảng'))`);
  });

  it('switches the whole UI to Vietnamese, and the page toolbar follows', async () => {
    await library.click({ role: 'tab', name: 'Settings' });
    const found = serious(await runAxe(library));
    expect(found, JSON.stringify(found, null, 1)).toEqual([]);
    await library.choose({ role: 'combobox', name: 'Language' }, 'Tiếng Việt (Vietnamese)');
    await library.waitForRole({ role: 'tab', name: 'Cài đặt' });
    expect(await library.evaluate<string>('document.documentElement.lang')).toBe('vi');
    // The page is drawn again in Vietnamese, on the tab the user was on.
    expect(
      await library.evaluate<string | null>(`document.querySelector('[role=tab][aria-selected=true]')?.textContent`),
    ).toBe('Cài đặt');
    await library.waitForRole({ role: 'combobox', name: 'Ngôn ngữ' });
    await library.click({ role: 'tab', name: 'Đoạn đánh dấu' });
    await library.waitFor(`document.querySelector('.results-bar')?.textContent.includes('1 bài viết')`);
    const violations = serious(await runAxe(library));
    expect(violations, JSON.stringify(violations, null, 1)).toEqual([]);
    await library.type({ role: 'textbox', name: 'Tìm trong trích dẫn, ghi chú, thẻ và tiêu đề' }, 'dang');
    await library.waitFor(`document.querySelectorAll('.lib-highlight').length === 3`);
    await library.screenshot('ui-library-vi-light');
    await sidebar.waitForRole({ role: 'heading', name: 'Ghi chú bài viết' });
    await openCards(sidebar);
    await sidebar.waitForRole({ role: 'combobox', name: 'Trạng thái' });
    expect(await sidebar.selected({ role: 'combobox', name: 'Trạng thái' })).toEqual([
      'Còn tranh cãi',
      'Chưa có trạng thái',
    ]);
    const inSidebar = serious(await runAxe(sidebar));
    expect(inSidebar, JSON.stringify(inSidebar, null, 1)).toEqual([]);
    await sidebar.screenshot('ui-sidebar-vi-light');
    // The page's toolbar is named in the chosen language once the page starts again.
    await page.reload();
    await page.waitFor(`${PAINTED} === 3`);
    await selectText(page, 'Huyện ủy Vĩnh Tường');
    await page.waitForRole({ role: 'button', name: 'Bằng chứng' });
    await page.screenshot('ui-page-toolbar-vi');
  });

  it('follows a dark system theme, with no serious axe violation', async () => {
    if (browserName === 'firefox') {
      await env.harness.restart({ colorScheme: 'dark' });
      page = await env.harness.openPage(url);
      await page.waitFor(`${PAINTED} === 3`);
      sidebar = await env.harness.openSidebar(await env.harness.tabIdOf(url));
      library = await env.harness.openExtensionPage('library.html');
    } else {
      await sidebar.colorScheme('dark');
      await library.colorScheme('dark');
    }
    expect(await sidebar.evaluate<boolean>(`matchMedia('(prefers-color-scheme: dark)').matches`)).toBe(true);
    await sidebar.waitForRole({ role: 'heading', name: 'Ghi chú bài viết' });
    await library.waitForRole({ role: 'tab', name: 'Cài đặt' });
    await library.type({ role: 'textbox', name: 'Tìm trong trích dẫn, ghi chú, thẻ và tiêu đề' }, 'dang');
    await library.waitFor(`document.querySelectorAll('.lib-highlight').length === 3`);
    for (const [tab, name] of [
      [sidebar, 'ui-sidebar-vi-dark'],
      [library, 'ui-library-vi-dark'],
    ] as const) {
      const violations = serious(await runAxe(tab));
      expect(violations, JSON.stringify(violations, null, 1)).toEqual([]);
      await tab.screenshot(name);
    }
    await library.click({ role: 'tab', name: 'Cài đặt' });
    await library.choose({ role: 'combobox', name: 'Ngôn ngữ' }, 'Theo trình duyệt');
    await library.waitForRole({ role: 'tab', name: 'Settings' });
  });
});
