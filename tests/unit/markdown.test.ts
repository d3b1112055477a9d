import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { marked } from 'marked';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CLAIM_TYPES } from '@/lib/claim-types';
import {
  articleToMarkdown,
  combinedMarkdown,
  escapeMarkdown,
  type MarkdownOptions,
  safeNote,
} from '@/lib/export/markdown';
import { slugify, UniqueNames } from '@/lib/export/slug';
import type { Article, Highlight, MarkdownTemplate } from '@/lib/schema';
import { selectors } from '../support/factories';

/** Set UPDATE_GOLDEN=1 to rewrite the golden files from the current output. */
function golden(name: string, actual: string): void {
  const path = join(process.cwd(), 'tests/golden', name);
  if (process.env.UPDATE_GOLDEN === '1') writeFileSync(path, actual);
  expect(actual).toBe(readFileSync(path, 'utf8'));
}

const labels = Object.fromEntries(CLAIM_TYPES.map((c) => [c, c[0]?.toUpperCase() + c.slice(1)]));
const statusLabels = { unverified: 'Unverified', supported: 'Supported', disputed: 'Disputed', false: 'False' };
const T = Date.UTC(2026, 10, 28, 9, 30);
const options = (template: MarkdownTemplate, citation?: string): MarkdownOptions => ({
  exportedAt: new Date(T),
  template,
  labels,
  statusLabels,
  citations: citation ? new Map([['a1', citation]]) : undefined,
});

const seedArticle: Article = {
  id: 'a1',
  url: 'https://baovinhphuc.example/xay-dung-dang/thuc-hien-61234.html',
  urls: ['https://baovinhphuc.example/xay-dung-dang/thuc-hien-61234.html'],
  title: 'Thực hiện công tác tổ chức xây dựng Đảng gắn với nhiệm vụ chính trị tại địa phương',
  byline: 'Kim Hiền',
  siteName: 'Báo Vĩnh Phúc',
  publishedTime: '2021-08-06T08:00:00+07:00',
  lang: 'vi',
  dir: null,
  excerpt: 'Huyện Yên Lạc gắn công tác xây dựng Đảng với nhiệm vụ chính trị.',
  wordCount: 700,
  textHash: '0123456789abcdef',
  canonicalUrl: null,
  note: 'Bài dùng cho **bài luận** về công tác Đảng ở cơ sở.',
  kind: 'article',
  extractedAt: T,
  lastSeenAt: T,
  createdAt: T,
  updatedAt: T,
};

function highlight(id: string, exact: string, start: number, extra: Partial<Highlight> = {}, context = ['', '']) {
  return {
    id,
    articleId: 'a1',
    target: { source: seedArticle.url, selector: selectors(exact, start, context[0], context[1]) },
    claimType: null,
    status: null,
    sourceUrl: null,
    tags: [],
    note: '',
    createdAt: T - 86_400_000,
    updatedAt: T,
    ...extra,
  } satisfies Highlight;
}

const seedHighlights = [
  highlight(
    'h1',
    'Từ đầu năm 2021 đến nay, dịch Covid-19 có nhiều diễn biến phức tạp',
    0,
    { claimType: 'claim', status: 'supported', tags: ['covid', 'kinh tế'], note: 'Đối chiếu với số liệu của Sở Y tế.' },
    ['', ', ảnh hưởng đến'],
  ),
  highlight(
    'h2',
    'kết nạp 235 đảng viên mới',
    900,
    { claimType: 'statistic', sourceUrl: 'https://example.org/so-lieu (2021)' },
    ['Năm 2020, toàn huyện đã ', ', đạt 104% kế hoạch'],
  ),
  highlight('h3', 'Huyện giao chỉ tiêu phát triển Đảng cụ thể cho từng chi', 1400, {}, ['Ngoài ra, ', ' bộ']),
];
const CITATION =
  'Kim Hiền. (2021, August 6). Thực hiện công tác tổ chức xây dựng Đảng gắn với nhiệm vụ chính trị tại địa phương. Báo Vĩnh Phúc. https://baovinhphuc.example/xay-dung-dang/thuc-hien-61234.html';

const hostileArticle: Article = {
  ...seedArticle,
  id: 'a1',
  title: 'A: "title" --- # with [[links]] <script>alert(1)</script>\nline',
  byline: '<b>Mallory</b> & *Eve*',
  siteName: 'Site | with ] pipes',
  note: '<!-- an unclosed comment\n```js\nunclosed fence',
  excerpt: '---\nkey: value',
};
const hostileHighlights = [
  highlight(
    'h1',
    '---\n# not a heading\n> not nested\n* not a list [[wiki]] `code` <img src=x onerror=alert(1)> ==mark== $x$ %%c%% ^block #tag &amp; 1. item',
    0,
    {
      claimType: 'claim',
      tags: ['a tag', '#hash', 'x]]', 'tag:colon'],
      note: 'note with <div>html</div> and `<b>` in code\n\n---\n\n<script>alert(1)</script>',
    },
  ),
  highlight('h2', '    indented code?\n\n\n   === setext?', 50, { note: '```\nnever closed' }),
];

/** What a CommonMark renderer makes of the body: no raw HTML, one blockquote per highlight. */
function rendered(md: string): { html: string; front: Record<string, unknown> } {
  const [, frontText, ...rest] = md.split(/^---$/m);
  const html = marked.parse(rest.join('---'), { async: false }) as string;
  return { html, front: parse(frontText as string) };
}

describe('Markdown export', () => {
  for (const template of ['default', 'obsidian'] as const) {
    it(`writes the seed article (${template}): frontmatter, title, citation, quotes in article order`, () => {
      const md = articleToMarkdown(seedArticle, seedHighlights, options(template, CITATION));
      golden(`seed-article.${template}.md`, md);
      const { html, front } = rendered(md);
      expect(front).toEqual({
        title: seedArticle.title,
        source: seedArticle.url,
        author: ['Kim Hiền'],
        published: '2021-08-06',
        created: '2026-11-27',
        description: seedArticle.excerpt,
        tags: ['covid', 'kinh-tế'],
        site: 'Báo Vĩnh Phúc',
        language: 'vi',
        exported: '2026-11-28T09:30:00',
        highlights: 3,
        claims: ['claim', 'statistic'],
      });
      expect(html.match(/<blockquote>/g)?.length).toBe(3);
      expect(html.match(/<h1>/g)?.length).toBe(1);
      // In article order, each with its link back to the passage.
      const order = seedHighlights.map((h) => md.indexOf(h.target.selector[0].exact.slice(0, 20)));
      expect(order).toEqual([...order].sort((a, b) => a - b));
      expect(html).toContain(
        'href="https://baovinhphuc.example/xay-dung-dang/thuc-hien-61234.html#:~:text=to%C3%A0n%20huy%E1%BB%87n%20%C4%91%C3%A3-,k%E1%BA%BFt%20n%E1%BA%A1p%20235%20%C4%91%E1%BA%A3ng%20vi%C3%AAn%20m%E1%BB%9Bi,-%2C%20%C4%91%E1%BA%A1t%20104%25"',
      );
      expect(html).toContain('href="https://example.org/so-lieu%20(2021)"');
      if (template === 'obsidian') expect(md).toContain('> ==kết nạp 235 đảng viên mới==');
    });

    it(`keeps hostile text inside its blocks (${template})`, () => {
      const md = articleToMarkdown(hostileArticle, hostileHighlights, options(template));
      golden(`hostile.${template}.md`, md);
      const { html, front } = rendered(md);
      expect(front.title).toBe('A: "title" --- # with [[links]] <script>alert(1)</script> line');
      expect(front.description).toBe('--- key: value');
      expect(front.tags).toEqual(['a-tag', 'hash', 'tagcolon', 'x']);
      // No element came from the page's text or the notes: only what the export itself writes.
      const tags = new Set([...html.matchAll(/<([a-z0-9]+)/g)].map((m) => m[1]));
      for (const tag of tags)
        expect(['h1', 'p', 'a', 'blockquote', 'strong', 'em', 'code', 'pre', 'hr', 'mark']).toContain(tag);
      expect(html).not.toMatch(/<(script|img|div|b)\b/);
      expect(html.match(/<h1>/g)?.length).toBe(1);
      expect(html.match(/<blockquote>/g)?.length).toBe(2);
      // The unclosed fence in the last note is closed: nothing after it is swallowed (single file: end).
      expect(md.trimEnd().endsWith('```')).toBe(true);
    });
  }

  it('writes many articles into one file with one frontmatter', () => {
    const second = { ...seedArticle, id: 'a2', title: '光明网 科技', lang: 'zh', byline: null };
    const md = combinedMarkdown(
      [
        { article: hostileArticle, highlights: hostileHighlights },
        { article: second, highlights: [{ ...seedHighlights[0], id: 'h9', articleId: 'a2' } as Highlight] },
      ],
      options('default'),
    );
    const { html, front } = rendered(md);
    expect(front).toMatchObject({ articles: 2, highlights: 3 });
    expect(html.match(/<h2>/g)?.length).toBe(2);
    // The hostile article's unclosed fence does not swallow the next article.
    expect(html).toContain('<h2>光明网 科技</h2>');
    expect(html.match(/<blockquote>/g)?.length).toBe(3);
  });

  it('escapes Markdown, Obsidian and HTML syntax in page text', () => {
    expect(escapeMarkdown('# a *b* [c](d) <e> ==f== $g$ %%h%% ^i &amp; #j')).toBe(
      '\\# a \\*b\\* \\[c\\](d) \\<e\\> \\==f\\== \\$g\\$ \\%\\%h\\%\\% \\^i \\&amp; \\#j',
    );
    expect(escapeMarkdown('100% R&D')).toBe('100% R&D');
    expect(escapeMarkdown('- a\n+ b\n1. c\n= d')).toBe('\\- a\n\\+ b\n1\\. c\n\\= d');
  });

  it('keeps notes as Markdown but shows raw HTML as text and closes fences', () => {
    expect(safeNote('**bold** <i>x</i> `<b>`')).toBe('**bold** &lt;i>x&lt;/i> `<b>`');
    expect(safeNote('```\n<b>code</b>')).toBe('```\n<b>code</b>\n```');
    expect(safeNote('~~~~\n```\n~~~~\n<!-- c')).toBe('~~~~\n```\n~~~~\n&lt;!-- c');
  });
});

describe('file names', () => {
  it('are readable slugs in any script', () => {
    expect(slugify('Thực hiện công tác: xây dựng Đảng?')).toBe('Thực-hiện-công-tác-xây-dựng-Đảng');
    expect(slugify('光明网 科技 / 新闻')).toBe('光明网-科技-新闻');
    expect(slugify('مقالة عن الأخبار')).toBe('مقالة-عن-الأخبار');
    expect(slugify('\u202eevil\u202c title')).toBe('evil-title');
    expect(slugify('../../etc/passwd')).toBe('etc-passwd');
    expect(slugify('???')).toBe('article');
    expect(slugify('CON')).toBe('CON-article');
    // NFD input gives the same (NFC) name.
    expect(slugify('Thực hiện'.normalize('NFD'))).toBe('Thực-hiện');
    const long = slugify('word '.repeat(60));
    expect([...long].length).toBeLessThanOrEqual(100);
    expect(long.endsWith('word')).toBe(true);
  });

  it('are unique within one export, whatever the case', () => {
    const names = new UniqueNames();
    expect(['Tin tức', 'Tin tức', 'TIN TỨC', 'Tin-tức-2', '???'].map((t) => names.next(t, 'md'))).toEqual([
      'Tin-tức.md',
      'Tin-tức-2.md',
      'TIN-TỨC-3.md',
      'Tin-tức-2-2.md',
      'article.md',
    ]);
  });
});
