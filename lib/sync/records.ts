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

/** A row of sync state as the engine reads it (lib/store/db.ts `SyncRow`). */
export interface RowInfo {
  key: string;
  [field: string]: unknown;
  /** The record's opaque id on the server. */
  opaque?: string;
  /** The mirror revision last written or applied. */
  rev?: string;
  /** The stamp of what was last synced (see {@link stamp}). */
  stamp?: string;
  /** The record was deleted, and its tombstone synced. */
  gone?: boolean;
  /** alias rows: the article this one was merged into. */
  into?: string;
  /** seq row: the mirror's last applied change. */
  value?: string | number;
}

/** A record to send: its state key, what to seal, and its stamp ('' for a tombstone). */
export interface Change {
  key: string;
  payload: Payload;
  stamp: string;
  gone: boolean;
}

/**
 * What changed here since the last sync: every record whose stamp differs from its sync state (or
 * that has none, or came back after a delete), and a tombstone for every synced record gone since.
 */
export function localChanges(
  snapshot: { articles: readonly Article[]; highlights: readonly Highlight[]; rows: readonly { key: string }[] },
  now: number,
): Change[] {
  const state = new Map(snapshot.rows.map((r) => [r.key, r as RowInfo]));
  const out: Change[] = [];
  const live = new Set<string>();
  const consider = (key: string, payload: Payload & { record: unknown }) => {
    live.add(key);
    const s = stamp(payload.record);
    const row = state.get(key);
    if (!row || row.stamp !== s || row.gone) out.push({ key, payload, stamp: s, gone: false });
  };
  for (const a of snapshot.articles) consider(keyOf('article', a.id), { kind: 'article', record: syncedArticle(a) });
  for (const h of snapshot.highlights) consider(keyOf('highlight', h.id), { kind: 'highlight', record: h });
  for (const row of state.values()) {
    const m = /^([ah]):(.+)$/.exec(row.key);
    if (!m || live.has(row.key) || row.gone) continue;
    const of = m[1] === 'a' ? 'article' : 'highlight';
    out.push({ key: row.key, payload: { kind: 'gone', of, id: m[2] as string, at: now }, stamp: '', gone: true });
  }
  return out;
}
