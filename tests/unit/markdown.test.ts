import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CLAIM_TYPES } from '@/lib/claim-types';
import { articleToMarkdown, escapeMarkdown, markdownFileName } from '@/lib/markdown';
import type { Article, Highlight } from '@/lib/schema';
import { selectors } from '../support/factories';

/** Set UPDATE_GOLDEN=1 to rewrite the golden files from the current output. */
function golden(name: string, actual: string): void {
  const path = join(process.cwd(), 'tests/golden', name);
  if (process.env.UPDATE_GOLDEN === '1') writeFileSync(path, actual);
  expect(actual).toBe(readFileSync(path, 'utf8'));
}

const labels = Object.fromEntries(CLAIM_TYPES.map((c) => [c, c[0]?.toUpperCase() + c.slice(1)]));
const T = Date.UTC(2026, 10, 28, 9, 30);

const article: Article = {
  id: 'a1',
  url: 'https://baovinhphuc.example/xay-dung-dang/thuc-hien-61234.html',
  urls: ['https://baovinhphuc.example/xay-dung-dang/thuc-hien-61234.html'],
  title: 'Thực hiện công tác tổ chức xây dựng Đảng gắn với nhiệm vụ chính trị tại địa phương',
  byline: 'Kim Hiền',
  siteName: 'Báo Vĩnh Phúc',
  publishedTime: '2021-08-06',
  lang: 'vi',
  dir: null,
  excerpt: null,
  wordCount: 700,
  textHash: '0123456789abcdef',
  canonicalUrl: null,
  note: '',
  kind: 'article',
  extractedAt: T,
  lastSeenAt: T,
  createdAt: T,
  updatedAt: T,
};

function highlight(id: string, exact: string, start: number, extra: Partial<Highlight> = {}): Highlight {
  return {
    id,
    articleId: 'a1',
    target: { source: article.url, selector: selectors(exact, start) },
    claimType: null,
    status: null,
    sourceUrl: null,
    tags: [],
    note: '',
    createdAt: T,
    updatedAt: T,
    ...extra,
  };
}

describe('Markdown export', () => {
  it('writes the seed article: frontmatter, title, quotes in order with type, tags and note', () => {
    const md = articleToMarkdown(
      article,
      [
        highlight('h1', 'Từ đầu năm 2021 đến nay, dịch Covid-19 có nhiều diễn biến phức tạp', 0, {
          claimType: 'claim',
          tags: ['covid', 'kinh tế'],
          note: 'Đối chiếu với số liệu của Sở Y tế.',
        }),
        highlight('h2', 'kết nạp 235 đảng viên mới', 900, { claimType: 'statistic' }),
      ],
      { exportedAt: new Date(T), labels },
    );
    golden('seed-article.md', md);
    const front = parse(md.split('---\n')[1] as string);
    expect(front).toMatchObject({
      title: article.title,
      author: 'Kim Hiền',
      site: 'Báo Vĩnh Phúc',
      published: '2021-08-06',
    });
  });

  it('keeps hostile quotes and titles inside their blocks', () => {
    const hostile: Article = { ...article, title: 'A: "title" --- # with [[links]] <script>alert(1)</script>\nline' };
    const md = articleToMarkdown(
      hostile,
      [
        highlight(
          'h1',
          '---\n# not a heading\n> not nested\n* not a list [[wiki]] `code` <img src=x onerror=alert(1)>',
          0,
        ),
      ],
      { exportedAt: new Date(T), labels },
    );
    golden('hostile.md', md);
    const [, frontText, ...rest] = md.split(/^---$/m);
    expect(parse(frontText as string).title).toBe(hostile.title);
    const body = rest.join('---');
    expect(body).not.toMatch(/(?<!\\)<(script|img)/);
    expect(body).toContain('# A: "title" --- # with \\[\\[links\\]\\] \\<script\\>alert(1)\\</script\\> line\n');
    for (const line of body.split('\n').slice(body.split('\n').findIndex((l) => l.startsWith('>')))) {
      if (line === '') break;
      expect(line.startsWith('>')).toBe(true);
    }
  });

  it('escapes Markdown syntax in page text', () => {
    expect(escapeMarkdown('# a *b* [c](d) <e>')).toBe('\\# a \\*b\\* \\[c\\](d) \\<e\\>');
  });

  it('names the file after the title, in any script', () => {
    expect(markdownFileName('Thực hiện công tác: xây dựng Đảng?')).toBe('Thực-hiện-công-tác-xây-dựng-Đảng.md');
    expect(markdownFileName('光明网 科技 / 新闻')).toBe('光明网-科技-新闻.md');
    expect(markdownFileName('مقالة عن الأخبار')).toBe('مقالة-عن-الأخبار.md');
    expect(markdownFileName('../../etc/passwd')).toBe('etc-passwd.md');
    expect(markdownFileName('???')).toBe('article.md');
  });
});
