/**
 * The page as the WICG scroll-to-text-fragment algorithm reads it (as text-fragments-polyfill, the
 * reference implementation, does): the visible text in blocks, a block boundary at the start and at
 * the end of every block-level element, the text normalized as the algorithm compares it (white
 * space runs as one space, diacritics removed, lower case). A passage link is made against this view
 * (lib/page/fragment-directive.ts), so that it finds its passage on the page, not just in our own
 * text index. Page side.
 */

/** Elements whose start and end are block boundaries (the polyfill's list, from MDN). */
const BLOCK = new Set([
  'ADDRESS',
  'ARTICLE',
  'ASIDE',
  'BLOCKQUOTE',
  'BR',
  'DETAILS',
  'DIALOG',
  'DD',
  'DIV',
  'DL',
  'DT',
  'FIELDSET',
  'FIGCAPTION',
  'FIGURE',
  'FOOTER',
  'FORM',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'HEADER',
  'HGROUP',
  'HR',
  'LI',
  'MAIN',
  'NAV',
  'OL',
  'P',
  'PRE',
  'SECTION',
  'TABLE',
  'UL',
  'TR',
  'TH',
  'TD',
  'COLGROUP',
  'COL',
  'CAPTION',
  'THEAD',
  'TBODY',
  'TFOOT',
]);

/**
 * Characters that are not white space on the page but decompose (NFKD) to a space and a mark, like
 * U+02D9 "˙" in MathML: the algorithm's comparison form has a space there, which no term can hold
 * (its own terms are normalized to single spaces) and which it does not skip as white space.
 * Checked against every BMP character in tests/unit/fragment-directive.test.ts.
 */
export const SPACING_MARKS =
  /[\u00A8\u00AF\u00B4\u00B8\u02D8-\u02DD\u037A\u0384\u0385\u1FBD\u1FBF-\u1FC1\u1FCD-\u1FCF\u1FDD-\u1FDF\u1FED\u1FEE\u1FFD\u1FFE\u2017\u203E\u309B\u309C\uFC5E-\uFC63\uFE49-\uFE4C\uFE70\uFE72\uFE74\uFE76\uFE78\uFE7A\uFE7C\uFE7E\uFFE3]/g;
/** Stands for a spacing mark in the view: neither white space nor part of any term. */
export const STOP = '\uE000';

/** The algorithm's comparison form: NFKD, white space runs as one space, no diacritics, lower case. */
export function normalizeForMatch(text: string): string {
  return text
    .replace(SPACING_MARKS, STOP)
    .normalize('NFKD')
    .replace(/\s+/g, ' ')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}

/** The page's visible text, block by block. */
export interface FragmentView {
  /** The blocks' normalized text joined by "\n" (normalized text has no line breaks of its own). */
  text: string;
  /** Each block's text as on the page (white space runs as one space), for readable link terms. */
  shown: string[];
  /** Where each block starts in `text`. */
  starts: number[];
  /** The language whose word boundaries the algorithm uses (the page's, else the browser's). */
  lang: string;
}

/** A view of blocks of page text (as read from the page, white space and all). */
export function viewFromBlocks(rawBlocks: string[], lang: string): FragmentView {
  const normalized = rawBlocks.map(normalizeForMatch);
  const starts: number[] = [];
  let at = 0;
  for (const block of normalized) {
    starts.push(at);
    at += block.length + 1;
  }
  return { text: normalized.join('\n'), shown: rawBlocks.map((b) => b.replace(/\s+/g, ' ')), starts, lang };
}

/** Where a range sits in a view: [start, end) offsets in `text`, or null when none of it is visible. */
export type ViewSpan = [number, number];

function isHtmlElement(node: Node): node is HTMLElement {
  const view = node.ownerDocument?.defaultView as (Window & { HTMLElement: typeof HTMLElement }) | null;
  return !!view && node instanceof view.HTMLElement;
}

export const isBlock = (n: Node) =>
  n.nodeType === 1 && isHtmlElement(n) && BLOCK.has((n as Element).tagName.toUpperCase());

/**
 * Whether the algorithm sees an element (and so its subtree): not `display: none` or
 * `visibility: hidden`, no zero height or width that clips, an opacity that parses as a whole 1
 * (the polyfill reads it with parseInt, so 0.5 hides too), or `hidden="until-found"`.
 */
export function seenByAlgorithm(el: Element): boolean {
  if (!isHtmlElement(el)) return true;
  if (el.getAttribute('hidden') === 'until-found') return true;
  const style = el.ownerDocument.defaultView?.getComputedStyle(el);
  if (!style) return true;
  if (style.visibility === 'hidden' || style.display === 'none') return false;
  if (Number.parseInt(style.height, 10) === 0 && style.overflowY !== 'visible') return false;
  if (Number.parseInt(style.width, 10) === 0 && style.overflowX !== 'visible') return false;
  return Number.parseInt(style.opacity, 10) !== 0;
}

/**
 * Reads the document's body as the algorithm does, and where `range` sits in it. Elements are
 * entered and left as the polyfill's traversal does, so that both edges of a block are boundaries.
 */
export function readFragmentView(doc: Document, range: Range): { view: FragmentView; span: ViewSpan | null } {
  const root = doc.body ?? doc.documentElement;
  const rawBlocks: string[] = [];
  let current = '';
  let start: [number, number] | null = null; // [block, raw offset in the block]
  let end: [number, number] | null = null;
  /** Where the text read so far ends: the end of a range that ends between text nodes. */
  let read: [number, number] = [0, 0];
  const close = () => {
    if (current.length > 0) rawBlocks.push(current);
    current = '';
  };
  const visit = (node: Node) => {
    if (node.nodeType === 3) {
      const data = (node as Text).data;
      const block = rawBlocks.length;
      if (!start) {
        if (node === range.startContainer) start = [block, current.length + range.startOffset];
        else if (range.comparePoint(node, 0) >= 0) start = [block, current.length];
      }
      if (!end) {
        if (node === range.endContainer) end = [block, current.length + range.endOffset];
        else if (range.comparePoint(node, 0) > 0) end = read; // the range ended before this node
      }
      current += data;
      read = [rawBlocks.length, current.length];
      return;
    }
    if (node.nodeType !== 1 || !seenByAlgorithm(node as Element)) return;
    const block = isBlock(node);
    if (block) close();
    for (let child = node.firstChild; child; child = child.nextSibling) visit(child);
    if (block) close();
  };
  if (root) visit(root);
  close();
  const view = viewFromBlocks(rawBlocks, doc.documentElement.lang || navigator.language);
  const position = (p: [number, number] | null): number => {
    if (!p) return view.text.length; // not reached: the range ends after the last visible text
    const [block, offset] = p;
    const raw = rawBlocks[block];
    if (raw === undefined) return view.text.length;
    return (view.starts[block] as number) + normalizeForMatch(raw.slice(0, offset)).length;
  };
  if (!start) return { view, span: null };
  return { view, span: trimSpan(view.text, position(start), position(end)) };
}

/**
 * The span without white space, line breaks or spacing marks at its edges (the algorithm compares a
 * spacing mark as a space: "x ˙" ends where "x" does).
 */
function trimSpan(text: string, s: number, e: number): ViewSpan | null {
  let a = s;
  let b = e;
  const edge = (c: string | undefined) => c === STOP || /\s/.test(c as string);
  while (a < b && edge(text[a])) a++;
  while (b > a && edge(text[b - 1])) b--;
  return b > a ? [a, b] : null;
}
