/** A changed article in exports and in the library: "Now reads" under the original quote, and the filter. */
import { describe, expect, it } from 'vitest';
import { articleToMarkdown } from '@/lib/export/markdown';
import { buildLibraryData, EMPTY_FILTER, libraryRows } from '@/lib/library';
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
