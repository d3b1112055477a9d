/**
 * The database side of sync (lib/sync/engine.ts): a snapshot of everything with its sync state, and
 * one transaction that applies a batch of synced changes — records and their sync state together,
 * so a batch is in whole or not at all. The repository extends this.
 */
import { check } from '../records';
import { Article, Highlight } from '../schema';
import { BackupRecords } from './backup-store';
import type { SyncRow } from './db';

/** One batch of changes from sync, applied in one transaction. */
export interface SyncWrite {
  articlePuts?: Article[];
  articleDeletes?: string[];
  highlightPuts?: Highlight[];
  highlightDeletes?: string[];
  rowPuts?: SyncRow[];
  rowDeletes?: string[];
}

export class SyncRecords extends BackupRecords {
  /** Every article, highlight and sync state row, read in one transaction. */
  async syncSnapshot(): Promise<{ articles: Article[]; highlights: Highlight[]; rows: SyncRow[] }> {
    return this.run(() =>
      this.db.transaction('r', this.db.articles, ...this.highlights.tables, this.db.syncState, async () => ({
        articles: await this.db.articles.toArray(),
        highlights: await this.highlights.all(),
        rows: await this.db.syncState.toArray(),
      })),
    );
  }

  /** Applies one batch from sync: validated records and their sync state, all or nothing. */
  async applySync(w: SyncWrite): Promise<void> {
    const articles = (w.articlePuts ?? []).map((a) => check(Article, a));
    const highlights = (w.highlightPuts ?? []).map((h) => check(Highlight, h));
    await this.write(() =>
      this.db.transaction('rw', this.db.articles, ...this.highlights.tables, this.db.syncState, async () => {
        await this.highlights.bulkDelete(w.highlightDeletes ?? []);
        if (w.articleDeletes?.length) await this.db.articles.bulkDelete(w.articleDeletes);
        if (articles.length) await this.db.articles.bulkPut(articles);
        await this.highlights.bulkPut(highlights);
        if (w.rowDeletes?.length) await this.db.syncState.bulkDelete(w.rowDeletes);
        if (w.rowPuts?.length) await this.db.syncState.bulkPut(w.rowPuts);
      }),
    );
  }

  /** One sync state row (the configuration, the sequence), if stored. */
  async syncRow(key: string): Promise<SyncRow | undefined> {
    return this.run(() => this.db.syncState.get(key));
  }

  /** Stores one sync state row. */
  async putSyncRow(row: { key: string }): Promise<void> {
    await this.write(() => this.db.syncState.put(row as SyncRow));
  }

  /** Forgets everything sync knew (Stop syncing): the articles and highlights stay. */
  async clearSyncState(): Promise<void> {
    await this.run(() => this.db.syncState.clear());
  }
}
