// @vitest-environment jsdom
/**
 * A position Hypothesis wrote counts in the page body's raw textContent (scripts, styles and white
 * space included), not in our text view: on the seed it is several times ours. The page converts it
 * through the DOM and uses it as a hint only; quote and context decide. Selectors here are made the
 * way Hypothesis' client makes them (hypothesis/client src/annotator/anchoring: TextPositionAnchor
 * on document.body, TextQuoteAnchor with 32 characters of context).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { anchorSelectors, type Selectors } from '@/lib/anchoring/anchor';
import { documentText, fromDocumentText } from '@/lib/anchoring/document-text';
import { buildTextIndex } from '@/lib/anchoring/text-index';
import { resolveClaimTypes } from '@/lib/claim-types';
import { parseAnnotations } from '@/lib/import/annotations';
import { toPaintItems } from '@/lib/records';

const PAD = ' '.repeat(40);
/** A pretty-printed page: the heading is also in the table of contents, both in white space only. */
const PAGE = `
<script>var analytics = ${JSON.stringify('x'.repeat(3000))};</script>
<style>.toc { color: gray }</style>
<h3>Contents</h3>
<nav class="toc"><ul>
${PAD}<li><a href="#intro">
${PAD}Introduction
${PAD}</a></li>
${PAD}<li><a href="#methods">Methods</a></li>
</ul></nav>
<article>
${PAD}<h2 id="intro">
${PAD}Introduction
${PAD}</h2>
${PAD}<p>The study began in 2019 with 1,200 households.</p>
${PAD}<h2 id="methods">Methods</h2><p>Each household was visited twice.</p>
</article>`;

/** Selectors for the n-th occurrence of `exact`, as the Hypothesis client describes them. */
function hypothesisSelectors(exact: string, occurrence: number): Selectors {
  const raw = document.body.textContent ?? '';
  let start = -1;
  for (let i = 0; i <= occurrence; i++) start = raw.indexOf(exact, start + 1);
  const end = start + exact.length;
  return [
    {
      type: 'TextQuoteSelector',
      exact,
      prefix: raw.slice(Math.max(0, start - 32), start),
      suffix: raw.slice(end, end + 32),
    },
    { type: 'TextPositionSelector', start, end },
  ];
}

function setUp() {
  document.body.innerHTML = PAGE;
  return { index: buildTextIndex(document.body), raw: documentText(document.body) };
}

const headingOf = (index: ReturnType<typeof buildTextIndex>, at: number) => {
  let ni = 0;
  while ((index.nodeStart[ni + 1] as number) <= at) ni++;
  return index.nodes[ni]?.parentElement?.localName;
};

describe('a Hypothesis position is converted, then used as a hint only', () => {
  it('the heading whose context is all white space: orphaned as ambiguous if the raw offset were ours, found once converted', () => {
    const { index, raw } = setUp();
    const [quote, position] = hypothesisSelectors('Introduction', 1);
    expect(position.start).toBeGreaterThan(index.text.length); // another text model: past the end of ours
    // Read as a position in our view, the offset means nothing and the context cannot choose.
    expect(anchorSelectors(index, [quote, position])).toMatchObject({ status: 'orphan', reason: 'ambiguous' });
    const start = fromDocumentText(index, raw, position.start);
    const found = anchorSelectors(index, [
      quote,
      { type: 'TextPositionSelector', start, end: start + quote.exact.length },
    ]);
    expect(found).toMatchObject({ status: 'anchored' });
    if (found.status !== 'anchored') return;
    expect(index.text.slice(found.start, found.end)).toBe('Introduction');
    expect(headingOf(index, found.start)).toBe('h2');
  });

  it('the table of contents entry is found at its own place too', () => {
    const { index, raw } = setUp();
    const [quote, position] = hypothesisSelectors('Introduction', 0);
    const start = fromDocumentText(index, raw, position.start);
    const found = anchorSelectors(index, [quote, { type: 'TextPositionSelector', start, end: start + 12 }]);
    expect(found.status === 'anchored' && headingOf(index, found.start)).toBe('a');
  });

  it('a hint never outweighs the quote and its context: a position pointing elsewhere is overruled', () => {
    const { index, raw } = setUp();
    const [quote] = hypothesisSelectors('Methods', 1); // the heading: its suffix is the paragraph after it
    const [, toc] = hypothesisSelectors('Methods', 0); // a position that points at the contents entry
    const start = fromDocumentText(index, raw, toc.start);
    const found = anchorSelectors(index, [quote, { type: 'TextPositionSelector', start, end: start + 7 }]);
    expect(found.status === 'anchored' && headingOf(index, found.start)).toBe('h2');
  });

  it('an offset inside a script moves on to the next text; one past the end is no position', () => {
    const { index, raw } = setUp();
    expect(fromDocumentText(index, raw, 10)).toBe(0);
    expect(fromDocumentText(index, raw, (document.body.textContent ?? '').length + 5)).toBe(-1);
    expect(fromDocumentText(index, raw, -3)).toBe(-1);
  });
});

describe('the import marks Hypothesis positions as counted in the document text', () => {
  it('a highlight with a position in the file carries positionIn (one without has none), and the page is told', () => {
    const text = readFileSync(join(process.cwd(), 'tests/fixtures/hypothesis/export.json'), 'utf8');
    const parsed = parseAnnotations(text, Date.UTC(2026, 11, 1));
    if (!parsed.ok) throw new Error(parsed.error);
    const highlights = parsed.backup.highlights;
    const [withPosition, quoteOnly] = highlights;
    expect(withPosition?.target.positionIn).toBe('document-text');
    expect(quoteOnly?.target.positionIn).toBeUndefined();
    const items = toPaintItems(highlights, resolveClaimTypes([]));
    expect(items.map((i) => i.positionIn)).toEqual(['document-text', undefined]);
  });
});
