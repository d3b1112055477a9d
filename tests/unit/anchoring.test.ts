// Ranges need a spec-exact DOM: happy-dom's Range collapses some cross-node ranges.
// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { anchorSelectors } from '@/lib/anchoring/anchor';
import { describeRange, describeSpan } from '@/lib/anchoring/describe';
import { buildTextIndex, type TextIndex } from '@/lib/anchoring/text-index';
import { rangeOf } from '@/lib/anchoring/text-ranges';
import { fixture, parseHtml, seededRandom } from '../support/fixtures';

function indexOf(path: string): TextIndex {
  const doc = parseHtml(fixture(path));
  return buildTextIndex(doc.body);
}

/** Random spans of 10–300 characters that start and end on words, seeded. */
function randomSpans(index: TextIndex, count: number, seed: number): [number, number][] {
  const rand = seededRandom(seed);
  const spans: [number, number][] = [];
  const n = index.text.length;
  while (spans.length < count) {
    const len = 10 + Math.floor(rand() * 291);
    const start = Math.floor(rand() * Math.max(1, n - len));
    const end = Math.min(n, start + len);
    const s = describeSpan(index, start, end);
    if (s) spans.push([s[1].start, s[1].end]);
  }
  return spans;
}

describe('text index', () => {
  it('reads the seed article as a reader sees it: NFC, folded spaces, no script text', () => {
    const index = indexOf('seed/vinhphuc.html');
    expect(index.text).toContain('Thực hiện công tác tổ chức xây dựng Đảng');
    expect(index.text).not.toContain('dataLayer');
    expect(index.text).not.toMatch(/\s{2}|\n|\u00a0/);
    expect(index.text).toBe(index.text.normalize('NFC'));
  });

  it('gives the NFD page the same text as the NFC page', () => {
    const nfc = indexOf('seed/vinhphuc.html');
    const nfd = indexOf('seed/vinhphuc-nfd.html');
    expect(nfd.text).toBe(nfc.text);
  });

  it('maps a span back to a DOM range with the same words', () => {
    const index = indexOf('seed/vinhphuc.html');
    const at = index.text.indexOf('Kim Hiền');
    const range = rangeOf(index, at, at + 'Kim Hiền'.length);
    expect(range.toString()).toBe('Kim Hiền');
  });
});

describe('describe and anchor', () => {
  it('re-anchors 200 random ranges on the seed page exactly, through DOM ranges', () => {
    const index = indexOf('seed/vinhphuc.html');
    const fresh = indexOf('seed/vinhphuc.html');
    for (const [start, end] of randomSpans(index, 200, 1)) {
      const selectors = describeRange(index, rangeOf(index, start, end));
      expect(selectors).not.toBeNull();
      const result = anchorSelectors(fresh, selectors as NonNullable<typeof selectors>);
      expect(result).toMatchObject({ status: 'anchored', start, end });
    }
  });

  it('anchors highlights made on the NFC page on the NFD page, and back', () => {
    const nfc = indexOf('seed/vinhphuc.html');
    const nfd = indexOf('seed/vinhphuc-nfd.html');
    for (const [from, to] of [
      [nfc, nfd],
      [nfd, nfc],
    ] as const) {
      for (const [start, end] of randomSpans(from, 200, 2)) {
        const selectors = describeSpan(from, start, end);
        const result = anchorSelectors(to, selectors as NonNullable<typeof selectors>);
        expect(result).toMatchObject({ status: 'anchored', start, end });
      }
    }
  });

  it('keeps context: prefix and suffix of 32 characters where the text allows', () => {
    const index = indexOf('seed/vinhphuc.html');
    const at = index.text.indexOf('Kim Hiền');
    const [quote, position] = describeSpan(index, at, at + 8) ?? [];
    expect(quote).toMatchObject({ exact: 'Kim Hiền' });
    expect(quote?.prefix).toHaveLength(32);
    expect(quote?.suffix.length).toBeGreaterThan(0);
    expect(position).toMatchObject({ start: at, end: at + 8 });
  });

  it('lets an unchanged position decide between two places whose context agrees equally', () => {
    const index = buildTextIndex(parseHtml('<p>one two three</p><p>one two three</p>').body);
    const quote = { type: 'TextQuoteSelector', exact: 'two', prefix: 'one ', suffix: ' three' } as const;
    const result = anchorSelectors(index, [quote, { type: 'TextPositionSelector', start: 18, end: 21 }]);
    expect(result).toMatchObject({ status: 'anchored', start: 18, method: 'position' });
  });

  it('calls a quote found twice with nothing to tell the places apart ambiguous', () => {
    const index = buildTextIndex(parseHtml('<p>one two three</p><p>one two three</p>').body);
    const quote = { type: 'TextQuoteSelector', exact: 'two', prefix: 'one ', suffix: ' three' } as const;
    // The stored position matches neither place: nothing tells them apart.
    const result = anchorSelectors(index, [quote, { type: 'TextPositionSelector', start: 11, end: 14 }]);
    expect(result).toEqual({ status: 'orphan', reason: 'ambiguous' });
  });

  it('reports a quote that is gone as an orphan', () => {
    const index = indexOf('seed/vinhphuc.html');
    const result = anchorSelectors(index, [
      { type: 'TextQuoteSelector', exact: 'không có trong bài', prefix: '', suffix: '' },
      { type: 'TextPositionSelector', start: 0, end: 18 },
    ]);
    expect(result).toEqual({ status: 'orphan', reason: 'not-found' });
  });
});
