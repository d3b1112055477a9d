/**
 * Reading the whole database as a backup, and applying a validated backup in one transaction (the
 * merge rules are lib/backup.ts's), as the repository's backup methods: the write is guarded (room on
 * the disk, one retry on a fresh connection). The repository extends this.
 */
import { BACKUP_FORMAT, BACKUP_VERSION, type Backup, type ImportReport, parseBackup } from '../backup';
import { resolveClaimTypes } from '../claim-types';
import { mergeHighlights, PassageIndex, sameContent } from '../merge';
import { normaliseTags } from '../records';
import type { Article, Highlight, Settings } from '../schema';
import { ChangeRecords } from './change-records';
import { type MarginaliaDB, settingsOf, settingsRecord } from './db';
import type { HighlightTable } from './highlight-table';
import { eachPage, storedOnly } from './pages';

/** How far a restore has come: the file read, its records checked, its highlights written. */
/**
 * How far a restore has come: reading the file, checking it (JSON, every record, what is stored),
 * writing the articles (one write, no parts to count), then the highlights, part by part.
 */
export type RestoreProgress =
  | { stage: 'reading' | 'checking' | 'articles' }
  | { stage: 'writing'; done: number; total: number };

/** What restoring a backup file came to: what was written, or why nothing was. */
export type RestoreResult = { ok: true; report: ImportReport } | { ok: false; error: string };

/** Highlights written between two words of a restore's progress. */
const PROGRESS_EVERY = 5_000;

/** Everything in the database, as a backup. */
async function createBackup(db: MarginaliaDB, stored: HighlightTable, now = new Date()): Promise<Backup> {
  return db.transaction('r', db.articles, ...stored.tables, db.settings, async () => {
    const record = await db.settings.get('settings');
    const settings: Settings | null = record ? settingsOf(record) : null;
    return {
      format: BACKUP_FORMAT,
      version: BACKUP_VERSION,
      exportedAt: now.toISOString(),
      articles: await db.articles.toArray(),
      highlights: await stored.all(),
      settings,
    };
  });
}

/**
 * The backup as a file: the same JSON as `JSON.stringify` of `createBackup` (same keys, order and
 * bytes), written a page of records at a time into Blob parts, so that no more than a page of records
 * and its JSON are in the thread's heap at once. Made whole, the 100,000-highlight library's backup
 * held every record (~130 MB) and then its 101 MB of JSON in the heap of the page making it: in
 * Chrome that is the offscreen document of the automatic backup, which shares its heap with the
 * library's tab, whose kept heap read 168 MB instead of 116 while a backup was being made
 * (`npm run bench:scale`, 2026-12-03).
 */
async function backupFile(db: MarginaliaDB, stored: HighlightTable, now: Date): Promise<BackupFile> {
  return db.transaction('r', db.articles, ...stored.tables, db.settings, async () => {
    const record = await db.settings.get('settings');
    const settings: Settings | null = record ? settingsOf(record) : null;
    const head = JSON.stringify({ format: BACKUP_FORMAT, version: BACKUP_VERSION, exportedAt: now.toISOString() });
    const parts: BlobPart[] = [`${head.slice(0, -1)},"articles":[`];
    const articles = await jsonInPages((each) => eachPage(db.articles, BACKUP_ARTICLE_PAGE, each), parts);
    parts.push('],"highlights":[');
    const highlights = await jsonInPages((each) => stored.eachPage(BACKUP_HIGHLIGHT_PAGE, each), parts);
    parts.push(`],"settings":${JSON.stringify(settings)}}`);
    return { blob: new Blob(parts, { type: 'application/json' }), articles, highlights };
  });
}

/** A backup file made by `backupFile`, and how many records it holds. */
export interface BackupFile {
  blob: Blob;
  articles: number;
  highlights: number;
}

/** Records per page of the backup file (articles hold their baselines: a few KB each). */
const BACKUP_ARTICLE_PAGE = 500;
const BACKUP_HIGHLIGHT_PAGE = 2000;

/**
 * Every record a paged read hands over (a table's, in the order `toArray` gives them), a page at a
 * time: each page's records written as JSON array elements into `parts` (as a Blob, so the string
 * can go), commas between them. Returns how many records there were.
 */
async function jsonInPages<T>(read: (each: (batch: T[]) => void) => Promise<void>, parts: BlobPart[]): Promise<number> {
  let count = 0;
  await read((batch) => {
    parts.push(new Blob([`${count > 0 ? ',' : ''}${JSON.stringify(batch).slice(1, -1)}`]));
    count += batch.length;
  });
  return count;
}

/** Applies a validated backup in one transaction (see the module doc for the merge rules). */
async function applyBackup(
  db: MarginaliaDB,
  stored: HighlightTable,
  backup: Backup,
  progress: (p: RestoreProgress) => void = () => undefined,
): Promise<ImportReport> {
  const report: ImportReport = {
    articlesAdded: 0,
    articlesUpdated: 0,
    highlightsAdded: 0,
    highlightsUpdated: 0,
    highlightsMerged: 0,
    unchanged: 0,
    settingsApplied: false,
    unknownTypes: [],
  };
  return db.transaction('rw', db.articles, ...stored.tables, db.settings, async () => {
    let types = (await db.settings.get('settings'))?.claimTypes ?? [];
    if (backup.settings) {
      const current = await db.settings.get('settings');
      if (!current || backup.settings.updatedAt > current.updatedAt) {
        await db.settings.put(settingsRecord(backup.settings));
        report.settingsApplied = true;
        types = backup.settings.claimTypes;
      }
    }
    const known = new Set([...resolveClaimTypes(types), ...(backup.settings?.claimTypes ?? [])].map((d) => d.id));
    const unknown = new Set<string>();
    const typed = (h: Highlight): Highlight => {
      if (h.claimType === null || known.has(h.claimType)) return h;
      unknown.add(h.claimType);
      return { ...h, claimType: null, tags: normaliseTags([...h.tags, h.claimType]) };
    };
    // Articles: the same id, or the same article under another id (made on another machine).
    const byId = await storedOnly(
      db.articles,
      backup.articles.map((a) => a.id),
    );
    // One query for every URL of the articles not found by id (not one query per article).
    const unmatched = backup.articles.filter((_, i) => !byId[i]).flatMap((a) => a.urls);
    const byUrl = new Map<string, Article>();
    if (unmatched.length) {
      for (const a of await db.articles.where('urls').anyOf(unmatched).toArray())
        for (const u of a.urls) if (!byUrl.has(u)) byUrl.set(u, a);
    }
    const remap = new Map<string, string>();
    const articlePuts: Article[] = [];
    for (const [i, incoming] of backup.articles.entries()) {
      const existing = byId[i] ?? incoming.urls.map((u) => byUrl.get(u)).find((a) => a !== undefined);
      if (!existing) {
        articlePuts.push(incoming);
        report.articlesAdded++;
        continue;
      }
      remap.set(incoming.id, existing.id);
      const urls = [...new Set([...existing.urls, ...incoming.urls])];
      if (incoming.updatedAt > existing.updatedAt) {
        articlePuts.push({
          ...incoming,
          id: existing.id,
          urls,
          createdAt: Math.min(existing.createdAt, incoming.createdAt),
        });
        report.articlesUpdated++;
      } else if (urls.length !== existing.urls.length) {
        articlePuts.push({ ...existing, urls });
        report.articlesUpdated++;
      } else report.unchanged++;
    }
    // Everything the highlights' writes need is read here, before any write: what is stored of the
    // file's highlights, the records of every article they touch (their own, and where a stored one
    // is now) and the tallies. Their writes are then issued in parts together, with no read between
    // (in a transaction a read waits for every write before it). Reading and writing part by part
    // instead took ~1.5 s more of a 12 s restore at 100,000 highlights.
    const current = await stored.storedOf(backup.highlights.map((h) => h.id));
    // Highlights not known by id may mark a passage already highlighted here under another id.
    const articleIds = [...new Set(backup.highlights.map((h) => remap.get(h.articleId) ?? h.articleId))];
    const involved = new Set(articleIds);
    for (const h of current) if (h) involved.add(h.articleId);
    const read = await stored.read([...involved]);
    const passages = new PassageIndex(articleIds.flatMap((id) => read.groups.get(id) ?? []));
    const puts = new Map<string, Highlight>();
    const deletes = new Set<string>();
    for (const [i, h] of backup.highlights.entries()) {
      // A copy only where the article is known here under another id (a fresh library: none).
      const articleId = remap.get(h.articleId);
      const incoming = typed(articleId === undefined ? h : { ...h, articleId });
      const existing = current[i] ?? puts.get(incoming.id);
      if (existing) {
        if (incoming.updatedAt > existing.updatedAt) {
          puts.set(incoming.id, incoming);
          passages.replace(existing, incoming);
          report.highlightsUpdated++;
        } else report.unchanged++;
        continue;
      }
      const same = passages.find(incoming);
      if (!same) {
        // Not added to the passages: the file's own records lived side by side in one library, so
        // none of them is merged into another (two repeats of a short quote with the same context
        // were once made one).
        puts.set(incoming.id, incoming);
        report.highlightsAdded++;
        continue;
      }
      const merged = mergeHighlights(same, incoming);
      if (merged.id === same.id && sameContent(same, merged)) {
        report.unchanged++;
        continue;
      }
      // The merged highlight keeps the earlier one's id; the other record goes.
      if (merged.id !== same.id) {
        deletes.add(same.id);
        puts.delete(same.id);
      }
      puts.set(merged.id, merged);
      passages.replace(same, merged);
      report.highlightsMerged++;
    }
    const highlightPuts = [...puts.values()];
    // What each of the file's ids was stored as, read above: no highlight is looked up again.
    const previous = new Map(backup.highlights.map((h, i) => [h.id, current[i]]));
    // A merge that keeps the other id removes a record read above: the records are then read again.
    if (deletes.size) await stored.bulkDelete([...deletes]);
    // Within the same transaction (all of it or none), saying how far it has come as parts of the
    // highlights are written. The articles first: issued alongside them, the highlights' writes were
    // slower (this thread preparing them competed with the browser writing the articles: 11.9 s
    // against 11.3, three runs each, two cores).
    const total = highlightPuts.length;
    let told = 0;
    const written = (done: number) => {
      if (done < total && done - told < PROGRESS_EVERY) return;
      told = done;
      progress({ stage: 'writing', done, total });
    };
    // Said: at 100,000 highlights the articles take ~2.3 s, which read as "checking" before.
    progress({ stage: 'articles' });
    await db.articles.bulkPut(articlePuts);
    progress({ stage: 'writing', done: 0, total });
    await stored.bulkPut(highlightPuts, { previous, read: deletes.size ? undefined : read, written });
    report.unknownTypes = [...unknown].sort();
    return report;
  });
}

export class BackupRecords extends ChangeRecords {
  /** Opens the database ahead of the first read (the sidebar starts this before it renders). */
  async open(): Promise<void> {
    await this.run(() => this.db.open());
  }

  /** Everything stored, as a backup (lib/backup.ts is the format). */
  async createBackup(now = new Date()): Promise<Backup> {
    return this.run(() => createBackup(this.db, this.highlights, now));
  }

  /** Everything stored, as the backup file (the JSON of `createBackup`, made a page at a time). */
  async backupFile(now = new Date()): Promise<BackupFile> {
    return this.run(() => backupFile(this.db, this.highlights, now));
  }

  /** Applies a validated backup in one transaction (newer edits win; see lib/backup.ts). */
  async applyBackup(backup: Backup, progress?: (p: RestoreProgress) => void): Promise<ImportReport> {
    return this.write(() => applyBackup(this.db, this.highlights, backup, progress));
  }

  /** Reads, validates and applies a backup file; on a bad file nothing is written. */
  async importBackup(text: string, progress?: (p: RestoreProgress) => void): Promise<RestoreResult> {
    progress?.({ stage: 'checking' });
    const parsed = parseBackup(text);
    if (!parsed.ok) return parsed;
    return { ok: true, report: await this.applyBackup(parsed.backup, progress) };
  }
}
