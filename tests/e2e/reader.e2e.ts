/**
 * The reader view, in real Chromium and Firefox: the extracted article, sanitised, in the page's
 * language and direction, with the page's highlights; text selected in it is highlighted on the
 * live page too. A page whose article carries scripts, handlers and javascript: links is shown
 * inert. Screenshots: the seed article, a right-to-left page and a CJK page.
 */
import { describe, expect, it } from 'vitest';
import { PAINTED, paintNames, withBrowser } from '../support/e2e';
import type { BrowserName, Tab } from '../support/harness';
import { selectText } from '../support/select';

const SENTENCE = 'Hoạt động của tổ chức đảng trong doanh nghiệp nhằm hướng đến mục đích đảm bảo tính ổn định';
const READER = 'document.querySelector("article.reader")';

describe.each<BrowserName>(['chromium', 'firefox'])('reader view in %s', (browserName) => {
  const env = withBrowser(browserName);

  async function openReader(path: string): Promise<{ page: Tab; sidebar: Tab }> {
    const url = `${env.server.origin}/${path}`;
    const page = await env.harness.openPage(url);
    const sidebar = await env.harness.openSidebar(await env.harness.tabIdOf(url));
    // Wait for the article header, so the tabs no longer move when it appears.
    await sidebar.waitFor(`document.querySelector('header.article h1')`);
    await sidebar.click({ role: 'tab', name: 'Reader' });
    await sidebar.waitFor(`${READER} && ${READER}.textContent.length > 100`);
    return { page, sidebar };
  }

  it('shows the seed article and highlights what is selected in it on the live page too', async () => {
    const { page, sidebar } = await openReader('seed/vinhphuc.html');
    expect(await sidebar.evaluate<string>(`${READER}.lang`)).toBe('vi');
    await sidebar.screenshot('reader-seed');
    await selectText(sidebar, SENTENCE, SENTENCE, READER);
    await sidebar.click({ role: 'button', name: 'Claim' });
    await page.waitFor(`${PAINTED} === 1`);
    const { slots } = await paintNames(sidebar);
    expect(await page.evaluate<string>(`[...CSS.highlights.get(${JSON.stringify(slots[1])})][0].toString()`)).toBe(
      SENTENCE,
    );
    await sidebar.waitFor(`${PAINTED} === 1`);
    await sidebar.click({ role: 'tab', name: 'Highlights' });
    await sidebar.waitForRole({ role: 'article', name: SENTENCE.slice(0, 80).trim() });
  });

  it('keeps the page’s relative images and links, resolved against the page’s own address', async () => {
    const { sidebar } = await openReader('seed/vinhphuc.html');
    const photo = `[...${READER}.querySelectorAll('img')].find((i) => i.alt.startsWith('Cán bộ Ban Tổ chức'))`;
    await sidebar.waitFor(`${photo}?.complete && ${photo}.naturalWidth > 0`);
    expect(await sidebar.evaluate<string>(`${photo}.src`)).toBe(
      `${env.server.origin}/seed/images/seed-vinhphuc-photo.svg`,
    );
    // The caption is said once (Readability keeps the figure's own caption).
    const text = await sidebar.evaluate<string>(`${READER}.textContent`);
    expect(text.split('rà soát hồ sơ cán bộ. Ảnh: Dương Hà').length - 1).toBe(1);
    const links = await openReader('news/lemonde-1/source.html');
    const hrefs = await links.sidebar.evaluate<(string | null)[]>(
      `[...${READER}.querySelectorAll('a')].map((a) => a.getAttribute('href'))`,
    );
    expect(hrefs.length).toBeGreaterThan(0);
    for (const href of hrefs) expect(href).toMatch(/^https?:\/\//);
  });

  it('reads a right-to-left page right to left', async () => {
    const { sidebar } = await openReader('news/rtl-1/source.html');
    expect(await sidebar.evaluate<string>(`getComputedStyle(${READER}).direction`)).toBe('rtl');
    await sidebar.screenshot('reader-rtl');
  });

  it('shows a CJK article', async () => {
    const { sidebar } = await openReader('news/gmw/source.html');
    expect(await sidebar.evaluate<string>(`${READER}.textContent`)).toContain('宇航员');
    await sidebar.screenshot('reader-cjk');
  });

  it('shows a hostile article inert: no script, handler or javascript: link runs', async () => {
    const { sidebar } = await openReader('hostile/article.html');
    const dom = await sidebar.evaluate<Record<string, unknown>>(`(() => { const r = ${READER}; return {
      scripts: r.querySelectorAll('script, iframe, form, input, style').length,
      handlers: [...r.querySelectorAll('*')].filter((e) => [...e.attributes].some((a) => a.name.startsWith('on'))).length,
      jsLinks: r.querySelectorAll('a[href^="javascript:" i]').length,
      styled: r.querySelectorAll('[style]').length,
      text: r.textContent,
    }; })()`);
    expect(dom).toMatchObject({ scripts: 0, handlers: 0, jsLinks: 0, styled: 0 });
    expect(dom.text).toContain('The city council approved the 2026 budget');
    // The javascript: link is no link any more; the other opens a new tab, without an opener.
    expect(await sidebar.count({ role: 'link', name: 'full document' })).toBe(0);
    const summary = await sidebar.evaluate<string>(
      `(() => { const a = [...${READER}.querySelectorAll('a')].find((x) => x.textContent === 'the summary'); return a.target + ' ' + a.rel; })()`,
    );
    expect(summary).toBe('_blank noopener noreferrer');
    expect(await sidebar.evaluate('window.__pwned')).toBeUndefined();
    expect(await sidebar.evaluate<string>('document.title')).not.toBe('PWNED');
    await sidebar.screenshot('reader-hostile');
  });
});
