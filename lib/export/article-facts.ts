/**
 * What every export says about an article, read the same way by all of them: its authors from the
 * byline, its published date as parts, and the web address to cite. Pure.
 */
import { looseText as loose } from '../credits';
import type { Article, ArticleMeta } from '../schema';
import { sameHost } from '../url';

/** A name as CSL writes it: family and given, or kept whole (`literal`). */
export interface CslName {
  family?: string;
  given?: string;
  literal?: string;
}

/** Languages that write the family name first: bylines there are kept whole, never reordered. */
const FAMILY_FIRST = /^(vi|zh|ja|ko|hu|km|my)\b/i;
/** Words that mark a byline as an organisation or desk rather than a person. */
const ORGANISATION =
  /\b(staff|news|desk|team|editor(s|ial)?|reporters?|agency|press|reuters|associated|bureau|service|correspondents?)\b/i;

/**
 * Authors from a byline: "By Jane Doe and John Smith" → Doe, Jane; Smith, John. Names of
 * family-first languages, organisations and anything unusual stay whole (`literal`).
 */
export function parseByline(byline: string | null, lang: string | null = null): CslName[] {
  if (!byline) return [];
  const cleaned = byline
    .replace(/\s+/g, ' ')
    .replace(/^\s*(by|bởi|von|par|por|di)\s+/i, '')
    // "Martin Untersinger (avec Damien Leloup et Morgane Tual)": the bracket lists more authors.
    .replace(/\s*\((?:avec|with|con|mit|và|and)\s+([^)]*)\)/giu, ', $1')
    .replace(/\s*[|·•–—].*$/, '')
    .trim();
  if (!cleaned) return [];
  const names = cleaned
    // Words between names need spaces around them (\b is ASCII-only: it cannot see the end of "và").
    .split(/\s*(?:,|;|&|、)\s*|\s+(?:and|và|und|et)\s+/iu)
    .map((n) => n.trim())
    .filter(Boolean);
  return names.map((name): CslName => {
    const words = name.split(' ');
    const western = /^[\p{Script=Latin}.'’-]+$/u;
    if (
      (lang && FAMILY_FIRST.test(lang)) ||
      ORGANISATION.test(name) ||
      words.length < 2 ||
      words.length > 4 ||
      !words.every((w) => western.test(w))
    ) {
      return { literal: name };
    }
    return { family: words[words.length - 1] as string, given: words.slice(0, -1).join(' ') };
  });
}

/** What sites put between a headline and their own name: | - – — : · • » with spaces around. */
const TITLE_SEPARATOR = /\s+[|\-–—:·•»]\s+/;
/** Section names sites put between a headline and their name ("… | Environment | The Guardian"). */
const SECTION_WORDS = 3;

/** The byline's authors as people write them: "Jane Q. Doe", or a name kept whole. */
export function authorNames(byline: string | null, lang: string | null = null): string[] {
  return parseByline(byline, lang).map((n) => n.literal ?? [n.given, n.family].filter(Boolean).join(' '));
}

/** True when two names are the same but for case, width, spacing or a leading "By". */
export function sameName(a: string, b: string): boolean {
  return loose(a) === loose(b);
}

type Credited = Pick<ArticleMeta, 'byline' | 'lang'> & { authors?: string[] | null | undefined };

/** The names to cite: those extraction found (lib/credits.ts), or on older records the byline's. */
export function citedNames(article: Credited): string[] {
  return article.authors ?? authorNames(article.byline, article.lang);
}

/** The authors to cite as CSL names (see {@link citedNames}). */
export function citedAuthors(article: Credited): CslName[] {
  if (!article.authors) return parseByline(article.byline, article.lang);
  return article.authors.map((name) => parseByline(name, article.lang)[0] ?? { literal: name });
}

/** Any separator a site puts around its name, spaced or not ("-新华网", "_科技_腾讯网", "　：日経"). */
const ANY_SEPARATOR = /[ \u3000]*[|\-–—:·•»_／｜：－~][ \u3000]*/gu;

/** A title compared without any spacing (CJK titles space differently in `<title>` and og:title). */
function compact(text: string): string {
  return loose(text).replace(/\s+/g, '');
}

/**
 * The headline the page gives for its document title: when the title is one of the page's own
 * headlines (og:title, JSON-LD headline, its h1) with more around it after a separator
 * ("短缺药品…需求-新华网", "NEWS WEB EASY|子どもへの…"), that headline part of the title; else null.
 */
export function pageHeadline(title: string, headlines: readonly string[]): string | null {
  const whole = title.replace(/\s+/g, ' ').trim();
  // The headline is most of the title: a short element ("Xbox") never cuts "Xbox: the best console".
  const size = compact(whole).length;
  const wanted = new Set(headlines.map(compact).filter((h) => h && h !== compact(whole) && h.length * 2 > size));
  if (!wanted.size) return null;
  for (const m of whole.matchAll(ANY_SEPARATOR)) {
    const start = m.index ?? 0;
    const before = whole.slice(0, start).trim();
    const after = whole.slice(start + m[0].length).trim();
    if (before && wanted.has(compact(before))) return before;
    if (after && wanted.has(compact(after))) return after;
  }
  return null;
}

/**
 * The title to cite: the page's own headline when extraction found its `<title>` adds to it (see
 * {@link pageHeadline}); else the title without a prefix that is the site's name, or the suffix a
 * site adds — its own name, the byline or an author (" | Eleanor Ainge Roy", " - 毎日新聞",
 * " : 뉴스 : 동아닷컴") with any short section names between them. A part is only cut when it repeats
 * the site or an author; the stored title stays as Readability gave it.
 */
export function citationTitle(
  title: string,
  siteName: string | null,
  byline: string | null,
  lang: string | null = null,
  headline: string | null = null,
): string {
  if (headline?.trim()) return headline.replace(/\s+/g, ' ').trim();
  const whole = title.replace(/\s+/g, ' ').trim();
  if (siteName) {
    const site = /^[^|\-–—:·•»_／｜：－~]+/u.exec(whole)?.[0] ?? '';
    const rest = whole.slice(site.length).replace(/^[ \u3000]*[|\-–—:·•»_／｜：－~][ \u3000]*/u, '');
    if (rest && rest !== whole.slice(site.length) && compact(site) === compact(siteName)) return rest.trim();
  }
  const parts = whole.split(TITLE_SEPARATOR);
  if (parts.length < 2) return whole;
  const known = [siteName, byline, ...authorNames(byline, lang)].filter((x): x is string => !!x?.trim()).map(loose);
  const repeats = (part: string) => {
    const p = loose(part);
    return known.some((k) => k === p || (k.length >= 4 && p.length >= 4 && (k.includes(p) || p.includes(k))));
  };
  const isSection = (part: string) => part.trim().split(/\s+/).length <= SECTION_WORDS;
  for (let i = 1; i < parts.length; i++) {
    const tail = parts.slice(i);
    if (tail.some(repeats) && tail.every((p) => repeats(p) || isSection(p))) {
      // Cut at the separator before part i, keeping the headline's own separators.
      let cut = 0;
      for (let k = 0; k < i; k++) cut = whole.indexOf(parts[k] as string, cut) + (parts[k] as string).length;
      return whole.slice(0, cut).trim();
    }
  }
  return whole;
}

/** The title to cite for a stored article (see {@link citationTitle}). */
export function citedTitle(article: Credited & Pick<ArticleMeta, 'title' | 'siteName'> & { headline?: string | null }) {
  return citationTitle(article.title, article.siteName, article.byline, article.lang, article.headline ?? null);
}

/** Year, month, day of a published date as given (ISO or anything Date parses); null if none. */
export function dateParts(value: string | null): [number, number?, number?] | null {
  if (!value) return null;
  const iso = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(value.trim());
  if (iso) {
    const parts: [number, number?, number?] = [Number(iso[1])];
    const month = Number(iso[2]);
    const day = Number(iso[3]);
    // A month or day out of range is not kept: the value came from the page.
    if (month >= 1 && month <= 12) {
      parts.push(month);
      if (day >= 1 && day <= 31) parts.push(day);
    }
    return parts;
  }
  const t = Date.parse(value);
  if (Number.isNaN(t)) return null;
  const d = new Date(t);
  return [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
}

/**
 * The web address to cite: the canonical URL the page declares when it is a web address on the
 * page's own host (stricter than article identity's same site: a page on evil.example, or on
 * mallory.github.io, cannot make itself cited as nytimes.com or alice.github.io), else the page's own.
 */
export function citeUrl(article: Article): string {
  const canonical = article.canonicalUrl;
  return canonical && /^https?:\/\//i.test(canonical) && sameHost(article.url, canonical) ? canonical : article.url;
}
