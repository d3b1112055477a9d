/**
 * Trust, in real Chromium and Firefox: page scripts can neither read annotations (no notes or tags
 * in the page, only opaque highlight names) nor create them (synthetic clicks on the toolbar do
 * nothing); a confirmed write survives the background being stopped; a backup downloads and
 * restores, and a bad one is refused whole; hostile titles show as text.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectNever, openCards, PAINTED, paintNames, withBrowser } from '../support/e2e';
import type { BrowserName, Tab } from '../support/harness';
import { selectText } from '../support/select';

const S1 = 'Phó trưởng Ban Tổ chức Huyện ủy Vĩnh Tường Đàm Văn Hùng cho biết';
const S2 = 'Bên cạnh đó, huyện Vĩnh Tường đưa ra nhiều giải pháp tháo gỡ khó khăn';
const S3 = 'Thời gian tới, ngành Tổ chức xây dựng Đảng tiếp tục vừa chung tay';

/**
 * Watches a library page's file work: each worker it starts (its URL and any error it raises), and
 * what the Backup panel's progress line shows, stage by stage, with whether the file buttons are
 * disabled then.
 */
const WATCH_FILE_WORK = `(() => {
  const Real = window.Worker;
  window.__workers = [];
  window.Worker = class extends Real {
    constructor(url, options) {
      super(url, options);
      const made = { url: String(url), errors: 0 };
      window.__workers.push(made);
      this.addEventListener('error', () => made.errors++);
    }
  };
  window.__shown = [];
  new MutationObserver(() => {
    const line = document.querySelector('.progress[role=status]');
    if (!line) return;
    const text = line.textContent.replace(/\\s+/g, ' ').trim();
    const disabled = [...document.querySelectorAll('input[type=file]')].every((i) => i.disabled);
    const last = window.__shown.at(-1);
    if (last?.text !== text) window.__shown.push({ text, disabled });
  }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
})()`;
const IN_A_WORKER = [{ url: expect.stringMatching(/\/restore-worker[-.\w]*\.js$/), errors: 0 }];

describe.each<BrowserName>(['chromium', 'firefox'])('trust in %s', (browserName) => {
  const env = withBrowser(browserName);
  let page: Tab;
  let sidebar: Tab;
  let url: string;

  beforeAll(() => {
    url = `${env.server.origin}/seed/vinhphuc.html`;
  });

  it('keeps notes and tags out of the page; highlight names are opaque', async () => {
    page = await env.harness.openPage(url);
    sidebar = await env.harness.openSidebar(await env.harness.tabIdOf(url));
    await sidebar.waitFor(`document.querySelector('header.article h1')`);
    await page.front();
    await selectText(page, S1);
    await page.click({ role: 'button', name: 'Claim' });
    await sidebar.waitFor(`document.querySelectorAll('article').length === 1`);
    await sidebar.front();
    await openCards(sidebar);
    await sidebar.click({ role: 'button', name: 'Add a note…' });
    await sidebar.type({ role: 'textbox', name: 'Note' }, 'BÍ MẬT ghi chú riêng');
    await sidebar.click({ role: 'button', name: 'Save' });
    await sidebar.type({ role: 'textbox', name: 'Add tag' }, 'nguồn-kín');
    await sidebar.press('Enter');
    await sidebar.waitForRole({ role: 'button', name: 'Remove tag nguồn-kín' });
    const before = await paintNames(sidebar);
    await page.reload();
    await page.waitFor(`${PAINTED} === 1`);
    const seen = await page.evaluate<{ html: string; names: string[]; hostAttrs: string[]; root: boolean }>(`(() => ({
      html: document.documentElement.outerHTML,
      names: [...CSS.highlights.keys()],
      hostAttrs: [...(document.querySelector('marginalia-toolbar')?.attributes ?? [])].map((a) => a.name),
      root: !!document.querySelector('marginalia-toolbar')?.shadowRoot,
    }))()`);
    expect(seen.html).not.toContain('BÍ MẬT');
    expect(seen.html).not.toContain('nguồn-kín');
    // Names drawn for this load: nothing in them says slot, type or colour, and a reload changes them.
    const after = await paintNames(sidebar);
    expect(seen.names).toEqual([after.slots[1]]);
    for (const name of seen.names) expect(name).toMatch(/^h[a-z0-9]{12}$/);
    expect(after.slots).not.toContain(before.slots[1]);
    expect(seen.hostAttrs.filter((a) => a !== 'popover')).toEqual([]);
    expect(seen.root).toBe(false);
  });

  it('ignores a page script clicking or focusing the toolbar for the user', async () => {
    await page.front();
    await selectText(page, S2);
    await page.waitForRole({ role: 'toolbar', name: 'Marginalia' });
    // The toolbar's shadow root is closed: the page cannot reach a button to click or focus.
    const reached = await page.evaluate<number>(`(() => { const host = document.querySelector('marginalia-toolbar');
      host.click(); host.focus(); host.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
      return host.shadowRoot?.querySelectorAll('button').length ?? 0; })()`);
    expect(reached).toBe(0);
    // The user's Enter then goes wherever it goes, never to a toolbar button.
    await page.press('Enter');
    await expectNever(page, `${PAINTED} !== 1`);
    expect(await sidebar.count({ role: 'article' })).toBe(1);
  });

  // Firefox ships MV2 with a persistent background page: there is no worker to stop.
  it.skipIf(browserName === 'firefox')(
    'keeps a confirmed write when the background is stopped between writes',
    async () => {
      await env.harness.stopBackground?.();
      await page.front();
      await selectText(page, S3);
      await page.click({ role: 'button', name: 'Evidence' });
      await sidebar.waitFor(`document.querySelectorAll('article').length === 2`);
      await env.harness.stopBackground?.();
      await page.reload();
      await page.waitFor(`${PAINTED} === 2`);
    },
  );

  it('downloads a backup and restores it; a bad file is refused whole with a message', async () => {
    const library = await env.harness.openExtensionPage('library.html');
    await library.click({ role: 'tab', name: 'Backup' });
    await library.waitForRole({ role: 'button', name: 'Download backup' });
    const file = await env.harness.download(() => library.click({ role: 'button', name: 'Download backup' }));
    expect(file.name).toMatch(/^marginalia-backup-\d{4}-\d\d-\d\d\.json$/);
    const backup = JSON.parse(file.text) as { highlights: { note: string }[] };
    expect(backup.highlights.map((h) => h.note)).toContain('BÍ MẬT ghi chú riêng');
    // The download says so, under the backup's own buttons.
    await library.waitForRole({
      role: 'status',
      name: /^Backup downloaded: .*marginalia-backup-\d{4}-\d\d-\d\d\.json.* \(\d+ highlights? in \d+ articles?\)\.$/
        .source,
      regex: true,
    });
    const good = join(tmpdir(), `good-${browserName}.json`);
    writeFileSync(good, file.text);
    await library.setFile('input[type=file]', good);
    // The library's own backup, restored into it: nothing new, and it says so.
    await library.waitForRole({
      role: 'status',
      name: 'Restored: this library already had everything in this backup; nothing was added or changed.',
    });
    // A backup with an article this library does not have: restored in a worker (the page's own
    // thread stays free), and the library lists it at once, told of the worker's write like any other.
    const full = JSON.parse(file.text) as {
      articles: Record<string, unknown>[];
      highlights: Record<string, unknown>[];
    };
    const moved = `${env.server.origin}/seed/khoi-phuc.html`;
    const [a0, h0] = [full.articles[0], full.highlights[0]];
    if (!a0 || !h0) throw new Error('the backup has no article or highlight');
    full.articles.push({ ...a0, id: 'khoi-phuc', url: moved, urls: [moved], title: 'Bài khôi phục từ bản sao lưu' });
    full.highlights.push({
      ...h0,
      id: 'khoi-phuc-1',
      articleId: 'khoi-phuc',
      target: { ...(h0.target as object), source: moved },
    });
    const more = join(tmpdir(), `more-${browserName}.json`);
    writeFileSync(more, JSON.stringify(full));
    await library.evaluate(WATCH_FILE_WORK);
    const COPIES = `Number(document.querySelector('[data-text-copies]')?.dataset.textCopies)`;
    await library.waitFor(`${COPIES} > 0`);
    const copies = await library.evaluate<number>(COPIES);
    await library.setFile('input[type=file]', more);
    await library.waitForRole({ role: 'status', name: 'Restored: 1 article and 1 highlight added, 0 updated.' });
    const workers = await library.evaluate<{ url: string; errors: number }[]>('window.__workers');
    expect(workers).toEqual(IN_A_WORKER);
    const stages = await library.evaluate<{ text: string; disabled: boolean }[]>('window.__shown');
    const name = `\u2068more-${browserName}.json\u2069`; // isolated, as a user's string in UI text
    expect(stages[0]).toEqual({ text: `Restoring ${name}: reading the file…`, disabled: true });
    expect(stages.at(-1)).toEqual({ text: `Restoring ${name}: writing the highlights… 1 / 1`, disabled: true });
    expect(
      await library.evaluate<boolean>(`[...document.querySelectorAll('input[type=file]')].some((i) => i.disabled)`),
    ).toBe(false);
    // The storage panel reads its figures again after the worker's writes: the copied article's text.
    await library.waitFor(`${COPIES} === ${2 * copies}`);
    await library.click({ role: 'tab', name: 'Highlights' });
    await library.waitFor(`document.body.innerText.includes('Bài khôi phục từ bản sao lưu')`);
    await library.click({ role: 'tab', name: 'Backup' });
    const bad = join(tmpdir(), `bad-${browserName}.json`);
    writeFileSync(bad, file.text.replace('"claimType":"claim"', '"claimType":"Propaganda!"'));
    await library.setFile('input[type=file]', bad);
    // Said in words (which highlight, which field, what is wrong), next to Restore, not under Import.
    await library.waitForRole({
      role: 'alert',
      name: /Nothing was imported\. The backup is not valid: highlight \d+ \(“.+”\): the claim type is not one this Marginalia knows \("Propaganda!"\)\./s
        .source,
      regex: true,
    });
    const placed = await library.evaluate<{ afterRestore: boolean; raw: boolean }>(`(() => {
      const alert = document.querySelector('[role=alert]');
      const row = alert.previousElementSibling;
      return { afterRestore: !!row?.textContent.includes('Restore from backup'), raw: /✖|→ at /.test(alert.textContent) };
    })()`);
    expect(placed).toEqual({ afterRestore: true, raw: false });
    // The truth for each browser: Firefox persists; Chrome keeps an extension with unlimitedStorage.
    const shown = await library.evaluate<string>('document.body.innerText');
    expect(shown).toMatch(browserName === 'firefox' ? /Persistent: / : /Kept: Marginalia has unlimited storage/);
    expect(shown).not.toContain('Not persistent');
    // The articles' text copies (kept to show what changed) are counted, with the switch to drop them.
    await library.waitFor(`Number(document.querySelector('[data-text-copies]')?.dataset.textCopies) > 0`);
    expect(
      await library.count({
        role: 'checkbox',
        name: /^Keep a text copy of each annotated article/.source,
        regex: true,
      }),
    ).toBe(1);
    // Designed at 14 px in both browsers (Chrome's extension pages set body to 75 %).
    expect(await library.evaluate<string>('getComputedStyle(document.body).fontSize')).toBe('14px');
    expect(await sidebar.evaluate<string>(`getComputedStyle(document.querySelector('.card')).fontSize`)).toBe('14px');
    await library.screenshot('library-backup');
  });

  it("imports Hypothesis' annotations, lists what it cannot import, and paints them on the page", async () => {
    // The page they were made on is open already, with nothing of Marginalia's on it.
    const target = `${env.server.origin}/seed/vinhphuc.html?copy=hypothesis`;
    const page = await env.harness.openPage(target);
    expect(await page.evaluate<number>(PAINTED)).toBe(0);
    const library = await env.harness.openExtensionPage('library.html');
    await library.click({ role: 'tab', name: 'Backup' });
    const text = readFileSync(join(process.cwd(), 'tests/fixtures/hypothesis/export.json'), 'utf8')
      .replaceAll('http://127.0.0.1:0/seed/vinhphuc.html?utm_source=share', target)
      .replaceAll('http://127.0.0.1:0/seed/vinhphuc.html', target);
    const path = join(tmpdir(), `hypothesis-${browserName}.json`);
    writeFileSync(path, text);
    await library.evaluate(WATCH_FILE_WORK);
    await library.setFile('input[type=file][accept*=jsonld]', path);
    await library.waitFor(`document.body.innerText.includes('Added 2 highlights and 1 article; 0 updated.')`);
    // Read, checked and written in the restore's worker, saying how far it has come.
    expect(await library.evaluate('window.__workers')).toEqual(IN_A_WORKER);
    const name = `\u2068hypothesis-${browserName}.json\u2069`;
    const stages = await library.evaluate<{ text: string; disabled: boolean }[]>('window.__shown');
    expect(stages[0]).toEqual({ text: `Importing ${name}: reading the file…`, disabled: true });
    expect(stages.at(-1)).toEqual({ text: `Importing ${name}: writing the highlights… 2 / 2`, disabled: true });
    const shown = await library.evaluate<string>('document.body.innerText');
    // The page note is the article's note now; the reply and the PDF annotation are listed.
    expect(shown).toContain('1 note on a whole page became its article’s note.');
    expect(shown).toContain('Not imported (2):');
    expect(shown).toContain('annotation 4: a reply to another annotation');
    expect(shown).toContain('annotation 5: an annotation on a PDF (Marginalia annotates web pages)');
    await library.screenshot('library-import-hypothesis');
    // The same file again adds nothing, and says so.
    await library.setFile('input[type=file][accept*=jsonld]', path);
    await library.waitFor(
      `document.body.innerText.includes('Nothing new: this library already had the annotations read from this file.')`,
    );
    expect(await library.evaluate<string>('document.body.innerText')).not.toContain('became its article’s note');
    // The imported highlights anchor on the page they came from, painted in the open tab.
    await page.waitFor(`${PAINTED} === 2`);
    // One more annotation of that page, imported while its page side runs and no sidebar is open:
    // the open tab paints it as the import ends (the background is told), without a reload.
    const more = JSON.parse(text) as { annotations: Record<string, unknown>[] };
    const [first] = more.annotations;
    more.annotations.push({
      ...first,
      id: 'MoreLater001',
      text: 'Một chú thích thêm.',
      target: [{ source: target, selector: [{ type: 'TextQuoteSelector', exact: S3 }] }],
    });
    const morePath = join(tmpdir(), `hypothesis-more-${browserName}.json`);
    writeFileSync(morePath, JSON.stringify(more));
    await library.setFile('input[type=file][accept*=jsonld]', morePath);
    await library.waitFor(`document.body.innerText.includes('Added 1 highlight and 0 articles; 0 updated.')`);
    await page.waitFor(`${PAINTED} === 3`);
    await page.reload();
    await page.waitFor(`${PAINTED} === 3`);
    const sidebar = await env.harness.openSidebar(await env.harness.tabIdOf(target));
    await sidebar.waitFor(`document.querySelectorAll('article.card').length === 3`);
    await sidebar.waitFor(`document.body.innerText.includes('A note on the whole page.')`);
    await openCards(sidebar);
    expect((await sidebar.selected({ role: 'combobox', name: 'Claim type' })).sort()).toEqual([
      'Evidence',
      'Evidence',
      'Highlight',
    ]);
  });

  it('shows a hostile title as text in the sidebar and the library', async () => {
    const hostile = `${env.server.origin}/hostile/article.html`;
    const hp = await env.harness.openPage(hostile);
    const hs = await env.harness.openSidebar(await env.harness.tabIdOf(hostile));
    await hs.waitFor(`document.querySelector('header.article h1')`);
    await hp.front();
    await selectText(hp, 'The city council approved the 2026 budget');
    await hp.click({ role: 'button', name: 'Quote' });
    await hs.waitFor(`document.querySelectorAll('article').length === 1`);
    expect(await hs.evaluate<string>(`document.querySelector('header.article h1').innerHTML`)).toBe(
      'Council --- # approves *budget* [[draft]] &lt;b&gt;now&lt;/b&gt;',
    );
    const library = await env.harness.openExtensionPage('library.html');
    await library.waitForRole({ role: 'link', name: /^Council --- #/.source, regex: true });
    expect(await library.evaluate<number>(`document.querySelectorAll('.vlist b, .vlist script').length`)).toBe(0);
    await library.screenshot('library-hostile');
  });
});
