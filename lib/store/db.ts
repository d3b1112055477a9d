/**
 * The one Dexie database, in the extension's own origin (background and extension pages; never a
 * web page's IndexedDB, which page scripts could read).
 *
 * Schema versions. CURRENT_SCHEMA_VERSION is the newest. The rule: every change to the stored shape
 * or to the indexes adds a `version(n)` with an `.upgrade()` that rewrites old records, and a test in
 * tests/unit/db-migrations.test.ts that opens a database made by every earlier version, filled with
 * realistic records, and checks every record after the upgrade.
 *
 * v1: articles (id, *urls, updatedAt), highlights (id, articleId, updatedAt, claimType, *tags).
 * v2: articles gain wordCount, textHash, canonicalUrl (null until the next extraction) and
 *     lastSeenAt (from updatedAt).
 * v3: highlights gain status and sourceUrl (null); articles gain a page-level note (''); a settings
 *     table (one record, key 'settings': claim types and UI language).
 * v4: fewer highlight indexes.
 * v5: a syncState table (lib/store/sync-records.ts): what was last synced of each record, the sync
 *     configuration and the replication sequence. Empty until sync is turned on; records unchanged.
 * v6: highlights stored one record per article (articleHighlights: the article's id, its highlights'
 *     ids and tags as multi-entry indexes, and its highlights, each as it was), copied from the
 *     highlights table. IndexedDB's cost is per record: a 100,000-highlight restore put 100,000
 *     records (17–20 s) where 10,000 now do (~6 s) (lib/store/highlight-table.ts). Beside them, in
 *     highlightTallies, how many highlights there are and how many carry each tag (one record).
 * v7: the highlights table removed (its records are in articleHighlights since v6).
 * v8: an anchorHints table (one record per article: its highlights' anchor hints by id, see
 *     lib/anchoring/hint.ts). Derived, kept on this device only, empty until pages are painted;
 *     records unchanged.
 * v9: an anchor hint names its stretch's first text node and how many it runs to: the path to its
 *     last (`to`) is dropped from the stored hints; an article's hints that would look at most of
 *     its page's text (never used there, `worthLooking`) are dropped.
 */
import Dexie, { type EntityTable } from 'dexie';
import { noteDatabaseCreated } from '../lost-library';
import { worthLooking } from '../paint-item';
import type { AnchorHint, Article, Highlight, Settings } from '../schema';
import { type ArticleHighlights, groupOf, type HighlightTallies, talliesOf } from './highlight-groups';

/** The settings record as stored: the settings under a fixed key. */
export type SettingsRecord = Settings & { key: 'settings' };

/** The settings in a stored record (the one place the storage key is taken off). */
export function settingsOf(record: SettingsRecord): Settings {
  const { key: _key, ...settings } = record;
  return settings;
}

/** The record that stores these settings. */
export function settingsRecord(settings: Settings): SettingsRecord {
  return { ...settings, key: 'settings' };
}

/**
 * One row of sync state: `h:<id>` / `a:<id>` what was last synced of a record, `alias:<id>` an
 * article merged into another, `seq` the mirror's last applied change, `config` the sync settings.
 */
export interface SyncRow {
  key: string;
  [field: string]: unknown;
}

/**
 * Where the page side last found an article's highlights in its page (lib/anchoring/hint.ts), by
 * highlight id: derived from the page, never exported, backed up or synced.
 */
export interface AnchorHints {
  articleId: string;
  hints: Record<string, AnchorHint>;
}

/** The newest schema version; see the rule above. */
export const CURRENT_SCHEMA_VERSION = 9;

/** The database name; tests open their own names. */
export const DB_NAME = 'marginalia';

/** The typed database. Only the store's classes (lib/store/) touch its tables, through the repository. */
export class MarginaliaDB extends Dexie {
  articles!: EntityTable<Article, 'id'>;
  /** The highlights, one record per article: read and written only through ./highlight-table.ts. */
  articleHighlights!: EntityTable<ArticleHighlights, 'articleId'>;
  /** Their count and tags' counts, kept by ./highlight-table.ts with every write of them. */
  highlightTallies!: EntityTable<HighlightTallies, 'key'>;
  settings!: EntityTable<SettingsRecord, 'key'>;
  syncState!: EntityTable<SyncRow, 'key'>;
  anchorHints!: EntityTable<AnchorHints, 'articleId'>;

  constructor(name = DB_NAME) {
    // Dexie 4's query cache (on by default) stopped re-running a page's live queries after the first
    // change made in another page of the extension (the sidebar kept showing a tag the library had
    // renamed twice, then wrote its stale tags back). Without it, every change re-reads, as Dexie 3 did.
    super(name, { cache: 'disabled' });
    this.version(1).stores({
      articles: 'id, *urls, updatedAt',
      highlights: 'id, articleId, updatedAt, claimType, *tags',
    });
    this.version(2)
      .stores({})
      .upgrade((tx) =>
        tx
          .table('articles')
          .toCollection()
          .modify((a: Record<string, unknown>) => {
            a.wordCount ??= null;
            a.textHash ??= null;
            a.canonicalUrl ??= null;
            a.lastSeenAt ??= a.updatedAt;
          }),
      );
    this.version(3)
      .stores({ settings: 'key' })
      .upgrade(async (tx) => {
        await tx
          .table('highlights')
          .toCollection()
          .modify((h: Record<string, unknown>) => {
            h.status ??= null;
            h.sourceUrl ??= null;
          });
        await tx
          .table('articles')
          .toCollection()
          .modify((a: Record<string, unknown>) => {
            a.note ??= '';
          });
      });
    // v4: no index on a highlight's updatedAt or claimType (nothing queries by them; each index is
    // another write per highlight, a fifth of a 100,000-highlight restore). Records are unchanged.
    this.version(4).stores({ highlights: 'id, articleId, *tags' });
    this.version(5).stores({ syncState: 'key' });
    this.version(6)
      .stores({ articleHighlights: 'articleId, *ids, *tags', highlightTallies: 'key' })
      .upgrade(async (tx) => {
        const byArticle = new Map<string, Highlight[]>();
        await tx.table('highlights').each((h: Highlight) => {
          const list = byArticle.get(h.articleId);
          if (list) list.push(h);
          else byArticle.set(h.articleId, [h]);
        });
        await tx.table('articleHighlights').bulkAdd([...byArticle].map(([id, list]) => groupOf(id, list)));
        await tx.table('highlightTallies').put(talliesOf(byArticle.values()));
      });
    this.version(7).stores({ highlights: null });
    this.version(8).stores({ anchorHints: 'articleId' });
    this.version(9)
      .stores({})
      .upgrade(async (tx) => {
        const table = tx.table('anchorHints');
        await table.toCollection().modify((record: { hints: Record<string, Record<string, unknown>> }) => {
          for (const hint of Object.values(record.hints)) delete hint.to;
        });
        await table
          .toCollection()
          .filter((record: AnchorHints) => !worthLooking(Object.values(record.hints)))
          .delete();
      });
  }
}

let shared: MarginaliaDB | null = null;

/** The database of this context, opened on first use. */
export function getDb(): MarginaliaDB {
  if (!shared) {
    shared = new MarginaliaDB();
    // A database made anew, where a library was before, is one the browser lost (lib/lost-library.ts).
    shared.on('populate', () => void noteDatabaseCreated());
  }
  return shared;
}
