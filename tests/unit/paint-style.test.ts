import { describe, expect, it } from 'vitest';
import { PALETTE } from '@/lib/claim-types';
import { fixedPaintNames, paintStylesheet, randomPaintNames } from '@/lib/paint-style';

describe('paintStylesheet', () => {
  const names = randomPaintNames();
  const highlightRules = (css: string) => css.split('\n').filter((l) => l.includes('::highlight('));

  it('sets every highlight rule on the root alone where highlights inherit (Chromium)', () => {
    const rules = highlightRules(paintStylesheet(names, { fromRoot: true }));
    expect(rules).toHaveLength(PALETTE.length + 2);
    for (const rule of rules) expect(rule).toMatch(/^:root::highlight\(h[a-z0-9]+\) \{/);
  });

  it('sets them on every element where they do not (Firefox)', () => {
    const rules = highlightRules(paintStylesheet(names, { fromRoot: false }));
    expect(rules).toHaveLength(PALETTE.length + 2);
    for (const rule of rules) expect(rule).toMatch(/^::highlight\(h[a-z0-9]+\) \{/);
  });

  it('refuses names that are not a full set of safe identifiers', () => {
    expect(() => paintStylesheet({ ...names, flash: 'x} body{display:none' }, { fromRoot: true })).toThrow();
    expect(() => paintStylesheet(fixedPaintNames(), { fromRoot: true })).toThrow();
  });
});
