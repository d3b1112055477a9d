/** A changed article in exports and in the library: "Now reads" under the original quote, and the filter. */
import { describe, expect, it } from 'vitest';
import { articleToMarkdown } from '@/lib/export/markdown';
import { webAnnotationCollection } from '@/lib/export/web-annotation';
import { parseAnnotations } from '@/lib/import/annotations';
import { EMPTY_FILTER, libraryRows } from '@/lib/library';
import { buildLibraryData } from '@/lib/library-build';
import { articleRecord, highlightRecord, selectors } from '../support/factories';

const T = Date.UTC(2026, 10, 30, 9, 0);
const KY = 'rà soát kỹ lưỡng các quần chúng ưu tú';
const KI = 'rà soát kĩ lưỡng các quần chúng ưu tú';
const options = { exportedAt: new Date(T), labels: {}, statusLabels: {}, template: 'default' as const };

describe('exports of a changed passage', () => {
  const changed = highlightRecord({
    target: { source: 'https://news.example/a', selector: selectors(KY, 10) },
    pageNow: { text: KI, at: T },
  });

  it('keep the original quote and say what the page reads now, in both templates', () => {
    const md = articleToMarkdown(articleRecord({ id: 'a1' }), [changed], options);
    expect(md).toContain(`> ${KY}\n\n*Now reads:* ${KI}`);
    const obsidian = articleToMarkdown(articleRecord({ id: 'a1' }), [changed], { ...options, template: 'obsidian' });
    expect(obsidian).toContain(`> ==${KY}==\n>\n> *Now reads:* ${KI}`);
  });

  it('say nothing more for an unchanged passage', () => {
    const md = articleToMarkdown(articleRecord({ id: 'a1' }), [highlightRecord()], options);
    expect(md).not.toContain('Now reads');
  });
});

describe('the library filter "Changed since annotated"', () => {
  it('keeps the articles whose blocks or highlighted passages changed', () => {
    const articles = [
      articleRecord({ id: 'a1', title: 'Blocks edited', lastChanges: { edited: 2, added: 0, removed: 1, at: T } }),
      articleRecord({ id: 'a2', title: 'A passage reads differently', url: 'https://news.example/b' }),
      articleRecord({ id: 'a3', title: 'Unchanged', url: 'https://news.example/c', lastChanges: null }),
    ];
    const highlights = [
      highlightRecord({ id: 'h1', articleId: 'a1' }),
      highlightRecord({ id: 'h2', articleId: 'a2', pageNow: { text: KI, at: T } }),
      highlightRecord({ id: 'h3', articleId: 'a3' }),
    ];
    const data = buildLibraryData(articles, highlights);
    const titles = (changed: boolean) =>
      libraryRows(data, { ...EMPTY_FILTER, changed })
        .filter((r) => r.kind === 'article')
        .map((r) => (r.kind === 'article' ? r.article.title : ''))
        .sort();
    expect(titles(true)).toEqual(['A passage reads differently', 'Blocks edited']);
    expect(titles(false)).toHaveLength(3);
  });
});

describe('the W3C export of a changed passage', () => {
  const article = articleRecord({ id: 'a1', url: 'https://news.example/a' });
  const changed = highlightRecord({
    id: 'h-changed',
    articleId: 'a1',
    note: 'Con số này đáng chú ý.',
    target: { source: 'https://news.example/a', selector: selectors(KY, 10) },
    createdAt: T - 86_400_000,
    pageNow: { text: KI, at: T },
  });
  const accepted = highlightRecord({
    id: 'h-accepted',
    articleId: 'a1',
    target: { source: 'https://news.example/a', selector: selectors(KI, 10) },
    history: [{ quote: { type: 'TextQuoteSelector', exact: KY, prefix: '', suffix: '' }, at: T - 3600_000 }],
  });
  const file = webAnnotationCollection(
    [{ article, highlights: [changed, accepted, highlightRecord({ articleId: 'a1' })] }],
    new Date(T),
  );
  const items = JSON.parse(file).first.items;

  it('keeps the original quote as the TextQuoteSelector and states what the page reads now, and since when', () => {
    const [a] = items;
    expect(a.target.selector[0]).toMatchObject({ type: 'TextQuoteSelector', exact: KY });
    expect(a.target.state).toEqual({ type: 'TimeState', sourceDate: new Date(T - 86_400_000).toISOString() });
    // A describing SpecificResource whose source is the statement (a purpose never sits beside a body's id).
    const now = a.body.find((b: { purpose: string }) => b.purpose === 'describing');
    expect(now.type).toBe('SpecificResource');
    expect(now.source).toMatchObject({ type: 'TextualBody', value: KI, created: new Date(T).toISOString() });
    expect(now.source.label).toMatch(/Now reads/);
    expect(a.body.filter((b: { purpose: string }) => b.purpose === 'commenting')).toHaveLength(1);
  });

  it('states an accepted wording’s earlier one, and nothing for an unchanged passage', () => {
    const [, b, c] = items;
    expect(b.target.selector[0].exact).toBe(KI);
    expect(b.body).toContainEqual(
      expect.objectContaining({ purpose: 'describing', source: expect.objectContaining({ value: KY }) }),
    );
    expect(c.target.state).toBeUndefined();
    expect((c.body ?? []).some((x: { purpose: string }) => x.purpose === 'describing')).toBe(false);
  });

  it('imports back as the change and the history, never folded into the note', () => {
    const parsed = parseAnnotations(file, T);
    if (!parsed.ok) throw new Error(parsed.error);
    const [a, b] = parsed.backup.highlights;
    expect(a?.note).toBe('Con số này đáng chú ý.');
    expect(a?.pageNow).toEqual({ text: KI, at: T });
    expect(a?.target.selector[0].exact).toBe(KY);
    expect(b?.note).toBe('');
    expect(b?.history?.map((w) => [w.quote.exact, w.at])).toEqual([[KY, T - 3600_000]]);
  });
});
