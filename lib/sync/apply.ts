/**
 * Applying what other devices sent to this device's records, by the written rules (lib/sync/engine.ts
 * has them in words): the local records and sync state as a working copy, kept up to date as each
 * opened document applies, and flushed as one batch for one Dexie transaction. Pure.
 */
import { mergeHighlights, PassageIndex } from '../merge';
import type { Article, Highlight } from '../schema';
import type { SyncRow } from '../store/db';
import type { SyncWrite } from '../store/sync-records';
import type { SyncReport } from './engine';
import { keyOf, mergeArticles, type Payload, type RowInfo, stamp, syncedArticle } from './records';

/** A batch with nothing in it yet. */
const emptyWrite = (): Required<SyncWrite> => ({
  articlePuts: [],
  articleDeletes: [],
  highlightPuts: [],
  highlightDeletes: [],
  rowPuts: [],
  rowDeletes: [],
});

/** What the pull works on: the local records, kept up to date as changes apply. */
export class Local {
  articles: Map<string, Article>;
  highlights: Map<string, Highlight>;
  state: Map<string, RowInfo>;
  /** Sync state rows by the opaque id of their document. */
  byOpaque = new Map<string, RowInfo>();
  /** Highlight ids by article, and article ids by URL: found without a scan per change. */
  private byArticle = new Map<string, Set<string>>();
  private byUrl = new Map<string, string>();
  write = emptyWrite();

  constructor(snapshot: { articles: Article[]; highlights: Highlight[]; rows: SyncRow[] }) {
    this.articles = new Map(snapshot.articles.map((a) => [a.id, a]));
    this.highlights = new Map(snapshot.highlights.map((h) => [h.id, h]));
    this.state = new Map(snapshot.rows.map((r) => [r.key, r as RowInfo]));
    for (const r of this.state.values()) if (r.opaque) this.byOpaque.set(r.opaque, r);
    for (const h of this.highlights.values()) this.file(h);
    for (const a of this.articles.values()) for (const u of a.urls) this.byUrl.set(u, a.id);
  }

  private file(h: Highlight) {
    const set = this.byArticle.get(h.articleId) ?? new Set<string>();
    this.byArticle.set(h.articleId, set);
    set.add(h.id);
  }

  /** The highlights of an article. */
  highlightsOf(articleId: string): Highlight[] {
    const ids = this.byArticle.get(articleId);
    return ids ? [...ids].map((id) => this.highlights.get(id)).filter((h): h is Highlight => !!h) : [];
  }

  /** The stored article that has one of these URLs, if any. */
  articleWithUrl(urls: readonly string[]): Article | undefined {
    for (const u of urls) {
      const id = this.byUrl.get(u);
      const a = id ? this.articles.get(id) : undefined;
      if (a) return a;
    }
    return undefined;
  }

  putHighlight(h: Highlight) {
    const old = this.highlights.get(h.id);
    if (old && old.articleId !== h.articleId) this.byArticle.get(old.articleId)?.delete(h.id);
    this.highlights.set(h.id, h);
    this.file(h);
    this.write.highlightPuts.push(h);
  }
  deleteHighlight(id: string) {
    const old = this.highlights.get(id);
    if (old) this.byArticle.get(old.articleId)?.delete(id);
    this.highlights.delete(id);
    this.write.highlightDeletes.push(id);
  }
  putArticle(a: Article) {
    this.articles.set(a.id, a);
    for (const u of a.urls) this.byUrl.set(u, a.id);
    this.write.articlePuts.push(a);
  }
  deleteArticle(id: string) {
    this.articles.delete(id);
    this.write.articleDeletes.push(id);
  }
  row(row: RowInfo) {
    this.state.set(row.key, row);
    if (row.opaque) this.byOpaque.set(row.opaque, row);
    this.write.rowPuts.push(row);
  }
  /** The article an id now stands for (after merges of articles). */
  articleOf(id: string): string {
    let at = id;
    for (let i = 0; i < 10; i++) {
      const into = this.state.get(`alias:${at}`)?.into;
      if (!into) break;
      at = into;
    }
    return at;
  }
  changed(key: string, record: Highlight | Article): boolean {
    const row = this.state.get(key);
    const synced = 'target' in record ? record : syncedArticle(record);
    return !row || row.gone === true || row.stamp !== stamp(synced);
  }
  flush(): SyncWrite {
    const w = this.write;
    // Later puts of the same record replace earlier ones; a record put after its delete stays.
    const last = <T extends { id: string }>(list: T[]) => [...new Map(list.map((x) => [x.id, x])).values()];
    const rows = [...new Map(w.rowPuts.map((r) => [r.key, r])).values()];
    const out: SyncWrite = {
      articlePuts: last(w.articlePuts).filter((a) => this.articles.has(a.id)),
      articleDeletes: w.articleDeletes.filter((id) => !this.articles.has(id)),
      highlightPuts: last(w.highlightPuts).filter((h) => this.highlights.has(h.id)),
      highlightDeletes: w.highlightDeletes.filter((id) => !this.highlights.has(id)),
      rowPuts: rows,
    };
    this.write = emptyWrite();
    return out;
  }
}

/** Applies one opened document to the local records (the rules in the module doc). */
export function apply(local: Local, payload: Payload, opaque: string, rev: string, report: SyncReport): void {
  if (payload.kind === 'highlight') {
    const incoming = { ...payload.record, articleId: local.articleOf(payload.record.articleId) };
    const key = keyOf('highlight', incoming.id);
    const mine = local.highlights.get(incoming.id);
    const row: RowInfo = { key, opaque, rev, stamp: stamp(payload.record) };
    if (mine) {
      if (local.changed(key, mine)) {
        local.putHighlight(mergeHighlights(mine, incoming));
        report.merged++;
      } else local.putHighlight(incoming);
      local.row(row);
      return;
    }
    const passages = new PassageIndex(local.highlightsOf(incoming.articleId));
    const same = passages.find(incoming);
    if (same) {
      const merged = mergeHighlights(same, incoming);
      if (merged.id !== same.id) local.deleteHighlight(same.id);
      local.putHighlight(merged);
      report.merged++;
    } else local.putHighlight(incoming);
    local.row(row);
    return;
  }
  if (payload.kind === 'article') {
    const incoming = payload.record;
    const key = keyOf('article', incoming.id);
    const row: RowInfo = { key, opaque, rev, stamp: stamp(incoming) };
    const mine = local.articles.get(incoming.id);
    if (mine) {
      const next = local.changed(key, mine) ? mergeArticles(mine, incoming) : { ...mine, ...incoming };
      local.putArticle(next);
      local.row(row);
      return;
    }
    const other = local.articleWithUrl(incoming.urls);
    if (!other) {
      local.putArticle({ ...incoming, lastSeenAt: incoming.updatedAt, extractedAt: null });
      local.row(row);
      return;
    }
    // The same article under two ids: one article, the earlier id; the highlights move to it.
    const merged = mergeArticles(other, incoming);
    const lost = merged.id === other.id ? incoming.id : other.id;
    local.row({ key: `alias:${lost}`, into: merged.id });
    if (lost === other.id) {
      // Its highlights move to the kept article, merging with any of the same passage already there.
      const passages = new PassageIndex(local.highlightsOf(merged.id));
      for (const h of local.highlightsOf(other.id)) {
        const moved = { ...h, articleId: merged.id };
        const same = passages.find(moved);
        if (!same) {
          local.putHighlight(moved);
          passages.add(moved);
          continue;
        }
        const both = mergeHighlights(same, moved);
        local.deleteHighlight(both.id === same.id ? moved.id : same.id);
        local.putHighlight(both);
        passages.replace(same, both);
      }
      local.deleteArticle(other.id);
    }
    local.putArticle(merged);
    local.row(row);
    report.merged++;
    return;
  }
  // A deleted record.
  const key = keyOf(payload.of, payload.id);
  const row: RowInfo = { key, opaque, rev, gone: true, stamp: '' };
  if (payload.of === 'highlight') {
    const mine = local.highlights.get(payload.id);
    // An edit made here and not yet synced wins: the highlight stays and goes out again.
    if (mine && !local.changed(key, mine)) {
      local.deleteHighlight(payload.id);
      report.deleted++;
    }
  } else {
    const mine = local.articles.get(payload.id);
    const inUse = local.highlightsOf(payload.id).length > 0;
    if (mine && !inUse) {
      local.deleteArticle(payload.id);
      report.deleted++;
    }
  }
  local.row(row);
}
