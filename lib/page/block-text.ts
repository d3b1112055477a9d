/**
 * The text of the block(s) a highlight sits in: from the block boundary before the selection's start
 * to the one after its end, kept with the highlight so that, if the page changes or the passage
 * disappears, its note keeps its meaning, and so that its passage link takes its context from its
 * own block. Block boundaries are where the WICG text-fragment algorithm (as text-fragments-polyfill
 * implements it) puts them: at the start and end of every block-level element (`<div>`, `<p>`,
 * `<li>`, `<br>` …, listed in ./fragment-view.ts); they are kept as line breaks ("\n") in the text.
 */

import { LIMITS } from '../page-protocol';
import { isBlock, seenByAlgorithm } from './fragment-view';

/** Elements whose text is never shown. */
const HIDDEN = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'TEXTAREA', 'SELECT', 'OPTION']);
/** At most this many characters are kept, centred on the quote (the protocol's limit). */
const MAX_BLOCK_TEXT = LIMITS.block;
/** Never walk further than this many nodes from the selection for its block's edges. */
const MAX_STEPS = 5000;

/**
 * Whether a block boundary lies between two nodes next to each other in document order (`a` before
 * `b`): `b` starts a block, or `a` or one of its ancestors is a block that ends before `b` (the
 * polyfill emits an element both when it enters and when it leaves it: `<div>A<p>B</p>C</div>` is
 * three blocks, A | B | C).
 */
function boundaryBetween(a: Node, b: Node): boolean {
  if (isBlock(b)) return true;
  for (let e: Node | null = a; e && !e.contains(b); e = e.parentNode) if (isBlock(e)) return true;
  return false;
}

/** Whether the algorithm reads an element's text (./fragment-view.ts); form controls' and scripts' never. */
const seen = (el: Element) => !HIDDEN.has(el.tagName.toUpperCase()) && seenByAlgorithm(el);

/** The text of the blocks `range` spans, "\n" between blocks, cut to MAX_BLOCK_TEXT around `quote`. */
export function blockText(range: Range, quote: string): string {
  const doc = range.startContainer.ownerDocument;
  const root = doc?.body ?? doc?.documentElement;
  if (!doc || !root) return '';
  // Hidden subtrees are left out whole, as the polyfill's walker rejects them.
  const walker = doc.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
    acceptNode: (n) => (n.nodeType === 1 && !seen(n as Element) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
  });
  // Back from the start to the boundary before it.
  const start =
    range.startContainer.nodeType === 3
      ? range.startContainer
      : (range.startContainer.childNodes[range.startOffset] ?? range.startContainer);
  walker.currentNode = start;
  let first: Node = start;
  for (let steps = 0; steps < MAX_STEPS; steps++) {
    const prev = walker.previousNode();
    if (!prev || boundaryBetween(prev, first)) break;
    first = prev;
  }
  // Forward to the boundary after the end, a line break at each boundary in between.
  walker.currentNode = first;
  const parts: string[] = [];
  let node: Node | null = first;
  let last: Node | null = null;
  let passedEnd = false;
  for (let steps = 0; node && steps < MAX_STEPS * 4; steps++, last = node, node = walker.nextNode()) {
    const boundary = last !== null && boundaryBetween(last, node);
    if (!passedEnd && node !== first && range.comparePoint(node, 0) > 0) passedEnd = true;
    if (passedEnd && boundary) break;
    if (boundary) parts.push('\n');
    if (node.nodeType === 3) parts.push((node as Text).data);
  }
  const text = parts
    .join('')
    .normalize('NFC')
    .replace(/[^\S\n]+/g, ' ')
    .replace(/ ?\n[\s]*/g, '\n')
    .trim();
  if (text.length <= MAX_BLOCK_TEXT) return text;
  const flat = text.replace(/\n/g, ' ');
  const at = Math.max(0, flat.indexOf(quote.normalize('NFC').replace(/\s+/g, ' ').trim()));
  const from = Math.max(0, Math.min(at - (MAX_BLOCK_TEXT - quote.length) / 2, text.length - MAX_BLOCK_TEXT));
  return text.slice(Math.floor(from), Math.floor(from) + MAX_BLOCK_TEXT);
}
