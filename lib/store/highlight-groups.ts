/**
 * How highlights are stored: one record per article, holding its highlights as they are, with their
 * ids and tags beside them for the indexes (a highlight found by id; the library's tag list and a
 * tag renamed everywhere). IndexedDB's cost is per record, not per byte: 100,000 highlights put as
 * 100,000 records took 17–20 s, as their 10,000 articles' records ~6 s (`npm run bench`'s restore
 * floors, Chromium, 2026-12-03).
 */
import type { Highlight } from '../schema';

/** One article's highlights, as stored (table articleHighlights, lib/store/db.ts). */
export interface ArticleHighlights {
  articleId: string;
  /** Its highlights' ids (a multi-entry index). */
  ids: string[];
  /** Its highlights' tags, each once (a multi-entry index). */
  tags: string[];
  highlights: Highlight[];
}

/** The stored record of an article's highlights (there is none for an article without any). */
export function groupOf(articleId: string, highlights: Highlight[]): ArticleHighlights {
  const tags = new Set<string>();
  for (const h of highlights) for (const t of h.tags) tags.add(t);
  return { articleId, ids: highlights.map((h) => h.id), tags: [...tags], highlights };
}

/**
 * How many highlights are stored and how many carry each tag, kept beside the records and changed in
 * the same transaction as them (table highlightTallies, one record). The library's count and the
 * sidebar's tag list read this one record: counting through the ids index, or walking the tags
 * index, took Chromium 1.1–1.6 s and 0.6–0.7 s at 100,000 highlights in 10,000 articles' records
 * (its index walks read the records), and IndexedDB answered nothing else of the extension
 * meanwhile: a sidebar opened then waited a second (`npm run bench:scale`, 2026-12-03/04).
 */
export interface HighlightTallies {
  key: 'highlights';
  count: number;
  /** Each tag in use and how many highlights carry it (pairs: a tag may be any string). */
  tags: [string, number][];
}

/** What these highlights add to the tallies (a highlight counted once, each of its tags once). */
export function tallyOf(lists: Iterable<readonly Highlight[]>): { count: number; tags: Map<string, number> } {
  let count = 0;
  const tags = new Map<string, number>();
  for (const list of lists) {
    count += list.length;
    for (const h of list) for (const t of new Set(h.tags)) tags.set(t, (tags.get(t) ?? 0) + 1);
  }
  return { count, tags };
}

/** The tallies of these highlights, all there are (a table's first). */
export function talliesOf(lists: Iterable<readonly Highlight[]>): HighlightTallies {
  return nextTallies(undefined, tallyOf([]), tallyOf(lists));
}

/** The tallies after highlights tallied `before` became those tallied `after` (tags none carry dropped). */
export function nextTallies(
  stored: HighlightTallies | undefined,
  before: ReturnType<typeof tallyOf>,
  after: ReturnType<typeof tallyOf>,
): HighlightTallies {
  const tags = new Map(stored?.tags ?? []);
  for (const [t, n] of before.tags) tags.set(t, (tags.get(t) ?? 0) - n);
  for (const [t, n] of after.tags) tags.set(t, (tags.get(t) ?? 0) + n);
  return {
    key: 'highlights',
    count: (stored?.count ?? 0) - before.count + after.count,
    tags: [...tags].filter(([, n]) => n > 0),
  };
}

/**
 * Puts the incoming highlights (by id) into the records read (`groups`, by article): each record
 * loses the incoming ids, but for one of its own article, replaced where it stood; the rest are
 * added at the end of their article's record (which `groups` must hold).
 */
export function placeIncoming(groups: Map<string, Highlight[]>, incoming: ReadonlyMap<string, Highlight>): void {
  const placed = new Set<string>();
  for (const [articleId, list] of groups) {
    const next: Highlight[] = [];
    for (const h of list) {
      const now = incoming.get(h.id);
      if (!now) next.push(h);
      else if (now.articleId === articleId && !placed.has(h.id)) {
        next.push(now);
        placed.add(h.id);
      }
    }
    groups.set(articleId, next);
  }
  for (const h of incoming.values()) if (!placed.has(h.id)) groups.get(h.articleId)?.push(h);
}

/**
 * A write's progress by the records written: told each written record's article ids, tells
 * `written` how many of the incoming highlights are in the records written so far.
 */
export function progressByArticle(
  incoming: Iterable<Highlight>,
  written: (done: number) => void,
): (articleIds: readonly string[]) => void {
  const ownCount = new Map<string, number>();
  for (const h of incoming) ownCount.set(h.articleId, (ownCount.get(h.articleId) ?? 0) + 1);
  let done = 0;
  return (articleIds) => {
    for (const id of articleIds) done += ownCount.get(id) ?? 0;
    written(done);
  };
}
