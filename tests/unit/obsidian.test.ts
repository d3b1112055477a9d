/**
 * Markdown for Obsidian, checked against Obsidian's documented property types
 * (help.obsidian.md/Editing+and+formatting/Properties: Text, List, Number, Checkbox, Date, Date & time
 * — no nested objects) and its tag rules (help.obsidian.md/Editing+and+formatting/Tags: letters of
 * any script, digits, `_`, `-`, `/` for nesting, at least one non-digit).
 */
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { articleToMarkdown } from '@/lib/export/markdown';
import { tagName } from '@/lib/export/obsidian';
import type { Article, Highlight } from '@/lib/schema';
import { articleRecord, highlightRecord, selectors } from '../support/factories';

/** Obsidian's Date (YYYY-MM-DD) and Date & time (YYYY-MM-DDTHH:mm[:ss]) property formats. */
const DATE = /^\d{4}-\d\d-\d\d$/;
const DATE_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d)?$/;
/** A tag Obsidian accepts (without its #). */
const TAG = /^(?=.*[^\p{N}/])[\p{L}\p{M}\p{N}_\-/]+$/u;

function propertyType(key: string, value: unknown): string | null {
  if (typeof value === 'number') return 'number';
  if (typeof value === 'boolean') return 'checkbox';
  if (typeof value === 'string') {
    if (['published', 'created'].includes(key)) return DATE.test(value) ? 'date' : null;
    if (key === 'exported') return DATE_TIME.test(value) ? 'datetime' : null;
    return 'text';
  }
  if (Array.isArray(value)) return value.every((v) => typeof v === 'string') ? 'list' : null;
  return null;
}

function frontOf(md: string): Record<string, unknown> {
  const m = /^---\n([\s\S]*?)\n---\n/.exec(md);
  if (!m) throw new Error('no frontmatter');
  return parse(m[1] as string) as Record<string, unknown>;
}

const article: Article = articleRecord({
  url: 'https://bbc.example/news/obama',
  title: 'Obama in Kenya',
  byline: 'BBC News',
  siteName: 'BBC News',
  publishedTime: '2015-07-24',
  lang: 'en',
  excerpt: 'A: "quoted" # not a comment',
});
const highlights: Highlight[] = [
  highlightRecord({ id: 'h1', claimType: 'claim', tags: ['politics/asia', '2024', 'kinh tế', '#hash tag', '/edge/'] }),
  highlightRecord({
    id: 'h2',
    claimType: 'statistic',
    tags: ['a//b', '..'],
    target: { source: '', selector: selectors('more', 50) },
  }),
  highlightRecord({ id: 'h3', claimType: 'claim', tags: [], target: { source: '', selector: selectors('again', 90) } }),
];

describe('Markdown for Obsidian', () => {
  for (const template of ['obsidian', 'default'] as const) {
    it(`(${template}) has only property types Obsidian supports`, () => {
      const md = articleToMarkdown(article, highlights, {
        template,
        exportedAt: new Date(Date.UTC(2026, 10, 28, 9, 30, 5)),
        labels: {},
        statusLabels: {},
      });
      const front = frontOf(md);
      for (const [key, value] of Object.entries(front)) {
        expect(propertyType(key, value), `${key}: ${JSON.stringify(value)}`).not.toBeNull();
      }
      expect(front.claims).toEqual(['claim', 'statistic']);
      for (const tag of front.tags as string[]) expect(tag, tag).toMatch(TAG);
      expect(front.tags).toEqual(['_2024', 'a/b', 'edge', 'hash-tag', 'kinh-tế', 'politics/asia']);
      // The byline is the site: said once.
      expect(md).not.toMatch(/BBC News · BBC News/);
    });
  }

  it('keeps tags valid in the body too', () => {
    expect(tagName('politics/asia')).toBe('politics/asia');
    expect(tagName('2024')).toBe('_2024');
    expect(tagName('2024/25')).toBe('_2024/25');
    expect(tagName('Đảng viên')).toBe('Đảng-viên');
    expect(tagName('科技')).toBe('科技');
    expect(tagName('...')).toBe('');
  });

  it('names a tag the same each time, past the bound of names it keeps', () => {
    // Each name is made once and kept (an export asks for the same few tags 100,000 times).
    for (let i = 0; i < 10_050; i++) expect(tagName(`mục ${i}`)).toBe(`mục-${i}`);
    for (let i = 0; i < 3; i++) {
      expect(tagName('2024')).toBe('_2024');
      expect(tagName(' Đảng viên ')).toBe('Đảng-viên');
      expect(tagName('mục 7')).toBe('mục-7');
    }
  });
});
