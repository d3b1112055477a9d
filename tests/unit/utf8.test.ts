/**
 * The export's UTF-8 writer (lib/export/utf8.ts) against the platform's TextEncoder, which nobody
 * here wrote: the same bytes for any string, lone surrogates included, written at any offset.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UTF8_MAX_PER_UNIT, utf8Into } from '@/lib/export/utf8';

const encoder = new TextEncoder();

function ours(text: string, at = 0): Uint8Array {
  const out = new Uint8Array(at + text.length * UTF8_MAX_PER_UNIT);
  return out.subarray(at, utf8Into(text, out, at));
}

describe('utf8Into', () => {
  it('writes what TextEncoder writes', () => {
    // Any UTF-16 units: ASCII, two- and three-byte characters, pairs, and surrogates alone.
    const unit = fc.oneof(
      fc.integer({ min: 0, max: 0x7f }),
      fc.integer({ min: 0x80, max: 0x7ff }),
      fc.integer({ min: 0x800, max: 0xffff }),
      fc.integer({ min: 0xd800, max: 0xdfff }),
    );
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 60 }), fc.nat(8), (units, at) => {
        const text = String.fromCharCode(...units);
        expect(ours(text, at)).toEqual(encoder.encode(text));
      }),
      { numRuns: 5000 },
    );
  });

  it('writes Vietnamese, CJK, Arabic, emoji, and a surrogate cut at either end', () => {
    for (const text of [
      'Đảng bộ tỉnh Vĩnh Phúc',
      '北京 科技新闻',
      'خبر',
      '👍🏽 𠀀',
      '\uD83D',
      'a\uDC4D',
      '\uD83D\uD83D\uDC4D',
      '',
    ]) {
      expect(ours(text)).toEqual(encoder.encode(text));
    }
  });
});
