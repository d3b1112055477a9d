/** Citations (citeproc-js with the official CSL styles), CSL-JSON and BibTeX. */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { dateParts, parseByline } from '@/lib/export/article-facts';
import { bibFile } from '@/lib/export/bibtex';
import { type Citer, citer, ENGINE_IDLE_MS, keptEngines } from '@/lib/export/cite';
import { toCsl } from '@/lib/export/csl';
import type { Article } from '@/lib/schema';
import { articleRecord } from '../support/factories';

const T = Date.UTC(2026, 10, 28, 9, 30);
const seed: Article = articleRecord(
  {
    url: 'https://baovinhphuc.example/x.html',
    title: 'Thực hiện công tác tổ chức xây dựng Đảng',
    byline: 'Kim Hiền',
    siteName: 'Báo Vĩnh Phúc',
    publishedTime: '2021-08-06T07:00:00+07:00',
    lang: 'vi',
  },
  T,
);
const english: Article = {
  ...seed,
  title: 'the rise of local news deserts',
  byline: 'By Jane Q. Doe and John Smith',
  siteName: 'The Daily Planet',
  lang: 'en',
  url: 'https://planet.example/rise?utm_source=x',
  canonicalUrl: 'https://planet.example/rise',
  publishedTime: '2024-09-03',
};

const styles: Record<string, Citer> = {};
beforeAll(async () => {
  for (const s of ['apa', 'mla', 'chicago'] as const) styles[s] = await citer(s);
});
const citation = (item: ReturnType<typeof toCsl>, style: 'apa' | 'mla' | 'chicago') =>
  (styles[style] as Citer).citation(item);

describe('citations', () => {
  it('formats APA 7, MLA 9 and Chicago author-date for an English news article', () => {
    const item = toCsl(english);
    expect(citation(item, 'apa')).toBe(
      'Doe, J. Q., & Smith, J. (2024, September 3). the rise of local news deserts. The Daily Planet. https://planet.example/rise',
    );
    expect(citation(item, 'mla')).toBe(
      'Doe, Jane Q., and John Smith. “The Rise of Local News Deserts.” The Daily Planet, 3 Sept. 2024, https://planet.example/rise.',
    );
    expect(citation(item, 'chicago')).toBe(
      'Doe, Jane Q., and John Smith. 2024. “The Rise of Local News Deserts.” The Daily Planet, September 3. https://planet.example/rise.',
    );
  });

  it('keeps a Vietnamese byline and title as written (no reordering, no title case)', () => {
    const item = toCsl(seed);
    expect(citation(item, 'apa')).toBe(
      'Kim Hiền. (2021, August 6). Thực hiện công tác tổ chức xây dựng Đảng. Báo Vĩnh Phúc. https://baovinhphuc.example/x.html',
    );
    expect(citation(item, 'mla')).toBe(
      'Kim Hiền. “Thực hiện công tác tổ chức xây dựng Đảng.” Báo Vĩnh Phúc, 6 Aug. 2021, https://baovinhphuc.example/x.html.',
    );
    expect(citation(item, 'chicago')).toBe(
      'Kim Hiền. 2021. “Thực hiện công tác tổ chức xây dựng Đảng.” Báo Vĩnh Phúc, August 6. https://baovinhphuc.example/x.html.',
    );
  });

  it("cites a declared canonical URL only when it is on the page's own site", () => {
    expect(toCsl(english).URL).toBe('https://planet.example/rise');
    const copy = { ...english, url: 'https://evil.example/copy', canonicalUrl: 'https://www.nytimes.com/2024/x.html' };
    expect(toCsl(copy).URL).toBe('https://evil.example/copy');
    const pages = { ...english, url: 'https://mallory.github.io/x', canonicalUrl: 'https://alice.github.io/x' };
    expect(toCsl(pages).URL).toBe('https://mallory.github.io/x');
  });

  it('gives the access date when there is no publication date', () => {
    const item = toCsl({ ...english, publishedTime: null });
    expect(citation(item, 'apa')).toContain('(n.d.)');
    expect(citation(item, 'apa')).toContain('Retrieved November 28, 2026, from https://planet.example/rise');
    expect(citation(item, 'chicago')).toContain('n.d. “The Rise');
    expect(citation(item, 'chicago')).toContain('Accessed November 28, 2026. https://planet.example/rise.');
  });

  it('italicises the container in HTML', () => {
    expect((styles.mla as Citer).citationHtml(toCsl(english))).toContain('<i>The Daily Planet</i>');
  });

  it('writes BibTeX in UTF-8 for Zotero, one entry per article', () => {
    const bib = bibFile([toCsl(seed), toCsl(english)]);
    expect(bib.match(/^@/gm)).toHaveLength(2);
    expect(bib).toContain('author = {{Kim Hiền}}');
    expect(bib).toContain('title = {Thực hiện công tác tổ chức xây dựng Đảng}');
    expect(bib).toContain('author = {Doe, Jane Q. and Smith, John}');
    expect(bib).toContain('url = {https://planet.example/rise}');
    expect(bib).toContain('month = sep,');
    expect(bib).toContain('urldate = {2026-11-28}');
  });
});

describe('the citation engines', () => {
  it('keeps an engine while it is used, drops it once idle (a style compiled is tens of MB), and makes it again', async () => {
    vi.useFakeTimers();
    try {
      const article = articleRecord({ title: 'Thực hiện công tác tổ chức', byline: 'Kim Hiền' });
      const mla = await citer('mla', 'vi-VN');
      const first = mla.citation(toCsl(article));
      expect(first).toContain('Thực hiện công tác tổ chức');
      const kept = keptEngines();
      expect(kept).toBeGreaterThanOrEqual(1);
      vi.advanceTimersByTime(ENGINE_IDLE_MS - 1);
      expect(mla.citation(toCsl(article))).toBe(first);
      // Used again just now: kept a full idle period from then.
      vi.advanceTimersByTime(ENGINE_IDLE_MS - 1);
      expect(keptEngines()).toBe(kept);
      vi.advanceTimersByTime(1);
      expect(keptEngines()).toBe(kept - 1);
      expect(mla.citation(toCsl(article))).toBe(first);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('CSL-JSON', () => {
  it('reads bylines: people in Western order, family-first languages and organisations whole', () => {
    expect(parseByline('By Jane Doe, John Smith & Ana María López')).toEqual([
      { family: 'Doe', given: 'Jane' },
      { family: 'Smith', given: 'John' },
      { family: 'López', given: 'Ana María' },
    ]);
    expect(parseByline('Nguyễn Văn An', 'vi')).toEqual([{ literal: 'Nguyễn Văn An' }]);
    expect(parseByline('Reuters Staff')).toEqual([{ literal: 'Reuters Staff' }]);
    expect(parseByline('李明')).toEqual([{ literal: '李明' }]);
    expect(parseByline(null)).toEqual([]);
  });

  it('reads published dates', () => {
    expect(dateParts('2021-08-06T07:00:00+07:00')).toEqual([2021, 8, 6]);
    expect(dateParts('2021-08')).toEqual([2021, 8]);
    expect(dateParts('Tue, 03 Sep 2024 10:00:00 GMT')).toEqual([2024, 9, 3]);
    expect(dateParts('soon')).toBeNull();
  });

  it('describes the article for Zotero', () => {
    expect(toCsl(english)).toEqual({
      id: 'a1',
      type: 'article-newspaper',
      title: 'the rise of local news deserts',
      'container-title': 'The Daily Planet',
      author: [
        { family: 'Doe', given: 'Jane Q.' },
        { family: 'Smith', given: 'John' },
      ],
      issued: { 'date-parts': [[2024, 9, 3]] },
      accessed: { 'date-parts': [[2026, 11, 28]] },
      URL: 'https://planet.example/rise',
      language: 'en',
    });
  });
});
