/**
 * What sync sends of each record, and how it recognises a change: pure rules shared by the engine
 * and its tests.
 *
 * An article is sent without what only this device knows or needs (when it was last open here, when
 * it was extracted here, its baseline text copy and the changes last seen against it); a highlight is
 * sent whole. A record changed since its last sync when its stamp (a hash of what would be sent)
 * differs from the one stored with the sync state.
 */
import { fnv64 } from '../hash';
import { mergeNotes } from '../merge';
import type { Article, Highlight } from '../schema';

/** The version of what a synced record holds; a device never writes over a newer one. */
export const SYNC_VERSION = 1;

/** An article as synced: without this device's own fields. */
export type SyncedArticle = Omit<Article, 'lastSeenAt' | 'extractedAt' | 'baseline' | 'lastChanges'>;

/** What a synced document holds once opened. */
export type Payload =
  | { kind: 'highlight'; record: Highlight }
  | { kind: 'article'; record: SyncedArticle }
  /** A deleted record: which, and when. */
  | { kind: 'gone'; of: 'highlight' | 'article'; id: string; at: number };

export function syncedArticle(a: Article | SyncedArticle): SyncedArticle {
  const {
    lastSeenAt: _seen,
    extractedAt: _extracted,
    baseline: _baseline,
    lastChanges: _changes,
    ...rest
  } = a as Article;
  return rest;
}

/** The sync state key of a record. */
export const keyOf = (kind: 'highlight' | 'article', id: string) => `${kind === 'highlight' ? 'h' : 'a'}:${id}`;

/** A short hash of a value's JSON: equal records have equal stamps. */
export function stamp(value: unknown): string {
  return fnv64(JSON.stringify(value));
}

/** True when `a` comes first: earlier made, then the smaller id (the same choice on every device). */
export function madeFirst(a: { createdAt: number; id: string }, b: { createdAt: number; id: string }): boolean {
  return a.createdAt < b.createdAt || (a.createdAt === b.createdAt && a.id <= b.id);
}

/**
 * The same article from two devices, as one: the earlier one's id and creation time, the later
 * edit's fields, every URL of both, both page notes kept (later first).
 */
export function mergeArticles<A extends SyncedArticle>(a: A, b: SyncedArticle): A {
  const first = madeFirst(a, b) ? a : b;
  const later =
    a.updatedAt !== b.updatedAt ? a.updatedAt > b.updatedAt : stamp(syncedArticle(a)) >= stamp(syncedArticle(b));
  const laterEdit = later ? a : b;
  const earlierEdit = laterEdit === a ? b : a;
  return {
    ...a,
    ...laterEdit,
    id: first.id,
    createdAt: Math.min(a.createdAt, b.createdAt),
    updatedAt: Math.max(a.updatedAt, b.updatedAt),
    urls: [...new Set([...first.urls, ...a.urls, ...b.urls])].sort(),
    url: first.url,
    note: mergeNotes(laterEdit.note, earlierEdit.note),
  };
}
