/**
 * How the repository reaches the database when storage can fail: every operation is retried once
 * on a fresh connection after a storage failure, and every write is refused first, in words, when
 * the disk is nearly full (./storage-room.ts). Kept apart from the repository's record rules.
 */

import { writeErrorKind } from '../write-errors';
import type { MarginaliaDB } from './db';
import { HighlightTable } from './highlight-table';

export class GuardedAccess {
  /** The stored highlights: every read and write of them goes through here (./highlight-table.ts). */
  protected readonly highlights: HighlightTable;
  /** One reopening at a time: concurrent failures share it (a second close would cancel the open). */
  private reopening: Promise<void> | null = null;

  constructor(
    /** The database: only the store's classes reach it (components and the background ask the repository). */
    protected readonly db: MarginaliaDB,
    /** Throws when there is too little room to write safely. */
    private readonly room: () => Promise<void>,
  ) {
    this.highlights = new HighlightTable(db);
  }

  /**
   * Runs one database operation. When the browser's storage failed under it, the connection can stay
   * unusable even once the cause is gone (seen in Chromium after a full disk: every later write
   * failed until the browser restarted), so the database is opened afresh and the operation tried
   * once more. A full disk still fails, and says so; after space is freed, writes resume at once.
   */
  protected async run<T>(operation: () => Promise<T>): Promise<T> {
    try {
      return await operation();
    } catch (e) {
      const kind = writeErrorKind(e);
      if (kind !== 'storage' && kind !== 'quota') throw e;
      try {
        await this.reopen();
      } catch {
        throw e;
      }
      return operation();
    }
  }

  /** Runs a write: refused first, in words, when the disk is nearly full. */
  protected async write<T>(operation: () => Promise<T>): Promise<T> {
    await this.room();
    return this.run(operation);
  }

  private reopen(): Promise<void> {
    this.reopening ??= (async () => {
      try {
        this.db.close();
        await this.db.open();
      } finally {
        this.reopening = null;
      }
    })();
    return this.reopening;
  }
}
