/**
 * Rules for records, shared by the repository and the UI, touching no table: validation, article
 * order, tag normalisation, the provisional metadata of a new page, and what the page gets to paint.
 */
import { type ClaimTypeDef, claimStyle } from './claim-types';
import type { AnchorHint, ArticleMeta, Highlight, PaintItem } from './schema';
import { Tag } from './schema';
import { z } from './zod';

/** Thrown when a record would not be valid; the message says what is wrong, for a person. */
export class ValidationError extends Error {}

export function check<T>(schema: z.ZodMiniType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new ValidationError(z.prettifyError(parsed.error));
  return parsed.data;
}

/**
 * Article order: by position in the page's text, then by creation, then by id. A total order, so
 * two highlights made at one place in the same millisecond (an import, a sync) list alike whatever
 * order they were held in: in the library patched after a write as in one built afresh.
 */
export function byArticleOrder(a: Highlight, b: Highlight): number {
  return (
    a.target.selector[1].start - b.target.selector[1].start ||
    a.createdAt - b.createdAt ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

/** Tags trimmed, without empties and duplicates (compared case-insensitively), in input order. */
export function normaliseTags(tags: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of tags) {
    const tag = check(Tag, raw.normalize('NFC'));
    const key = tag.toLocaleLowerCase();
    if (!seen.has(key)) {
      seen.add(key);
      out.push(tag);
    }
  }
  return out;
}

/** The title a page gets before extraction: its tab title, else its URL. */
export function provisionalMeta(title: string, url: string): ArticleMeta {
  return {
    title: title.trim() || url,
    byline: null,
    siteName: null,
    publishedTime: null,
    lang: null,
    dir: null,
    excerpt: null,
    wordCount: null,
    textHash: null,
    canonicalUrl: null,
    kind: 'page',
  };
}

/** The page's view of highlights: never notes or tags. */
export function toPaintItems(
  highlights: readonly Highlight[],
  types: readonly ClaimTypeDef[],
  hints?: Readonly<Record<string, AnchorHint>>,
): PaintItem[] {
  return highlights.map((h) => {
    const hint = hints && Object.hasOwn(hints, h.id) ? hints[h.id] : undefined;
    return {
      id: h.id,
      slot: claimStyle(h.claimType, types).slot,
      selector: h.target.selector,
      ...(h.target.positionIn ? { positionIn: h.target.positionIn } : {}),
      ...(hint ? { hint } : {}),
    };
  });
}
