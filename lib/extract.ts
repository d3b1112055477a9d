/**
 * Article extraction with @mozilla/readability, run in an extension page on a parsed copy of the
 * page's HTML, so the page's own thread only pays for serialising its document.
 */
import { isProbablyReaderable, Readability } from '@mozilla/readability';
import type { ArticleMeta } from './schema';

/** Readability's result, as far as we use it. */
interface ReadabilityResult {
  title?: string | null;
  byline?: string | null;
  siteName?: string | null;
  publishedTime?: string | null;
  lang?: string | null;
  dir?: string | null;
  excerpt?: string | null;
}

function clean(value: string | null | undefined, max: number): string | null {
  const v = value?.replace(/\s+/g, ' ').trim();
  return v ? v.slice(0, max) : null;
}

/** Maps Readability's result (or its absence) to the stored article metadata. */
export function toArticleMeta(doc: Document, result: ReadabilityResult | null, readerable: boolean): ArticleMeta {
  const docDir = doc.documentElement.getAttribute('dir')?.toLowerCase();
  const dirOf = (d: string | null | undefined) => (d === 'rtl' || d === 'ltr' ? d : null);
  const lang = clean(result?.lang ?? doc.documentElement.getAttribute('lang'), 50);
  if (!result) {
    return {
      title: clean(doc.title, 2000) ?? '',
      byline: null,
      siteName: null,
      publishedTime: null,
      lang,
      dir: dirOf(docDir),
      excerpt: null,
      kind: 'page',
    };
  }
  return {
    title: clean(result.title, 2000) ?? clean(doc.title, 2000) ?? '',
    byline: clean(result.byline, 2000),
    siteName: clean(result.siteName, 500),
    publishedTime: clean(result.publishedTime, 100),
    lang,
    dir: dirOf(result.dir?.toLowerCase()) ?? dirOf(docDir),
    excerpt: clean(result.excerpt, 5000),
    kind: readerable ? 'article' : 'page',
  };
}

/** Parses serialised page HTML as if it were at `url` (so relative links resolve). */
export function parseSnapshot(html: string, url: string, parser = new DOMParser()): Document {
  const doc = parser.parseFromString(html, 'text/html');
  const base = doc.createElement('base');
  base.href = url;
  doc.head.prepend(base);
  return doc;
}

/** Extracts article metadata from a parsed document. Readability modifies it: pass a copy. */
export function extractArticle(doc: Document): ArticleMeta {
  const readerable = isProbablyReaderable(doc);
  let result: ReadabilityResult | null = null;
  try {
    result = new Readability(doc).parse();
  } catch {
    result = null;
  }
  return toArticleMeta(doc, result, readerable);
}
