// Readability's own tests run on jsdom; so do these, for the same results.
// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { extractArticle, parseSnapshot } from '@/lib/extract';
import { fixture } from '../support/fixtures';

const SEED_URL = 'http://127.0.0.1:4173/seed/vinhphuc.html';

describe('extraction', () => {
  it('reads the seed article as Readability sees it', () => {
    const meta = extractArticle(parseSnapshot(fixture('seed/vinhphuc.html'), SEED_URL));
    expect(meta).toMatchObject({
      title: 'Thực hiện công tác tổ chức xây dựng Đảng gắn với nhiệm vụ chính trị tại địa phương',
      byline: 'Kim Hiền',
      siteName: 'Báo Vĩnh Phúc',
      publishedTime: '2021-08-06',
      lang: 'vi',
      kind: 'article',
    });
    expect(meta.excerpt).toMatch(/^Từ đầu năm 2021 đến nay/);
  });

  it.each(['mathjax', 'mozilla-2'])('keeps the non-article %s annotatable as a page', (name) => {
    const meta = extractArticle(parseSnapshot(fixture(`news/${name}/source.html`), `https://example.com/${name}`));
    expect(meta.kind).toBe('page');
    expect(meta.title.length).toBeGreaterThan(0);
  });

  it('reads a right-to-left page as right to left', () => {
    const meta = extractArticle(parseSnapshot(fixture('news/rtl-1/source.html'), 'https://example.com/rtl'));
    expect(meta.dir).toBe('rtl');
  });
});
