// @vitest-environment jsdom
/**
 * Every saved real page: 200 random ranges (seeded, 10–300 characters, across element boundaries),
 * described through DOM Ranges and re-anchored on a fresh parse of the same page: all exact.
 */
import { describe, expect, it } from 'vitest';
import { anchorSelectors } from '@/lib/anchoring/anchor';
import { describeRange } from '@/lib/anchoring/describe';
import { buildTextIndex } from '@/lib/anchoring/text-index';
import { rangeOf } from '@/lib/anchoring/text-ranges';
import { fixture, newsPages, parseHtml } from '../support/fixtures';
import { randomSpans } from '../support/spans';

const pages = [
  ...newsPages().map((n) => `news/${n}/source.html`),
  'seed/vinhphuc.html',
  'seed/vinhphuc-nfd.html',
  'seed/vinhphuc-mutated.html',
];

describe('round trip on every fixture page', () => {
  it.each(pages)(
    '%s: 200 random ranges re-anchor exactly',
    (path) => {
      const html = fixture(path);
      const before = buildTextIndex(parseHtml(html).body);
      const after = buildTextIndex(parseHtml(html).body);
      let exact = 0;
      const spans = randomSpans(before, 200, path.length);
      for (const [start, end] of spans) {
        const selectors = describeRange(before, rangeOf(before, start, end));
        // A DOM range cannot end inside a character cluster: the described span may snap outwards.
        expect(selectors?.[1].start).toBe(start);
        expect(Math.abs((selectors?.[1].end ?? 0) - end)).toBeLessThanOrEqual(2);
        const result = selectors && anchorSelectors(after, selectors);
        const want = selectors?.[1];
        if (result?.status === 'anchored' && result.start === want?.start && result.end === want.end) exact++;
        else expect.soft(result, `${path} [${start}, ${end})`).toMatchObject({ status: 'anchored', ...want });
      }
      expect(exact).toBe(spans.length);
    },
    60_000,
  );
});
