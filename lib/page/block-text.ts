/**
 * The text of the block(s) a highlight sits in: the paragraph (or heading, list item …) holding the
 * selection's start through the one holding its end, kept with the highlight so that, if the page
 * changes or the passage disappears, its note keeps its meaning.
 */

import { LIMITS } from '../protocol';

/** Elements that make a block of text. */
const BLOCK = 'p, li, h1, h2, h3, h4, h5, h6, blockquote, pre, figcaption, td, th, dd, dt';
/** At most this many characters are kept, centred on the quote (the protocol's limit). */
const MAX_BLOCK_TEXT = LIMITS.block;

function blockOf(node: Node): Element | null {
  const el = node.nodeType === 1 ? (node as Element) : node.parentElement;
  return el?.closest(BLOCK) ?? el ?? null;
}

/** The normalised text of the blocks `range` spans, cut to MAX_BLOCK_TEXT around `quote`. */
export function blockText(range: Range, quote: string): string {
  const first = blockOf(range.startContainer);
  const last = blockOf(range.endContainer);
  if (!first || !last) return '';
  const span = first.ownerDocument.createRange();
  span.setStartBefore(first);
  span.setEndAfter(last);
  // Block by block, with a space between (a range's own text runs paragraphs together).
  const root = span.commonAncestorContainer as Element;
  const inner = root.querySelectorAll ? [...root.querySelectorAll(BLOCK)] : [];
  const blocks = inner.filter((el) => span.intersectsNode(el) && !el.querySelector(BLOCK));
  const raw = blocks.length > 1 ? blocks.map((el) => el.textContent ?? '').join(' ') : span.toString();
  const text = raw.normalize('NFC').replace(/\s+/g, ' ').trim();
  if (text.length <= MAX_BLOCK_TEXT) return text;
  const at = Math.max(0, text.indexOf(quote.normalize('NFC').replace(/\s+/g, ' ').trim()));
  const start = Math.max(0, Math.min(at - (MAX_BLOCK_TEXT - quote.length) / 2, text.length - MAX_BLOCK_TEXT));
  return text.slice(Math.floor(start), Math.floor(start) + MAX_BLOCK_TEXT);
}
