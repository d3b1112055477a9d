// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { anchorSelectors } from '@/lib/anchoring/anchor';
import { describeSpan } from '@/lib/anchoring/describe';
import { buildTextIndex } from '@/lib/anchoring/text-index';
import { cannotAnnotate } from '@/lib/background/inject';
import { extractArticle, parseSnapshot } from '@/lib/extract';
import { fixture, parseHtml } from '../support/fixtures';

describe('pages the annotator cannot or can barely work on', () => {
  it.each([
    ['about:blank', 'error_unsupportedPage'],
    ['chrome://extensions/', 'error_unsupportedPage'],
    ['about:addons', 'error_unsupportedPage'],
    ['moz-extension://x/sidepanel.html', 'error_unsupportedPage'],
    ['view-source:https://x.example/', 'error_unsupportedPage'],
    [undefined, 'error_noAccess'],
    ['file:///home/me/article.html', null],
    ['https://news.example/a', null],
  ])('%s → %s', (url, reason) => {
    expect(cannotAnnotate(url)).toBe(reason);
  });

  it.each([
    ['an empty page', ''],
    ['a frameset', '<frameset cols="50%,50%"><frame src="a.html"><frame src="b.html"></frameset>'],
    ['only scripts', '<body><script>var a = "not text";</script><noscript>nor this</noscript></body>'],
  ])('indexes %s without breaking, and extraction says it is a page', (_name, html) => {
    const doc = parseHtml(html);
    const index = buildTextIndex(doc.body ?? doc.documentElement);
    expect(index.text).toBe('');
    expect(describeSpan(index, 0, 10)).toBeNull();
    const { meta } = extractArticle(parseSnapshot(html, 'https://x.example/'));
    expect(meta.kind).toBe('page');
  });

  it('does not break on shadow DOM (its text is not indexed: selections there are not offered)', () => {
    const doc = parseHtml('<p>Light text before.</p><div id="host"></div><p>Light text after.</p>');
    const host = doc.getElementById('host') as HTMLElement;
    host.attachShadow({ mode: 'open' }).innerHTML = '<p>Shadow text</p>';
    const index = buildTextIndex(doc.body);
    expect(index.text).toBe('Light text before. Light text after.');
  });

  it('anchors on the largest page (yahoo-2, 1.6 MB)', () => {
    const index = buildTextIndex(parseHtml(fixture('news/yahoo-2/source.html')).body);
    const at = Math.floor(index.text.length / 2);
    const selectors = describeSpan(index, at, at + 80);
    expect(selectors && anchorSelectors(index, selectors).status).toBe('anchored');
  }, 30_000);
});
