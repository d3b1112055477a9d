/**
 * The selection toolbar before the user opened Marginalia on a tab, in real Chromium and Firefox:
 * on an article page a selection brings the toolbar (the probe registered on every page wakes the
 * page side), on a page that is not an article nothing happens, and the setting "Show the highlight
 * toolbar when I select text" switches between article pages, every page and only after opening.
 * Screenshots: toolbar-article-page (en, vi; light, dark in Chromium).
 */
import { describe, expect, it } from 'vitest';
import { expectNever, PAINTED, withBrowser } from '../support/e2e';
import type { BrowserName, Tab } from '../support/harness';
import { selectText } from '../support/select';

const S_SEED = 'Trên cơ sở chỉ tiêu được giao';
const TITLE = 'Thực hiện công tác tổ chức xây dựng Đảng gắn với nhiệm vụ chính trị tại địa phương';
const S_PLAIN = 'The hall seats one hundred and twenty people.';
const TOOLBAR_UP = `document.querySelector('marginalia-toolbar')?.matches(':popover-open')`;

/** The probe the browser has registered for the extension, read from an extension page. */
const REGISTERED = `(async () => {
  const api = globalThis.browser ?? globalThis.chrome;
  const scripts = await api.scripting.getRegisteredContentScripts();
  return scripts.map((s) => s.js.join(',')).join(' ');
})()`;

async function probeIs(library: Tab, file: string): Promise<void> {
  await library.waitFor(`${REGISTERED}.then((r) => r.replace(/^\\//, '') === ${JSON.stringify(file)})`);
}

describe.each<BrowserName>(['chromium', 'firefox'])('toolbar before opening Marginalia, in %s', (browserName) => {
  const env = withBrowser(browserName);
  let library: Tab;

  it('on an article page, a selection brings the toolbar, and its highlight is kept', async () => {
    library = await env.harness.openExtensionPage('library.html');
    await probeIs(library, 'article-probe.js');
    const page = await env.harness.openPage(`${env.server.origin}/seed/vinhphuc.html`);
    await selectText(page, S_SEED);
    await page.waitForRole({ role: 'toolbar', name: 'Marginalia' });
    await page.screenshot('toolbar-article-page');
    expect(await page.count({ role: 'button', name: 'Statistic' })).toBe(1);
    await page.click({ role: 'button', name: 'Claim' });
    await page.waitFor(`${PAINTED} === 1`);
    // Kept like any highlight: the library lists the article with it.
    const listed = await env.harness.openExtensionPage('library.html');
    await listed.waitFor(`document.body.innerText.includes(${JSON.stringify(TITLE)})`);
    await listed.close();
  });

  it('on a page that is not an article, a selection brings nothing', async () => {
    const page = await env.harness.openPage(`${env.server.origin}/plain/site-index.html`);
    await selectText(page, S_PLAIN);
    await expectNever(page, TOOLBAR_UP, 1500);
  });

  it('"On every page" brings it there too; "Only after I open Marginalia" nowhere', async () => {
    await library.front();
    await library.click({ role: 'tab', name: 'Settings' });
    await library.choose({ role: 'combobox', name: 'Show the highlight toolbar when I select text' }, 'On every page');
    await probeIs(library, 'selection-probe.js');
    const plain = await env.harness.openPage(`${env.server.origin}/plain/site-index.html?everywhere`);
    await selectText(plain, S_PLAIN);
    await plain.waitForRole({ role: 'toolbar', name: 'Marginalia' });

    await library.front();
    await library.choose(
      { role: 'combobox', name: 'Show the highlight toolbar when I select text' },
      'Only after I open Marginalia on the tab',
    );
    await library.waitFor(`${REGISTERED}.then((r) => r === '')`);
    const article = await env.harness.openPage(`${env.server.origin}/news/guardian-1/source.html`);
    await selectText(article, 'whale whisperers worry that manmade changes');
    await expectNever(article, TOOLBAR_UP, 1500);
  });
});
