import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { claimStyle, customTypeId, PALETTE, resolveClaimTypes } from '@/lib/claim-types';
import { formatMessage, setMessages, t, uiLanguage } from '@/lib/i18n';
import { applyLanguage } from '@/lib/i18n/language';

describe('claim types', () => {
  it('paints every palette slot in public/page.css in the palette colour', () => {
    const css = readFileSync(join(process.cwd(), 'public/page.css'), 'utf8');
    for (const [slot, hex] of PALETTE.entries()) {
      const rgb = [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16)).join(', ');
      expect(css).toContain(`::highlight(marginalia-${slot}) { background-color: rgba(${rgb}, `);
      expect(css).toContain(`marginalia-mark.marginalia-${slot} { background-color: rgba(${rgb}, `);
    }
  });

  it('keeps every built-in type even when the user lists only some, and styles unknown ids as plain', () => {
    const defs = resolveClaimTypes([{ id: 'question', label: 'Hỏi', slot: 12, glyph: '?', hidden: true }]);
    expect(defs.map((d) => d.id)).toEqual(['question', 'claim', 'evidence', 'statistic', 'opinion', 'quote']);
    expect(claimStyle('question', defs)).toEqual({ slot: 12, color: PALETTE[12], glyph: '?' });
    expect(claimStyle('gone-1234', defs).slot).toBe(0);
    expect(claimStyle(null, defs).slot).toBe(0);
  });

  it('makes readable ids for custom types in any script', () => {
    expect(customTypeId('Gây hiểu lầm', () => 0.5)).toMatch(/^gay-hieu-lam-[0-9a-z]{4}$/);
    expect(customTypeId('誤導', () => 0)).toBe('type-0000');
  });
});

describe('UI language override', () => {
  it('formats messages.json entries like browser.i18n (placeholders and $1)', () => {
    expect(formatMessage({ message: '$COUNT$ highlights', placeholders: { count: { content: '$1' } } }, '12')).toBe(
      '12 highlights',
    );
    expect(formatMessage({ message: 'By $1' }, ['Kim Hiền'])).toBe('By Kim Hiền');
  });

  it('switches t() and the Intl language to the chosen language and back', async () => {
    const load = async (lang: string) =>
      JSON.parse(readFileSync(join(process.cwd(), `public/_locales/${lang}/messages.json`), 'utf8'));
    await applyLanguage('vi', load);
    expect(uiLanguage()).toBe('vi');
    expect(t('claimType_evidence')).toBe('Bằng chứng');
    await applyLanguage('en', load);
    expect(t('claimType_evidence')).toBe('Evidence');
    // A language file that cannot be read leaves the browser's language.
    await applyLanguage('auto');
    setMessages(null);
    expect(uiLanguage()).not.toBe('vi');
  });
});

describe('default colours', () => {
  it('paint no built-in type in the blue of the browser’s own text selection', async () => {
    const { DEFAULT_CLAIM_TYPES, PALETTE } = await import('@/lib/claim-types');
    const hue = (hex: string) => {
      const [r, g, b] = [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16) / 255) as [
        number,
        number,
        number,
      ];
      const max = Math.max(r, g, b);
      const d = max - Math.min(r, g, b);
      if (d === 0) return -1;
      const h = max === r ? ((g - b) / d) % 6 : max === g ? (b - r) / d + 2 : (r - g) / d + 4;
      return (h * 60 + 360) % 360;
    };
    // Chromium's selection (#3390ff-ish) and Firefox's (Highlight, #3584e4) sit at hue ≈ 210–215°.
    for (const d of DEFAULT_CLAIM_TYPES) {
      const h = hue(PALETTE[d.slot] as string);
      expect(h < 195 || h > 235, `${d.id}: hue ${Math.round(h)}`).toBe(true);
    }
  });
});
