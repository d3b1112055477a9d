/**
 * Citations checked against the reference: citeproc-js (Zotero's CSL processor, called directly)
 * running the official CSL styles on the CSL items a careful librarian would enter for each article,
 * in US English and Vietnamese. The product goes its own way — from the stored article (Readability's
 * title and byline) through toCsl and ./cite.ts (citeproc-js too, its engines kept and reset there)
 * — and must write exactly the same text.
 */
import { readFileSync } from 'node:fs';
import CSL from 'citeproc';
import { beforeAll, describe, expect, it } from 'vitest';
import { type CitationLocale, type Citer, citer } from '@/lib/export/cite';
import { toCsl } from '@/lib/export/csl';
import type { Article, CitationStyle } from '@/lib/schema';
import { articleRecord } from '../support/factories';

const DIR = 'lib/export/csl';
const STYLE_XML: Record<CitationStyle, string> = {
  apa: readFileSync(`${DIR}/apa.csl`, 'utf8'),
  mla: readFileSync(`${DIR}/modern-language-association.csl`, 'utf8'),
  chicago: readFileSync(`${DIR}/chicago-author-date.csl`, 'utf8'),
};
const LOCALE_XML: Record<CitationLocale, string> = {
  'en-US': readFileSync(`${DIR}/locales-en-US.xml`, 'utf8'),
  'vi-VN': readFileSync(`${DIR}/locales-vi-VN.xml`, 'utf8'),
};

const SEEN = Date.UTC(2026, 10, 28, 9, 30);
const ACCESSED = { 'date-parts': [[2026, 11, 28]] };

interface Case {
  what: string;
  article: Partial<Article>;
  /** The CSL item a careful person would enter (id, URL and accessed are added). */
  item: Record<string, unknown>;
}

const CASES: Case[] = [
  {
    what: 'no author (a news desk left unnamed)',
    article: {
      title: 'Floods close the ring road',
      byline: null,
      siteName: 'City Herald',
      publishedTime: '2024-03-02',
      lang: 'en',
    },
    item: {
      type: 'article-newspaper',
      title: 'Floods close the ring road',
      'container-title': 'City Herald',
      issued: { 'date-parts': [[2024, 3, 2]] },
      language: 'en',
    },
  },
  {
    what: 'one author',
    article: {
      title: 'The rise of local news deserts',
      byline: 'By Jane Q. Doe',
      siteName: 'The Daily Planet',
      publishedTime: '2024-09-03',
      lang: 'en',
    },
    item: {
      type: 'article-newspaper',
      title: 'The rise of local news deserts',
      'container-title': 'The Daily Planet',
      author: [{ family: 'Doe', given: 'Jane Q.' }],
      issued: { 'date-parts': [[2024, 9, 3]] },
      language: 'en',
    },
  },
  {
    what: 'two authors',
    article: {
      title: 'Budget talks stall',
      byline: 'By Jane Doe and John Smith',
      siteName: 'The Guardian',
      publishedTime: '2023-11-20',
      lang: 'en',
    },
    item: {
      type: 'article-newspaper',
      title: 'Budget talks stall',
      'container-title': 'The Guardian',
      author: [
        { family: 'Doe', given: 'Jane' },
        { family: 'Smith', given: 'John' },
      ],
      issued: { 'date-parts': [[2023, 11, 20]] },
      language: 'en',
    },
  },
  {
    what: 'three authors',
    article: {
      title: 'Reefs in retreat',
      byline: 'Jane Doe, John Smith and Ana María López',
      siteName: 'Ocean Post',
      publishedTime: '2022-06-15',
      lang: 'en',
    },
    item: {
      type: 'article-newspaper',
      title: 'Reefs in retreat',
      'container-title': 'Ocean Post',
      author: [
        { family: 'Doe', given: 'Jane' },
        { family: 'Smith', given: 'John' },
        { family: 'López', given: 'Ana María' },
      ],
      issued: { 'date-parts': [[2022, 6, 15]] },
      language: 'en',
    },
  },
  {
    what: 'five authors',
    article: {
      title: 'A census of city trees',
      byline: 'By Jane Doe, John Smith, Wei Chen, Sam Brown and Ana López',
      siteName: 'Metro Daily',
      publishedTime: '2021-01-09',
      lang: 'en',
    },
    item: {
      type: 'article-newspaper',
      title: 'A census of city trees',
      'container-title': 'Metro Daily',
      author: [
        { family: 'Doe', given: 'Jane' },
        { family: 'Smith', given: 'John' },
        { family: 'Chen', given: 'Wei' },
        { family: 'Brown', given: 'Sam' },
        { family: 'López', given: 'Ana' },
      ],
      issued: { 'date-parts': [[2021, 1, 9]] },
      language: 'en',
    },
  },
  {
    what: 'an organisation as author',
    article: {
      title: 'Markets rally after rate cut',
      byline: 'Reuters Staff',
      siteName: 'Reuters',
      publishedTime: '2020-03-16',
      lang: 'en',
    },
    item: {
      type: 'article-newspaper',
      title: 'Markets rally after rate cut',
      'container-title': 'Reuters',
      author: [{ literal: 'Reuters Staff' }],
      issued: { 'date-parts': [[2020, 3, 16]] },
      language: 'en',
    },
  },
  {
    what: 'a Vietnamese author and title',
    article: {
      title: 'Thực hiện công tác tổ chức xây dựng Đảng',
      byline: 'Kim Hiền',
      siteName: 'Báo Vĩnh Phúc',
      publishedTime: '2021-08-06T07:00:00+07:00',
      lang: 'vi',
    },
    item: {
      type: 'article-newspaper',
      title: 'Thực hiện công tác tổ chức xây dựng Đảng',
      'container-title': 'Báo Vĩnh Phúc',
      author: [{ literal: 'Kim Hiền' }],
      issued: { 'date-parts': [[2021, 8, 6]] },
      language: 'vi',
    },
  },
  {
    what: 'two Vietnamese authors',
    article: {
      title: 'Nông dân vào vụ mùa mới',
      byline: 'Nguyễn Văn An và Trần Thị Bình',
      siteName: 'Báo Nông thôn',
      publishedTime: '2023-05-04',
      lang: 'vi',
    },
    item: {
      type: 'article-newspaper',
      title: 'Nông dân vào vụ mùa mới',
      'container-title': 'Báo Nông thôn',
      author: [{ literal: 'Nguyễn Văn An' }, { literal: 'Trần Thị Bình' }],
      issued: { 'date-parts': [[2023, 5, 4]] },
      language: 'vi',
    },
  },
  {
    what: 'a Chinese author and title',
    article: {
      title: '宇航员为何不能在太空饮酒',
      byline: '肖春芳',
      siteName: '光明网',
      publishedTime: '2017-03-10',
      lang: 'zh',
    },
    item: {
      type: 'article-newspaper',
      title: '宇航员为何不能在太空饮酒',
      'container-title': '光明网',
      author: [{ literal: '肖春芳' }],
      issued: { 'date-parts': [[2017, 3, 10]] },
      language: 'zh',
    },
  },
  {
    what: 'no date',
    article: {
      title: 'How to read a budget',
      byline: 'By Sam Brown',
      siteName: 'Civic Notes',
      publishedTime: null,
      lang: 'en',
    },
    item: {
      type: 'article-newspaper',
      title: 'How to read a budget',
      'container-title': 'Civic Notes',
      author: [{ family: 'Brown', given: 'Sam' }],
      language: 'en',
    },
  },
  {
    what: 'no author and no date',
    article: {
      title: 'About the archive',
      byline: null,
      siteName: null,
      publishedTime: null,
      lang: 'en',
      kind: 'page',
    },
    item: { type: 'webpage', title: 'About the archive', language: 'en' },
  },
  {
    what: 'a title carrying the byline after " | " (the Guardian)',
    article: {
      title: '‘What is the sea telling us?’: Māori tribes fearful over whale strandings | Eleanor Ainge Roy',
      byline: 'Eleanor Ainge Roy',
      siteName: 'The Guardian',
      publishedTime: '2017-02-14',
      lang: 'en',
    },
    item: {
      type: 'article-newspaper',
      title: '‘What is the sea telling us?’: Māori tribes fearful over whale strandings',
      'container-title': 'The Guardian',
      author: [{ family: 'Roy', given: 'Eleanor Ainge' }],
      issued: { 'date-parts': [[2017, 2, 14]] },
      language: 'en',
    },
  },
  {
    what: 'a Japanese title carrying the site after " - "',
    article: {
      title: '桜の開花、平年より早く - 毎日新聞',
      byline: null,
      siteName: '毎日新聞',
      publishedTime: '2024-03-20',
      lang: 'ja',
    },
    item: {
      type: 'article-newspaper',
      title: '桜の開花、平年より早く',
      'container-title': '毎日新聞',
      issued: { 'date-parts': [[2024, 3, 20]] },
      language: 'ja',
    },
  },
  {
    what: 'a Korean title carrying section and site after " : "',
    article: {
      title: '서울 지하철 요금 인상 : 뉴스 : 동아닷컴',
      byline: null,
      siteName: '동아닷컴',
      publishedTime: '2023-10-07',
      lang: 'ko',
    },
    item: {
      type: 'article-newspaper',
      title: '서울 지하철 요금 인상',
      'container-title': '동아닷컴',
      issued: { 'date-parts': [[2023, 10, 7]] },
      language: 'ko',
    },
  },
  {
    what: 'an Arabic title and site',
    article: {
      title: 'ارتفاع أسعار الذهب في الأسواق',
      byline: null,
      siteName: 'صحيفة الأخبار',
      publishedTime: '2024-03-12',
      lang: 'ar',
    },
    item: {
      type: 'article-newspaper',
      title: 'ارتفاع أسعار الذهب في الأسواق',
      'container-title': 'صحيفة الأخبار',
      issued: { 'date-parts': [[2024, 3, 12]] },
      language: 'ar',
    },
  },
];

/** The items the reference engines can look up, by id. */
const referenceItems = new Map<string, Record<string, unknown>>();
const engines = new Map<string, ReturnType<typeof makeEngine>>();
function makeEngine(style: CitationStyle, locale: CitationLocale) {
  return new CSL.Engine(
    {
      retrieveLocale: (lang: string) => LOCALE_XML[lang as CitationLocale] ?? LOCALE_XML['en-US'],
      retrieveItem: (id: string) => referenceItems.get(id),
    },
    STYLE_XML[style],
    locale,
    true,
  );
}

/** The reference: citeproc-js on its own, with the official style and locale, one item at a time. */
function reference(
  style: CitationStyle,
  locale: CitationLocale,
  item: Record<string, unknown>,
  format: 'text' | 'html',
) {
  referenceItems.set(item.id as string, item);
  const key = `${style} ${locale}`;
  const engine = engines.get(key) ?? makeEngine(style, locale);
  engines.set(key, engine);
  engine.setOutputFormat(format);
  engine.updateItems([item.id as string]);
  const [, entries] = engine.makeBibliography() as [unknown, string[]];
  return (entries[0] ?? '').trim();
}

const citers = new Map<string, Citer>();
beforeAll(async () => {
  for (const style of ['apa', 'mla', 'chicago'] as const)
    for (const locale of ['en-US', 'vi-VN'] as const) citers.set(`${style} ${locale}`, await citer(style, locale));
});

describe.each(['en-US', 'vi-VN'] as const)('the official styles through citeproc-js, in %s', (locale) => {
  describe.each(['apa', 'mla', 'chicago'] as const)('%s', (style) => {
    it.each(CASES.map((c, i) => [c.what, c, i] as const))('%s', (_what, c, i) => {
      const id = `a${i}`;
      const url = `https://news.example/${i}`;
      const article = articleRecord({ url, kind: 'article', ...c.article }, SEEN);
      const mine = toCsl({ ...article, id });
      const item = { id, URL: url, accessed: ACCESSED, ...c.item };
      const formatter = citers.get(`${style} ${locale}`) as Citer;
      expect(formatter.citation(mine)).toBe(reference(style, locale, item, 'text'));
      expect(formatter.citationHtml(mine)).toBe(reference(style, locale, item, 'html'));
    });
  });
});

describe('what the official styles fixed', () => {
  const cite = (style: CitationStyle, c: Case, locale: CitationLocale = 'en-US') => {
    const article = articleRecord({ url: 'https://news.example/x', kind: 'article', ...c.article }, SEEN);
    return (citers.get(`${style} ${locale}`) as Citer).citation(toCsl(article));
  };
  const byWhat = (what: string) => CASES.find((c) => c.what === what) as Case;

  it('MLA: "Doe, Jane, et al." for three authors or more, and no "Accessed" when the page has a date', () => {
    expect(cite('mla', byWhat('three authors'))).toMatch(
      /^Doe, Jane, et al\. “Reefs in Retreat\.” Ocean Post, 15 June 2022/,
    );
    expect(cite('mla', byWhat('three authors'))).not.toContain('Accessed');
    expect(cite('mla', byWhat('no date'))).toContain('Accessed 28 Nov. 2026');
  });

  it('Chicago 18th: every author up to ten, and no "N.d." leading an entry', () => {
    expect(cite('chicago', byWhat('three authors'))).toMatch(/^Doe, Jane, John Smith, and Ana María López\. 2022\./);
    expect(cite('chicago', byWhat('no author and no date'))).not.toMatch(/^N\.d\./);
  });

  it('cites the headline without the site or byline the page added to its title', () => {
    expect(cite('apa', byWhat('a title carrying the byline after " | " (the Guardian)'))).not.toContain('| Eleanor');
    expect(cite('apa', byWhat('a Korean title carrying section and site after " : "'))).toContain(
      '서울 지하철 요금 인상.',
    );
  });

  it('writes Vietnamese terms in the Vietnamese locale', () => {
    expect(cite('mla', byWhat('no date'), 'vi-VN')).toMatch(/truy cập/i);
  });
});
