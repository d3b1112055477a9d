import { describe, expect, it } from 'vitest';
import { cleanUrl, isAnnotatableUrl } from '@/lib/url';

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
