/** Selecting text in a driven tab with a real mouse drag, as a user would. */
import type { Tab } from './harness';

/**
 * Selects from the start of `from` to the end of `to` (each inside one text node, `to` defaults to
 * `from`), within the element `root` names (a JS expression, the body by default), by dragging the
 * mouse from the first character's left half to the last character's right half. A selection a
 * script sets does not show Marginalia's toolbar (only the user's own input does), so tests select
 * as a person does; the resulting selection is checked to be exactly the passage.
 */
export async function selectText(page: Tab, from: string, to = from, root = 'document.body'): Promise<void> {
  const at = await page.evaluate<{ x1: number; y1: number; x2: number; y2: number; text: string } | null>(
    `(() => { const find = (needle) => { const w = document.createTreeWalker(${root}, NodeFilter.SHOW_TEXT);
        for (let n = w.nextNode(); n; n = w.nextNode()) { const i = n.data.indexOf(needle); if (i >= 0) return [n, i]; }
        return null; };
      const a = find(${JSON.stringify(from)}); const b = find(${JSON.stringify(to)});
      if (!a || !b) return null;
      getSelection().removeAllRanges();
      a[0].parentElement.scrollIntoView({ block: 'center' });
      const end = b[1] + ${JSON.stringify(to)}.length;
      const charRect = (node, i) => { const r = document.createRange(); r.setStart(node, i); r.setEnd(node, i + 1);
        const rects = [...r.getClientRects()].filter((x) => x.width > 0); return rects[0] ?? r.getBoundingClientRect(); };
      const first = charRect(a[0], a[1]); const last = charRect(b[0], end - 1);
      const whole = document.createRange(); whole.setStart(a[0], a[1]); whole.setEnd(b[0], end);
      return { x1: first.left + Math.min(2, first.width / 4), y1: first.top + first.height / 2,
        x2: last.right - Math.min(2, last.width / 4), y2: last.top + last.height / 2, text: whole.toString() }; })()`,
  );
  if (!at) throw new Error(`Text not on the page: ${from}`);
  await page.drag(at.x1, at.y1, at.x2, at.y2);
  const selected = await page.evaluate<string>('getSelection().toString()');
  const norm = (t: string) => t.replace(/\s+/g, ' ').trim();
  if (norm(selected) !== norm(at.text)) {
    throw new Error(`The drag selected ${JSON.stringify(selected)}, not ${JSON.stringify(at.text)}`);
  }
}
