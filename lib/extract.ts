/**
 * Article extraction with @mozilla/readability, run in an extension page on a parsed copy of the
 * page's HTML, so the page's own thread only pays for serialising its document.
 *
 * Readability's values are kept as it gives them (trimmed), so they match its own expectations on
 * real pages; gaps are filled from the document (`article:published_time`, JSON-LD
 * `datePublished`, `<html lang dir>`). A page that is not an article (Readability finds nothing,
 * or `isProbablyReaderable` says no) stays annotatable as a page with its document title.
 */
import { isProbablyReaderable, Readability } from '@mozilla/readability';
import { declaredCanonical } from './canonical';
import { creditedAuthors, type DocumentCredits, documentCredits } from './credits';
import { authorNames, pageHeadline } from './export/article-facts';
import { fnv64 } from './hash';
import type { ArticleMeta } from './schema';

/** Readability's result, as far as we use it. */
export interface ReadabilityResult {
  title?: string | null;
  byline?: string | null;
  siteName?: string | null;
  publishedTime?: string | null;
  lang?: string | null;
  dir?: string | null;
  excerpt?: string | null;
  content?: string | null;
  textContent?: string | null;
}

/** What one extraction gives: the stored metadata, plus the article body for the reader view. */
export interface Extraction {
  meta: ArticleMeta;
  /** Readability's article HTML (unsanitised: sanitise before showing it). */
  content: string | null;
  /** Whether `isProbablyReaderable` thought the page an article. */
  readerable: boolean;
}

function trimmed(value: string | null | undefined, max: number): string | null {
  const v = value?.trim();
  return v ? v.slice(0, max) : null;
}

function dirOf(value: string | null | undefined): 'ltr' | 'rtl' | null {
  const d = value?.trim().toLowerCase();
  return d === 'rtl' || d === 'ltr' ? d : null;
}

/** `article:published_time`, else the first JSON-LD `datePublished`, from the document. */
export function documentPublishedTime(doc: Document): string | null {
  const meta = doc.querySelector('meta[property="article:published_time"], meta[name="article:published_time"]');
  const fromMeta = trimmed(meta?.getAttribute('content'), 100);
  if (fromMeta) return fromMeta;
  for (const script of doc.querySelectorAll('script[type="application/ld+json"]')) {
    try {
      const found = findDatePublished(JSON.parse(script.textContent ?? ''));
      if (found) return found.slice(0, 100);
    } catch {
      // Broken JSON-LD is common; it just has no date for us.
    }
  }
  return null;
}

function findDatePublished(node: unknown, depth = 0): string | null {
  if (depth > 5 || node === null || typeof node !== 'object') return null;
  if (Array.isArray(node)) {
    for (const item of node) {
      const found = findDatePublished(item, depth + 1);
      if (found) return found;
    }
    return null;
  }
  const record = node as Record<string, unknown>;
  if (typeof record.datePublished === 'string' && record.datePublished.trim()) return record.datePublished.trim();
  return findDatePublished(record['@graph'], depth + 1);
}

/** Number of words in a text, counting each CJK character as a word (as readers of it do). */
export function countWords(text: string): number {
  const cjk = text.match(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu)?.length ?? 0;
  const rest = text.replace(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu, ' ');
  return cjk + (rest.match(/[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu)?.length ?? 0);
}

/** A short, stable fingerprint of the article's text (FNV-1a 64), to notice a later change. */
export function textHash(text: string): string {
  return fnv64(text.normalize('NFC').replace(/\s+/g, ' ').trim());
}

/** What is read from the document before Readability changes it (it removes scripts). */
export interface DocumentFacts {
  canonicalUrl: string | null;
  publishedTime: string | null;
  credits: DocumentCredits;
}

/** Reads the document's canonical URL, published time, headlines and credits. */
export function documentFacts(doc: Document): DocumentFacts {
  return {
    canonicalUrl: declaredCanonical(doc),
    publishedTime: documentPublishedTime(doc),
    credits: documentCredits(doc),
  };
}

/** Maps Readability's result (or its absence) to the stored article metadata. */
export function toArticleMeta(
  doc: Document,
  result: ReadabilityResult | null,
  readerable: boolean,
  facts: DocumentFacts = documentFacts(doc),
): ArticleMeta {
  const root = doc.documentElement;
  const lang = trimmed(result?.lang, 50) ?? trimmed(root.getAttribute('lang'), 50);
  const text = result?.textContent ?? doc.body?.textContent ?? '';
  const title = trimmed(result?.title, 2000) ?? trimmed(doc.title, 2000) ?? '';
  const byline = trimmed(result?.byline, 2000);
  const siteName = trimmed(result?.siteName, 500);
  return {
    title,
    byline,
    siteName,
    publishedTime: trimmed(result?.publishedTime, 100) ?? facts.publishedTime,
    lang,
    dir: dirOf(result?.dir) ?? dirOf(root.getAttribute('dir')),
    excerpt: trimmed(result?.excerpt, 5000),
    wordCount: countWords(text),
    textHash: textHash(text),
    canonicalUrl: facts.canonicalUrl,
    // Not an article (Readability found none, or doubts it): still annotatable, as a page.
    kind: result && readerable ? 'article' : 'page',
    headline: pageHeadline(title, facts.credits.headlines),
    authors: creditedAuthors(facts.credits, {
      byline,
      bylineNames: authorNames(byline, lang),
      siteName,
      title: doc.title || title,
      text,
    }).map((a) => a.slice(0, 200)),
  };
}

/** Attributes that hold one address, and those that hold a list of them (srcset). */
const URL_ATTRIBUTES = [
  ['a', 'href'],
  ['img', 'src'],
  ['source', 'src'],
  ['video', 'src'],
  ['video', 'poster'],
  ['audio', 'src'],
  ['track', 'src'],
] as const;
const SRCSET = 'img[srcset], source[srcset]';

/**
 * Parses serialised page HTML as if it were at `url`: every relative address in it (links, images,
 * sources, srcset) is resolved against the page's own base. A `<base>` element alone is not enough:
 * Chromium resolves a DOMParser document's addresses against the extension page that parsed it.
 */
export function parseSnapshot(html: string, url: string, parser = new DOMParser()): Document {
  const doc = parser.parseFromString(html, 'text/html');
  // The page's own <base href>, if it has one, else its URL.
  let baseUrl = url;
  try {
    const declared = doc.querySelector('base[href]')?.getAttribute('href');
    if (declared) baseUrl = new URL(declared, url).href;
  } catch {
    // An unreadable <base>: the page's URL.
  }
  const resolve = (value: string) => {
    const v = value.trim();
    if (!v || v.startsWith('#') || /^(data|blob|javascript|mailto|tel):/i.test(v)) return value;
    try {
      return new URL(v, baseUrl).href;
    } catch {
      return value;
    }
  };
  for (const [tag, attribute] of URL_ATTRIBUTES) {
    for (const el of doc.querySelectorAll(`${tag}[${attribute}]`)) {
      el.setAttribute(attribute, resolve(el.getAttribute(attribute) ?? ''));
    }
  }
  for (const el of doc.querySelectorAll(SRCSET)) {
    const candidates = (el.getAttribute('srcset') ?? '').split(/,\s+/).map((c) => {
      const [address = '', ...descriptor] = c.trim().split(/\s+/);
      return [resolve(address), ...descriptor].join(' ');
    });
    el.setAttribute('srcset', candidates.join(', '));
  }
  const base = doc.createElement('base');
  base.href = baseUrl;
  doc.head.prepend(base);
  return doc;
}

/** Extracts the article from a parsed document. Readability modifies it: pass a copy. */
export function extractArticle(doc: Document): Extraction {
  const readerable = isProbablyReaderable(doc);
  const facts = documentFacts(doc);
  let result: ReadabilityResult | null = null;
  try {
    result = new Readability(doc).parse();
  } catch {
    result = null;
  }
  return { meta: toArticleMeta(doc, result, readerable, facts), content: result?.content ?? null, readerable };
}
