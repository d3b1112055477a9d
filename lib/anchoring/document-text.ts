/**
 * Positions counted in another tool's text model: the raw `textContent` of the page's body, scripts,
 * styles and white space included (Hypothesis' TextPositionSelector). Converted to an offset in our
 * text view through the DOM, they serve the anchoring as a hint only: quote and context decide.
 * Page side.
 */
import type { TextIndex } from './text-index';
import { offsetOf } from './text-ranges';

/** The body's text nodes in `textContent` order, with where each starts in it. */
export interface DocumentText {
  nodes: Text[];
  starts: number[];
}

/** Lists the text nodes `root.textContent` is made of (one walk; made once per text index). */
export function documentText(root: Node): DocumentText {
  const doc = root.ownerDocument ?? (root as Document);
  const walker = doc.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */);
  const nodes: Text[] = [];
  const starts: number[] = [];
  let at = 0;
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    nodes.push(n as Text);
    starts.push(at);
    at += (n as Text).data.length;
  }
  return { nodes, starts };
}

/**
 * Our view's offset for an offset into the body's raw text: the next indexed character at or after
 * it (a point inside a script moves on to the text after it); -1 when it is past the end.
 */
export function fromDocumentText(index: TextIndex, text: DocumentText, offset: number): number {
  const { nodes, starts } = text;
  if (!Number.isInteger(offset) || offset < 0 || nodes.length === 0) return -1;
  let lo = 0;
  let hi = nodes.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] as number) <= offset) lo = mid;
    else hi = mid - 1;
  }
  const node = nodes[lo] as Text;
  const within = offset - (starts[lo] as number);
  if (within > node.data.length) return -1;
  return offsetOf(index, node, within, 'start');
}
