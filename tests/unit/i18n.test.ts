import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLAIM_STATUSES, CLAIM_TYPES, PALETTE } from '@/lib/claim-types';
import { ARTICLE_SORTS } from '@/lib/library';
import { UI_LANGUAGES } from '@/lib/schema';

const root = process.cwd();
const load = (lang: string) =>
  JSON.parse(readFileSync(join(root, 'public/_locales', lang, 'messages.json'), 'utf8')) as Record<
    string,
    { message: string }
  >;

function sources(dir: string): string[] {
  return readdirSync(join(root, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(join(root, path)).isDirectory()) return sources(path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

describe('UI strings', () => {
  const en = load('en');
  const vi = load('vi');

  it('has the same messages in English and Vietnamese', () => {
    expect(Object.keys(vi).sort()).toEqual(Object.keys(en).sort());
    for (const [key, { message }] of Object.entries(vi)) expect(message, key).not.toBe('');
  });

  it('has a message for every key the code asks for', () => {
    const used = new Set<string>([
      ...CLAIM_TYPES.map((c) => `claimType_${c}`),
      ...CLAIM_STATUSES.map((s) => `status_${s}`),
      ...ARTICLE_SORTS.map((s) => `sort_${s}`),
      ...UI_LANGUAGES.map((l) => `language_${l}`),
      ...PALETTE.map((_, i) => `colour_${i}`),
    ]);
    for (const file of [...sources('components'), ...sources('lib'), ...sources('entrypoints')]) {
      const text = readFileSync(join(root, file), 'utf8');
      for (const m of text.matchAll(/\bt\(\s*'([A-Za-z0-9_]+)'/g)) used.add(m[1] as string);
      for (const m of text.matchAll(/'((?:error|orphan|help)_[A-Za-z]+)'/g)) used.add(m[1] as string);
      for (const m of text.matchAll(/\btn\(\s*'([A-Za-z0-9_]+)'/g)) used.add(`${m[1]}_other`);
    }
    const missing = [...used].filter((key) => !(key in en));
    expect(missing).toEqual([]);
  });
});

describe('remembered language', () => {
  it('renders the next page in the language last chosen, and ignores what it does not know', async () => {
    const { rememberedLanguage, rememberLanguage } = await import('@/lib/i18n/language');
    expect(rememberedLanguage()).toBe('auto');
    rememberLanguage('vi');
    expect(rememberedLanguage()).toBe('vi');
    rememberLanguage('auto');
    expect(rememberedLanguage()).toBe('auto');
    localStorage.setItem('marginalia.language', 'xx');
    expect(rememberedLanguage()).toBe('auto');
  });
});

describe('count messages', () => {
  it('choose the plural form by the count and pass the other substitutions on', async () => {
    const { setMessages, tn } = await import('@/lib/i18n');
    const en = load('en');
    setMessages(en, 'en');
    try {
      expect(tn('storage_copies', 1, ['12 KB'])).toBe('Text copies: 12 KB for 1 article.');
      expect(tn('storage_copies', 3, ['40 KB'])).toBe('Text copies: 40 KB for 3 articles.');
      expect(tn('storage_copies', 1200, ['2 MB'])).toBe('Text copies: 2 MB for 1,200 articles.');
    } finally {
      setMessages(null);
    }
  });
});

describe('the Vietnamese wording', () => {
  const vi = load('vi');
  it('spells one way: the tone mark on the second vowel of a final oa, oe, uy (xoá, huỷ), never the first', () => {
    const old = /(?<![qQ])[òóỏõọÒÓỎÕỌ][aeAE]\b|(?<![qQ])[ùúủũụÙÚỦŨỤ][yY]\b/u;
    for (const [key, { message }] of Object.entries(vi)) expect(message, key).not.toMatch(old);
  });

  it('has one word for tags (thẻ), and does not use it for browser or page tabs', () => {
    for (const key of ['card_tags', 'filter_tag', 'library_tags'])
      expect(vi[key]?.message.toLowerCase()).toContain('thẻ');
    for (const [key, { message }] of Object.entries(vi)) expect(message, key).not.toMatch(/nhãn/i);
    expect(vi.error_noTab?.message).not.toMatch(/thẻ/i);
    expect(vi.help_tabs?.message).not.toMatch(/thẻ/i);
  });
});

describe("the browser's messages", () => {
  it('are asked of the browser once a page, when they have no substitutions', async () => {
    const { fakeBrowser } = await import('wxt/testing');
    const { t, uiLanguage } = await import('@/lib/i18n');
    const asked: string[] = [];
    const answer = fakeBrowser.i18n.getMessage;
    fakeBrowser.i18n.getMessage = ((key: string, subs?: string | string[]) => {
      asked.push(key);
      return answer(key as never, subs);
    }) as typeof fakeBrowser.i18n.getMessage;
    let languages = 0;
    fakeBrowser.i18n.getUILanguage = () => {
      languages++;
      return 'en';
    };
    for (let i = 0; i < 5; i++) {
      expect(t('export_open')).toBe('Export…');
      expect(uiLanguage()).toBe('en');
    }
    expect(asked.filter((k) => k === 'export_open')).toHaveLength(1);
    expect(languages).toBeLessThanOrEqual(1);
    // With substitutions each answer is the browser's own.
    t('export_scopeAll', '3 highlights');
    t('export_scopeAll', '4 highlights');
    expect(asked.filter((k) => k === 'export_scopeAll')).toHaveLength(2);
  });
});
