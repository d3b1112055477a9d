/**
 * Passage links made on the page (lib/page/fragment-directive.ts), on views built by hand: the least
 * detail that finds the passage first, context where the words repeat, a part where the whole
 * cannot be told apart, nothing where no part can. The same code is checked against the reference
 * (text-fragments-polyfill) on real pages in tests/e2e/passage-links.e2e.ts.
 */
import { describe, expect, it } from 'vitest';
import { passageLink } from '@/lib/export/text-fragment';
import { makeTextDirective } from '@/lib/page/fragment-directive';
import { firstMatch, Words } from '@/lib/page/fragment-match';
import { type FragmentView, normalizeForMatch, SPACING_MARKS, STOP, viewFromBlocks } from '@/lib/page/fragment-view';
import { Highlight } from '@/lib/schema';

/** A view of these blocks, as readFragmentView builds one from a page. */
const viewOf = (blocks: string[]): FragmentView => viewFromBlocks(blocks, 'en');

/** The span of the `nth` occurrence of `quote` (normalized) in the view. */
function spanOf(view: FragmentView, quote: string, nth = 0): [number, number] {
  const q = normalizeForMatch(quote);
  let at = -1;
  for (let i = 0; i <= nth; i++) at = view.text.indexOf(q, at + 1);
  if (at < 0) throw new Error(`no ${quote}`);
  return [at, at + q.length];
}

describe('making a passage link on the page', () => {
  it('a passage said once: its words alone, as the page shows them', () => {
    const view = viewOf(['Tỉnh Vĩnh Phúc công bố kế hoạch mới.', 'Other news']);
    const made = makeTextDirective(view, spanOf(view, 'Vĩnh Phúc công bố'));
    expect(made).toEqual({ directive: `text=${encodeURIComponent('Vĩnh Phúc công bố')}`, whole: true });
  });

  it('words said twice: context from the second one’s own block', () => {
    const view = viewOf(['The minister said yes today.', 'Later the governor said yes again.']);
    const made = makeTextDirective(view, spanOf(view, 'said yes', 1));
    expect(made?.whole).toBe(true);
    expect(decodeURIComponent(made?.directive ?? '')).toBe('text=Later the governor-,said yes,-again');
  });

  it('a passage across blocks: start and end terms, never spanning a block edge', () => {
    const view = viewOf(['First paragraph ends here.', 'Second paragraph starts here and goes on.']);
    const span: [number, number] = [spanOf(view, 'ends here')[0], spanOf(view, 'starts here')[1]];
    const made = makeTextDirective(view, span);
    expect(made?.whole).toBe(true);
    expect(decodeURIComponent(made?.directive ?? '')).toBe('text=ends here.,paragraph starts here');
  });

  it('a whole block repeated word for word earlier: linked to a part that can be told apart', () => {
    // The footer repeats the header's menu; the passage runs from the footer's menu into its own text.
    const view = viewOf(['Home', 'World', 'Header text', 'Home', 'World', 'Footer text only here']);
    const span: [number, number] = [spanOf(view, 'World', 1)[0], spanOf(view, 'Footer text only here')[1]];
    const made = makeTextDirective(view, span);
    expect(made?.whole).toBe(false);
    expect(decodeURIComponent(made?.directive ?? '')).toBe('text=Footer text only here');
  });

  it('no part can be told apart: no directive (the link opens the page)', () => {
    const view = viewOf(['Menu', 'Home', 'Menu', 'Home']);
    expect(makeTextDirective(view, spanOf(view, 'Home', 1))).toBeNull();
    expect(
      passageLink(
        'https://x.example/a',
        { type: 'TextQuoteSelector', exact: 'Home', prefix: '', suffix: '' },
        null,
        null,
      ),
    ).toBe('https://x.example/a');
  });

  it('a directive made on the page is the one the link carries', () => {
    const quote = { type: 'TextQuoteSelector' as const, exact: 'said yes', prefix: 'governor ', suffix: ' again' };
    expect(passageLink('https://x.example/a#top', quote, null, 'text=said%20yes,-again')).toBe(
      'https://x.example/a#top:~:text=said%20yes,-again',
    );
  });

  it('a spacing mark ("˙" in MathML) is neither white space nor part of a term', () => {
    const view = viewOf(['y ˙ = ρ x − y and x ˙ = σ ( y − x )']);
    expect(view.text).toContain(STOP);
    const made = makeTextDirective(view, spanOf(view, '= ρ x − y and x'));
    expect(made?.whole).toBe(true);
    expect(decodeURIComponent(made?.directive ?? '')).not.toContain('˙');
  });

  it('never ends a term inside one character of the page ("で" compares as "て" + U+3099)', () => {
    const view = viewOf(['ビデオで見る。ビデオで見た。']);
    const words = new Words(view, 'ja');
    for (const [, end] of words.wordsIn(0, view.text.length)) expect(view.text[end] ?? '').not.toMatch(/\p{M}/u);
    // A term that stops before the mark finds nothing: the polyfill cannot map that place to the page.
    expect(firstMatch(words, { textStart: normalizeForMatch('ビデ').slice(0, -1) })).toBeNull();
    expect(firstMatch(words, { textStart: normalizeForMatch('ビデオで') })).toEqual([
      0,
      normalizeForMatch('ビデオで').length,
    ]);
  });

  it('SPACING_MARKS lists exactly the BMP characters that are not white space but decompose to a leading space', () => {
    const expected: string[] = [];
    const listed: string[] = [];
    for (let c = 0; c < 0x10000; c++) {
      if (c >= 0xd800 && c <= 0xdfff) continue;
      const ch = String.fromCharCode(c);
      if (!/\s/.test(ch) && /^\s/.test(ch.normalize('NFKD'))) expected.push(c.toString(16));
      SPACING_MARKS.lastIndex = 0;
      if (SPACING_MARKS.test(ch)) listed.push(c.toString(16));
    }
    expect(listed).toEqual(expected);
  });
});

describe('the stored directive', () => {
  const base = {
    id: 'h1',
    articleId: 'a1',
    target: {
      source: 'https://x.example/a',
      selector: [
        { type: 'TextQuoteSelector', exact: 'x', prefix: '', suffix: '' },
        { type: 'TextPositionSelector', start: 0, end: 1 },
      ],
    },
    claimType: null,
    status: null,
    sourceUrl: null,
    tags: [],
    note: '',
    createdAt: 1,
    updatedAt: 1,
  };
  it('the record is valid without one', () => {
    expect(Highlight.safeParse(base).success).toBe(true);
  });
  it.each([
    ['text=Vi%E1%BB%87t-,Nam,-x', true],
    [null, true],
    ['text=a b', false],
    ['javascript:alert(1)', false],
    ['text=a#b', false],
  ])('%s is %s', (textDirective, ok) => {
    expect(Highlight.safeParse({ ...base, textDirective }).success).toBe(ok);
  });
});
