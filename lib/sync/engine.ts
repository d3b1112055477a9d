/**
 * Sync through CouchDB's replication protocol, with PouchDB's replicator (checkpoints, revision
 * trees, resumable batches) doing the talking. Dexie stays the source of truth; a local PouchDB
 * mirror holds the sealed copies (lib/sync/crypto.ts) that replicate with the server.
 *
 * One run (`syncOnce`):
 * 1. **Replicate** the mirror with the server both ways (one shot; a failure leaves Dexie as it was
 *    and the checkpoints where they were: the next run resumes).
 * 2. **Pull**: the mirror's changes since the last applied sequence, opened and applied to Dexie in
 *    one transaction per batch, merged with this device's changes not yet sent. Conflicting
 *    revisions (two devices sent edits of the same record while apart) are merged by the written
 *    rule and the losing revisions deleted, so the server converges.
 * 3. **Push**: every record whose stamp differs from its sync state (or that has none) — this
 *    device's edits, and the merges just made — is sealed into the mirror; a record gone from Dexie
 *    becomes a tombstone (`_deleted`, still sealed: which record, when). Batches of BATCH. Then the
 *    mirror is replicated again.
 *
 * The merge rules (README "Sync"): the same highlight edited on two devices — the later edit's type,
 * status and source link, tags united, both notes kept (lib/merge.ts); the same passage highlighted
 * on two devices under two ids — one highlight, the earlier id; the same article under two ids (by
 * URL) — one article, the earlier id, its highlights moved to it; a delete against an edit not yet
 * synced (made while apart) — the edit wins and the highlight comes back, as CouchDB itself prefers
 * a live revision to a deleted one; a delete otherwise propagates; an article still holding
 * highlights is never deleted. A record written by a
 * newer Marginalia (`v` above SYNC_VERSION) is neither applied nor written over.
 */

import { mergeHighlights } from '../merge';
import type { Article, Highlight } from '../schema';
import type { SyncRow } from '../store/db';
import type { SyncWrite } from '../store/sync-records';
import { apply, Local } from './apply';
import { opaqueId, open, type Sealed, type SyncKeys, seal } from './crypto';
import { localChanges, mergeArticles, type Payload, type RowInfo, SYNC_VERSION, type SyncedArticle } from './records';

/** Records sealed or applied per batch (a service worker's run stays short). */
export const BATCH = 200;
/** Documents per request when the mirror replicates with the server. */
export const REPLICATION_BATCH = 500;
/** The document every device opens to prove its passphrase. */
export const KEYCHECK_ID = 'marginalia-keycheck';

/** A sealed document as the mirror and the server hold it. */
export interface SyncDoc extends Sealed {
  _id: string;
  _rev?: string;
  _deleted?: boolean;
  _conflicts?: string[];
  v: number;
}

/** What the engine uses of a PouchDB database (pouchdb-core with the replication plugin). */
export interface PouchLike {
  allDocs(options: { keys: string[] }): Promise<{ rows: ({ value?: { rev: string; deleted?: boolean } } | object)[] }>;
  bulkDocs(docs: SyncDoc[]): Promise<({ ok: true; id: string; rev: string } | { error: unknown })[]>;
  get(id: string, options?: { open_revs: 'all' }): Promise<unknown>;
  put(doc: object): Promise<{ ok: boolean; id: string; rev: string }>;
  changes(options: {
    since: string | number;
    include_docs: true;
    conflicts: true;
    limit: number;
  }): Promise<{ results: { id: string; doc?: unknown }[]; last_seq: string | number }>;
  sync(remote: PouchLike, options: { batch_size: number; batches_limit: number }): Promise<unknown>;
  info(): Promise<{ update_seq: string | number }>;
}

/** The database side (lib/store/sync-records.ts). */
export interface SyncStore {
  syncSnapshot(): Promise<{ articles: Article[]; highlights: Highlight[]; rows: SyncRow[] }>;
  /** One sync state row (the pull reads its `seq` before deciding whether it needs the snapshot). */
  syncRow(key: string): Promise<SyncRow | undefined>;
  applySync(w: SyncWrite): Promise<void>;
}

/** What a run did, for the status line. */
export interface SyncReport {
  pushed: number;
  pulled: number;
  merged: number;
  deleted: number;
  /** Records written by a newer Marginalia, left alone. */
  newer: number;
  /** Where the run's time went, ms: sealing into the mirror, replicating, applying here. */
  ms: { push: number; replicate: number; pull: number };
}

/** What a run needs. `mirror` and `remote` are PouchDB databases. */
export interface SyncContext {
  store: SyncStore;
  keys: SyncKeys;
  mirror: PouchLike;
  remote: PouchLike;
  now?: () => number;
}

/**
 * Records that changed since their last sync, sealed into the mirror; returns how many. `pulledTo`
 * is where the pull left the mirror's changes: when nothing came after it before this push, every
 * change the push adds is its own, and the applied sequence moves past them, so the next run's pull
 * does not read the whole library to recognise them.
 */
async function push(ctx: SyncContext, pulledTo: string | number): Promise<number> {
  const before = (await ctx.mirror.info()).update_seq;
  const snapshot = await ctx.store.syncSnapshot();
  const state = new Map(snapshot.rows.map((r) => [r.key, r as RowInfo]));
  const out = localChanges(snapshot, (ctx.now ?? Date.now)());
  const newer = new Set([...state.values()].filter((r) => r.key.startsWith('newer:')).map((r) => r.opaque));
  for (let i = 0; i < out.length; i += BATCH) {
    const all = out.slice(i, i + BATCH);
    const allIds = await Promise.all(all.map(async (o) => state.get(o.key)?.opaque ?? opaqueId(ctx.keys, o.key)));
    // A record a newer Marginalia wrote is left as it is on the server.
    const batch = all.filter((_, j) => !newer.has(allIds[j]));
    const ids = allIds.filter((id) => !newer.has(id));
    const existing = await ctx.mirror.allDocs({ keys: ids });
    const docs: SyncDoc[] = await Promise.all(
      batch.map(async (o, j) => {
        const id = ids[j] as string;
        const row = existing.rows[j] as { value?: { rev: string } } | undefined;
        const rev = row?.value?.rev;
        return {
          _id: id,
          ...(rev ? { _rev: rev } : {}),
          ...(o.gone ? { _deleted: true } : {}),
          v: SYNC_VERSION,
          ...(await seal(ctx.keys, o.payload, id)),
        };
      }),
    );
    const results = await ctx.mirror.bulkDocs(docs);
    const rowPuts: SyncRow[] = [];
    results.forEach((r, j: number) => {
      const o = batch[j];
      if (!o || !('ok' in r) || !r.ok) return;
      rowPuts.push({ key: o.key, opaque: ids[j], rev: r.rev, stamp: o.stamp, gone: o.gone });
    });
    await ctx.store.applySync({ rowPuts });
  }
  if (out.length && String(before) === String(pulledTo)) {
    await ctx.store.applySync({ rowPuts: [{ key: 'seq', value: (await ctx.mirror.info()).update_seq }] });
  }
  return out.length;
}

/** Opens a document; null when it cannot be (not ours, no content). */
async function openDoc(keys: SyncKeys, doc: SyncDoc): Promise<Payload | null> {
  if (typeof doc.iv !== 'string' || typeof doc.ct !== 'string') return null;
  return (await open(keys, doc, doc._id)) as Payload;
}

/**
 * Merges a document's conflicting revisions into one (the written rule), writes it on the winning
 * revision and deletes the others; returns the merged content and its revision.
 */
async function resolve(ctx: SyncContext, doc: SyncDoc): Promise<{ payload: Payload; rev: string } | 'newer' | null> {
  const leaves = (await ctx.mirror.get(doc._id, { open_revs: 'all' })) as unknown as { ok?: SyncDoc }[];
  // A newer Marginalia's revision among them: that version resolves it, not this one.
  if (leaves.some((l) => l.ok && typeof l.ok.v === 'number' && l.ok.v > SYNC_VERSION)) return 'newer';
  const opened: Payload[] = [];
  for (const leaf of leaves) {
    if (!leaf.ok) continue;
    const p = await openDoc(ctx.keys, leaf.ok);
    if (p) opened.push(p);
  }
  const highlights = opened.filter((p) => p.kind === 'highlight').map((p) => p.record as Highlight);
  const articles = opened.filter((p) => p.kind === 'article').map((p) => p.record as SyncedArticle);
  let payload: Payload | null = null;
  if (highlights.length) payload = { kind: 'highlight', record: highlights.reduce((a, b) => mergeHighlights(a, b)) };
  else if (articles.length) payload = { kind: 'article', record: articles.reduce((a, b) => mergeArticles(a, b)) };
  if (!payload) return null;
  const sealed = await seal(ctx.keys, payload, doc._id);
  const put = await ctx.mirror.put({ _id: doc._id, _rev: doc._rev, v: SYNC_VERSION, ...sealed });
  const losers = (doc._conflicts ?? []).map((rev) => ({ _id: doc._id, _rev: rev, _deleted: true, v: SYNC_VERSION }));
  if (losers.length) await ctx.mirror.bulkDocs(losers as SyncDoc[]);
  return { payload, rev: put.rev };
}

/**
 * Applies the mirror's changes since the last applied sequence (counted in `report.pulled`); returns
 * the sequence it got to. The library is read only when the mirror has changes to look at: a run
 * that brings nothing reads one row, not every record.
 */
async function pull(ctx: SyncContext, report: SyncReport): Promise<string | number> {
  let since: string | number = ((await ctx.store.syncRow('seq'))?.value as string | number | undefined) ?? 0;
  let local: Local | undefined;
  let applied = 0;
  for (;;) {
    const changes = await ctx.mirror.changes({ since, include_docs: true, conflicts: true, limit: BATCH });
    if (changes.results.length === 0) break;
    local ??= new Local(await ctx.store.syncSnapshot());
    for (const change of changes.results) {
      const doc = change.doc as SyncDoc | undefined;
      if (!doc || doc._id === KEYCHECK_ID || doc._id.startsWith('_design/')) continue;
      if (typeof doc.v === 'number' && doc.v > SYNC_VERSION) {
        // Written by a newer Marginalia: not applied, and never written over from here.
        report.newer++;
        local.row({ key: `newer:${doc._id}`, opaque: doc._id, rev: doc._rev });
        continue;
      }
      if (local.byOpaque.get(doc._id)?.rev === doc._rev && !doc._conflicts?.length) continue; // our own write
      let payload: Payload | null;
      let rev = doc._rev as string;
      if (doc._conflicts?.length) {
        const resolved = await resolve(ctx, doc);
        if (resolved === 'newer') {
          report.newer++;
          local.row({ key: `newer:${doc._id}`, opaque: doc._id, rev: doc._rev });
          continue;
        }
        if (!resolved) continue;
        payload = resolved.payload;
        rev = resolved.rev;
      } else payload = await openDoc(ctx.keys, doc);
      if (!payload) continue;
      apply(local, payload, doc._id, rev, report);
      applied++;
    }
    since = changes.last_seq;
    local.row({ key: 'seq', value: since });
    await ctx.store.applySync(local.flush());
  }
  report.pulled += applied;
  return since;
}

/**
 * Opens the server's check document with these keys, or creates it (the first device). Throws
 * WrongPassphrase when the keys do not open it; nothing is written then.
 */
export async function ensureKeycheck(
  remote: PouchLike,
  check: (sealed: Sealed) => Promise<void>,
  create: () => Promise<Omit<SyncDoc, '_id'>>,
): Promise<void> {
  try {
    const doc = (await remote.get(KEYCHECK_ID)) as unknown as { check: Sealed };
    await check(doc.check);
  } catch (e) {
    if ((e as { status?: number }).status !== 404) throw e;
    await remote.put({ _id: KEYCHECK_ID, ...(await create()) });
  }
}

/** One sync run: replicate, apply what came, send what changed here (see the module doc). */
export async function syncOnce(ctx: SyncContext): Promise<SyncReport> {
  const report: SyncReport = {
    pushed: 0,
    pulled: 0,
    merged: 0,
    deleted: 0,
    newer: 0,
    ms: { push: 0, replicate: 0, pull: 0 },
  };
  const timed = async <T>(part: keyof SyncReport['ms'], work: () => Promise<T>): Promise<T> => {
    const t = performance.now();
    try {
      return await work();
    } finally {
      report.ms[part] += Math.round(performance.now() - t);
    }
  };
  // Batches of 500 documents (sealed, ~1.2 KB each), four in flight: a first sync of 10,000
  // highlights to an empty device took 31–38 s against 46–58 s with PouchDB's default of 100
  // (scratch runs of the benchmark's sync part, two each, interleaved).
  const replicate = () =>
    timed('replicate', () => ctx.mirror.sync(ctx.remote, { batch_size: REPLICATION_BATCH, batches_limit: 4 }));
  // What the other devices did first, merged into this device's unsent changes; then this device's.
  await replicate();
  const pulledTo = await timed('pull', () => pull(ctx, report));
  const pushed = await timed('push', () => push(ctx, pulledTo));
  report.pushed += pushed;
  // Once more when the mirror took anything this run: this device's edits and the merges of
  // conflicts reach the server now, not at the next run; and what was pulled is checked against
  // the server in the mirror's own outgoing direction now, so its checkpoint is in step (after a
  // first sync of 10,000 highlights that check took the next run's replication 5.7–6.9 s). Every
  // merge happens while applying a pulled document, so `pulled` counts it too.
  if (pushed || report.pulled) await replicate();
  return report;
}

/** How many records changed here since they were last synced (the status line's "pending"). */
export async function pendingCount(store: SyncStore): Promise<number> {
  return localChanges(await store.syncSnapshot(), 0).length;
}
