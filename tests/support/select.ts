/** Selecting text in a driven tab, as a user's drag would leave the selection. */
import { expect } from 'vitest';
import type { Tab } from './harness';

/**
 * Selects from the start of `from` to the end of `to` (each inside one text node, `to` defaults to
 * `from`), within the element `root` names (a JS expression, the body by default).
 */
export async function selectText(page: Tab, from: string, to = from, root = 'document.body'): Promise<void> {
  const ok = await page.evaluate<boolean>(
    `(() => { const find = (needle) => { const w = document.createTreeWalker(${root}, NodeFilter.SHOW_TEXT);
        for (let n = w.nextNode(); n; n = w.nextNode()) { const i = n.data.indexOf(needle); if (i >= 0) return [n, i]; }
        return null; };
      const a = find(${JSON.stringify(from)}); const b = find(${JSON.stringify(to)});
      if (!a || !b) return false;
      a[0].parentElement.scrollIntoView({ block: 'center' });
      getSelection().setBaseAndExtent(a[0], a[1], b[0], b[1] + ${JSON.stringify(to)}.length);
      return true; })()`,
  );
  expect(ok, `text on page: ${from}`).toBe(true);
}
