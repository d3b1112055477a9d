import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { yamlFrontmatter, yamlString } from '@/lib/export/frontmatter';

const body = (block: string) => block.replace(/^---\n|\n---$/g, '');

describe('frontmatter', () => {
  it('writes plain what is plainly safe, quotes the rest', () => {
    expect(yamlString('Báo Vĩnh Phúc')).toBe('Báo Vĩnh Phúc');
    expect(yamlString('https://a.example/x?y=1#z')).toBe('https://a.example/x?y=1#z');
    expect(yamlString('2021-08-06')).toBe('2021-08-06');
    expect(yamlString('2026-11-28T09:30:00.000Z')).toBe('2026-11-28T09:30:00.000Z');
    for (const s of [
      '',
      ' lead',
      'trail ',
      'a: b',
      'a #b',
      '- x',
      '#x',
      '2021',
      '2021-08-06x',
      'true',
      'No',
      'null',
      '~',
      '"q"',
      "'q'",
      'a\nb',
      '[x]',
      '{x}',
      '*x',
      '&x',
      '!x',
      '%x',
      '@x',
      '`x',
      '|',
      '>',
      'a\\b',
      '\u2028',
      'x\u200b',
    ]) {
      expect(parse(`v: ${yamlString(s)}`).v, JSON.stringify(s)).toBe(s);
    }
  });

  it('reads back equal for any values (property)', () => {
    const str = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 40 }),
      fc.string({ unit: fc.constantFrom(...'ab :#-\'"\n\t[]{}|>&*!%@`\\,?Đảễ光明ا\u00a0\u2028'), maxLength: 20 }),
    );
    fc.assert(
      fc.property(
        fc.record({
          title: str,
          source: str,
          author: fc.array(str, { maxLength: 3 }),
          highlights: fc.nat(),
          claims: fc.dictionary(fc.stringMatching(/^[a-z0-9][a-z0-9_-]{0,10}$/), fc.nat(), { maxKeys: 3 }),
        }),
        (values) => {
          expect(parse(body(yamlFrontmatter(values)))).toEqual(values);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
