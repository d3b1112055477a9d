/**
 * After the extension is reloaded (as an update does), the new page side paints the page's
 * highlights and the old one answers nothing: one toolbar on a selection, not two.
 *
 * Firefox only: in this harness Chromium refuses the reloaded unpacked extension's pages
 * (ERR_BLOCKED_BY_CLIENT), so there the page side's own ending is tested in jsdom
 * (tests/unit/page-side.test.ts: the first page event after the runtime is gone ends it).
 */
import { describe, expect, it } from 'vitest';
import { PAINTED, paintNames, withBrowser } from '../support/e2e';
import type { BrowserName, Tab } from '../support/harness';
import { selectText } from '../support/select';

const S_ONE = 'Hoạt động của tổ chức đảng trong doanh nghiệp nhằm hướng đến mục đích đảm bảo tính ổn định';
const S_TWO = 'Huyện giao chỉ tiêu phát triển Đảng cụ thể cho từng chi, đảng bộ trực thuộc';
const S_LATER = 'Trên cơ sở chỉ tiêu được giao';

describe.each<BrowserName>(['firefox'])('page side lifetime in %s', (browserName) => {
  const env = withBrowser(browserName);

  it('stops the old page side when the extension is reloaded', async () => {
    const url = `${env.server.origin}/seed/vinhphuc.html`;
    const page: Tab = await env.harness.openPage(url);
    const tabId = await env.harness.tabIdOf(url);
    let sidebar = await env.harness.openSidebar(tabId);
    await sidebar.waitFor(`document.querySelector('header.article h1')`);
    for (const [i, passage] of [S_ONE, S_TWO].entries()) {
      await page.front();
      await selectText(page, passage);
      await page.click({ role: 'button', name: 'Claim' });
      await sidebar.waitFor(`document.querySelectorAll('article').length === ${i + 1}`);
    }
    await page.waitFor(`${PAINTED} === 2`);
    const before = await paintNames(sidebar);

    // Reload the extension, as an update does: its pages close, its background starts again.
    await sidebar.evaluate(`void (globalThis.browser ?? globalThis.chrome).runtime.reload()`).catch(() => undefined);
    // The new background finds the annotated tab and injects the new page side, which paints.
    let after = before;
    const deadline = Date.now() + 30_000;
    for (;;) {
      try {
        sidebar = await env.harness.openSidebar(tabId);
        after = await paintNames(sidebar);
        if (after.slots[1] !== before.slots[1]) break;
      } catch {
        // The extension is still starting, or has not injected the new page side yet.
      }
      if (Date.now() > deadline) throw new Error('The reloaded extension never answered from the page');
      await sidebar.close().catch(() => undefined);
      await new Promise((r) => setTimeout(r, 500));
    }
    const under = (name: string) => `[...(CSS.highlights.get(${JSON.stringify(name)}) ?? [])].length`;
    await page.waitFor(`${under(after.slots[1] as string)} === 2`);

    // The user's next selection: only the new page side answers it.
    await page.front();
    await selectText(page, S_LATER);
    await page.waitForRole({ role: 'button', name: 'Claim' });
    expect(await page.count({ role: 'button', name: 'Claim' })).toBe(1);
    // And the toolbar that shows works: the passage is stored and painted.
    await page.click({ role: 'button', name: 'Claim' });
    await page.waitFor(`${under(after.slots[1] as string)} === 3`);
    await page.screenshot('after-extension-reload');
  });
});
