import { describe, expect, it } from 'vitest';
import { articleKeys, cleanUrl, isAnnotatableUrl, sameSite } from '@/lib/url';

describe('cleanUrl', () => {
  it.each([
    ['https://x.example/a?utm_source=t', 'https://x.example/a'],
    ['https://x.example/a#top', 'https://x.example/a'],
    ['https://x.example/a?utm_source=t&utm_medium=m#frag', 'https://x.example/a'],
    ['https://x.example/a?id=5&fbclid=abc', 'https://x.example/a?id=5'],
    ['https://x.example/a?gclid=1&p=2&mc_cid=3&ref=tw', 'https://x.example/a?p=2'],
    ['https://X.EXAMPLE:443/a', 'https://x.example/a'],
    ['http://127.0.0.1:8080/seed/vinhphuc.html?UTM_Campaign=x', 'http://127.0.0.1:8080/seed/vinhphuc.html'],
    ['https://x.example/tin-tức/bài-viết', 'https://x.example/tin-t%E1%BB%A9c/b%C3%A0i-vi%E1%BA%BFt'],
  ])('%s → %s', (input, expected) => {
    expect(cleanUrl(input)).toBe(expected);
  });

  it('gives the same key to a tracked link and a fragment link of one article', () => {
    expect(cleanUrl('https://x/a?utm_source=t')).toBe(cleanUrl('https://x/a#top'));
  });

  it('refuses what is not a URL', () => {
    expect(cleanUrl('not a url')).toBeNull();
  });
});

describe('isAnnotatableUrl', () => {
  it.each([
    ['https://x.example/', true],
    ['http://127.0.0.1/a', true],
    ['file:///tmp/a.html', true],
    ['chrome://extensions', false],
    ['about:blank', false],
    ['moz-extension://abc/sidepanel.html', false],
    ['javascript:alert(1)', false],
    [undefined, false],
  ])('%s → %s', (url, expected) => {
    expect(isAnnotatableUrl(url)).toBe(expected);
  });
});

describe('sameSite', () => {
  it.each([
    ['https://www.nytimes.com/a', 'https://nytimes.com/b', true],
    ['https://m.bbc.co.uk/news/1', 'https://www.bbc.co.uk/news/1', true],
    ['https://amp.theguardian.com/x', 'https://www.theguardian.com/x', true],
    ['https://vnexpress.net/a', 'https://e.vnexpress.net/a', true],
    ['https://baovinhphuc.com.vn/a', 'https://www.baovinhphuc.com.vn/a', true],
    ['https://a.com.vn/x', 'https://b.com.vn/x', false],
    ['https://news.example/a', 'https://victim.example/a', false],
    ['https://bbc.co.uk/a', 'https://itv.co.uk/a', false],
    // Public Suffix List, private section: each of these hosts is a site of its own.
    ['https://alice.github.io/post', 'https://mallory.github.io/post', false],
    ['https://alice.substack.com/p/x', 'https://mallory.substack.com/p/x', false],
    ['https://alice.blogspot.com/x', 'https://mallory.blogspot.com/x', false],
    ['https://alice.netlify.app/x', 'https://mallory.netlify.app/x', false],
    ['https://alice.vercel.app/x', 'https://mallory.vercel.app/x', false],
    ['https://alice.pages.dev/x', 'https://mallory.pages.dev/x', false],
    ['https://alice.wordpress.com/x', 'https://mallory.wordpress.com/x', false],
    ['https://alice.medium.com/x', 'https://mallory.medium.com/x', false],
    ['https://alice.github.io/a', 'https://alice.github.io/b', true],
    ['https://www.alice.co.jp/a', 'https://alice.co.jp/b', true],
    ['https://news.gov.vn/a', 'https://other.gov.vn/a', false],
    // Scheme and port are part of the site.
    ['http://127.0.0.1:8001/a', 'http://127.0.0.1:8002/a', false],
    ['https://example.com:8443/a', 'https://example.com/a', false],
    ['http://nytimes.com/a', 'https://nytimes.com/a', false],
    ['https://nytimes.com:443/a', 'https://nytimes.com/a', true],
    // IP addresses and localhost only match themselves.
    ['http://10.0.0.1/a', 'http://192.168.0.1/a', false],
    ['http://10.0.0.1/a', 'http://10.0.0.2/a', false],
    ['http://127.0.0.1:8001/a', 'http://127.0.0.1:8001/b', true],
    ['http://localhost/a', 'http://127.0.0.1/a', false],
    ['http://[::1]/a', 'http://[::2]/a', false],
    // A public suffix is not a site others can join.
    ['https://github.io/a', 'https://alice.github.io/a', false],
  ])('%s ~ %s → %s', async (a, b, expected) => {
    expect(await sameSite(a, b)).toBe(expected);
  });
});

describe('articleKeys', () => {
  it.each([
    ['https://x.example/a?utm_source=t', null, 'https://x.example/a', ['https://x.example/a']],
    [
      'https://x.example/a?id=7&fbclid=1',
      'https://x.example/a?id=7',
      'https://x.example/a?id=7',
      ['https://x.example/a?id=7'],
    ],
    [
      'https://x.example/amp/a',
      'https://x.example/a',
      'https://x.example/a',
      ['https://x.example/a', 'https://x.example/amp/a'],
    ],
    [
      'https://m.x.example/a',
      'https://www.x.example/a#top',
      'https://www.x.example/a',
      ['https://www.x.example/a', 'https://m.x.example/a'],
    ],
    ['https://x.example/a', 'https://other.example/a', 'https://x.example/a', ['https://x.example/a']],
    ['https://x.example/a', 'javascript:alert(1)', 'https://x.example/a', ['https://x.example/a']],
    [
      'https://mallory.github.io/copy',
      'https://alice.github.io/article',
      'https://mallory.github.io/copy',
      ['https://mallory.github.io/copy'],
    ],
    [
      'http://127.0.0.1:4174/seed/vinhphuc.html',
      'http://127.0.0.1:4173/seed/vinhphuc.html',
      'http://127.0.0.1:4174/seed/vinhphuc.html',
      ['http://127.0.0.1:4174/seed/vinhphuc.html'],
    ],
    [
      'http://127.0.0.1:4173/seed/vinhphuc.html',
      'https://baovinhphuc.example/x.html',
      'http://127.0.0.1:4173/seed/vinhphuc.html',
      ['http://127.0.0.1:4173/seed/vinhphuc.html'],
    ],
  ])('%s with canonical %s → %s', async (page, canonical, key, aliases) => {
    expect(await articleKeys(page, canonical)).toEqual({ key, aliases });
  });
});
