// Readability's own tests run on jsdom; so do these, for the same results.
// @vitest-environment jsdom
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { countWords, extractArticle, parseSnapshot, textHash } from '@/lib/extract';
import { FIXTURES, fixture, newsPages } from '../support/fixtures';

const SEED_URL = 'http://127.0.0.1:4173/seed/vinhphuc.html';

interface Expected {
  title: string;
  byline: string | null;
  siteName: string | null;
  publishedTime: string | null;
  lang?: string;
  dir: string | null;
  readerable: boolean;
}

describe('extraction on every saved news page (a page dropped into the folder is checked too)', () => {
  it.each(newsPages())(
    '%s: metadata as expected-metadata.json says',
    (name) => {
      const expected = JSON.parse(
        readFileSync(join(FIXTURES, 'news', name, 'expected-metadata.json'), 'utf8'),
      ) as Expected;
      const { meta, readerable } = extractArticle(
        parseSnapshot(fixture(`news/${name}/source.html`), `http://fakehost/test/${name}`),
      );
      expect(readerable).toBe(expected.readerable);
      expect(meta.kind).toBe(expected.readerable ? 'article' : 'page');
      expect(meta.title).toBe(expected.title.trim());
      expect(meta.byline).toBe(expected.byline?.trim() || null);
      expect(meta.siteName).toBe(expected.siteName?.trim() || null);
      expect(meta.publishedTime).toBe(expected.publishedTime?.trim() || null);
      expect(meta.dir).toBe(expected.dir);
      if ('lang' in expected) expect(meta.lang).toBe(expected.lang);
    },
    30_000,
  );
});

describe('extraction', () => {
  it('reads the seed article as Readability sees it', () => {
    const { meta, content } = extractArticle(parseSnapshot(fixture('seed/vinhphuc.html'), SEED_URL));
    expect(meta).toMatchObject({
      title: 'Thực hiện công tác tổ chức xây dựng Đảng gắn với nhiệm vụ chính trị tại địa phương',
      byline: 'Kim Hiền',
      siteName: 'Báo Vĩnh Phúc',
      publishedTime: '2021-08-06',
      lang: 'vi',
      kind: 'article',
      canonicalUrl:
        'https://baovinhphuc.example/xay-dung-dang/thuc-hien-cong-tac-to-chuc-xay-dung-dang-gan-voi-nhiem-vu-chinh-tri-tai-dia-phuong-61234.html',
    });
    expect(meta.excerpt).toMatch(/^Từ đầu năm 2021 đến nay/);
    expect(meta.wordCount).toBeGreaterThan(900);
    expect(content).toContain('Phó trưởng Ban Tổ chức Huyện ủy');
    expect(content).not.toContain('Ý kiến của bạn');
  });

  it('gives the same text hash to the NFC and NFD pages, and another to the edited page', () => {
    const hash = (path: string) => extractArticle(parseSnapshot(fixture(path), SEED_URL)).meta.textHash;
    expect(hash('seed/vinhphuc-nfd.html')).toBe(hash('seed/vinhphuc.html'));
    expect(hash('seed/vinhphuc-mutated.html')).not.toBe(hash('seed/vinhphuc.html'));
  });

  it('counts words in any script', () => {
    expect(countWords('Thực hiện công tác, 100% chỉ tiêu.')).toBe(7);
    expect(countWords('宇航员在太空中喝酒')).toBe(9);
    expect(countWords("it's a well-known fact")).toBe(4);
    expect(textHash('a  b')).toBe(textHash('a b'));
  });
});

describe('parseSnapshot', () => {
  it('resolves every relative address against the page (or its own <base>), leaving fragments and data alone', () => {
    const html = `<html><head></head><body>
      <a href="/tin-tuc/a.html">a</a><a href="#muc-2">b</a><a href="mailto:x@y.vn">c</a>
      <img src="images/anh.jpg" srcset="images/anh-2x.jpg 2x, https://cdn.example/anh-3x.jpg 3x">
      <picture><source srcset="../hinh.webp 640w, hinh-lon.webp 1280w"></picture>
      <img src="data:image/gif;base64,R0lGOD">
      <video src="clip.mp4" poster="poster.jpg"></video></body></html>`;
    const doc = parseSnapshot(html, 'https://baovinhphuc.example/xay-dung-dang/bai-1.html');
    const attr = (sel: string, name: string) => doc.querySelector(sel)?.getAttribute(name);
    expect(attr('a', 'href')).toBe('https://baovinhphuc.example/tin-tuc/a.html');
    expect(attr('a[href^="#"]', 'href')).toBe('#muc-2');
    expect(attr('a[href^="mailto"]', 'href')).toBe('mailto:x@y.vn');
    expect(attr('img', 'src')).toBe('https://baovinhphuc.example/xay-dung-dang/images/anh.jpg');
    expect(attr('img', 'srcset')).toBe(
      'https://baovinhphuc.example/xay-dung-dang/images/anh-2x.jpg 2x, https://cdn.example/anh-3x.jpg 3x',
    );
    expect(attr('source', 'srcset')).toBe(
      'https://baovinhphuc.example/hinh.webp 640w, https://baovinhphuc.example/xay-dung-dang/hinh-lon.webp 1280w',
    );
    expect(attr('img[src^="data:"]', 'src')).toBe('data:image/gif;base64,R0lGOD');
    expect(attr('video', 'poster')).toBe('https://baovinhphuc.example/xay-dung-dang/poster.jpg');
    const based = parseSnapshot(
      '<head><base href="https://cdn.example/bai/"></head><img src="x.png">',
      'https://a.example/',
    );
    expect(based.querySelector('img')?.getAttribute('src')).toBe('https://cdn.example/bai/x.png');
  });
});
