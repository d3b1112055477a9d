/**
 * Random pages for property tests of the text view and what is built on it: elements (blocks,
 * inline ones, a line break, a script, a hidden block), comments, and text from a given set, as HTML.
 */
import fc from 'fast-check';

export type Tree = string | { tag: string; kids: Tree[] };

/** The element kinds a page may hold; `hidden` is a block with the attribute, `comment` a comment. */
export const TAGS = ['div', 'p', 'li', 'span', 'b', 'em', 'br', 'script', 'hidden', 'comment'];

/** A random page's trees, of these element kinds and texts. */
export function pageTree(texts: readonly string[], tags: readonly string[] = TAGS): fc.Arbitrary<Tree> {
  return fc.letrec<{ node: Tree }>((tie) => ({
    node: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.constantFrom(...texts),
      fc.record({ tag: fc.constantFrom(...tags), kids: fc.array(tie('node'), { maxLength: 4 }) }),
    ),
  })).node;
}

/** A tree as HTML. */
export function html(t: Tree): string {
  if (typeof t === 'string') return t;
  if (t.tag === 'br') return '<br>';
  if (t.tag === 'comment') return '<!-- a note -->';
  const inner = t.kids.map(html).join('');
  return t.tag === 'hidden' ? `<div hidden>${inner}</div>` : `<${t.tag}>${inner}</${t.tag}>`;
}
