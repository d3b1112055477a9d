/**
 * What every export says about an article, read the same way by all of them: its authors from the
 * byline, its published date as parts, and the web address to cite. Pure.
 */
import type { Article } from '../schema';
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
    .replace(/\s*[|·•–—].*$/, '')
    .trim();
  if (!cleaned) return [];
  const names = cleaned
    .split(/\s*(?:,|;|&|\band\b|\bvà\b|、)\s*/i)
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
