/**
 * The lossless backup: every article and highlight, and the settings (claim types, language), as
 * one versioned JSON file.
 *
 * Import is all or nothing. The whole file is read and validated first (size, JSON, schema,
 * references between records); a bad file gets a message that names what is wrong and where, and
 * nothing is written. A good file is applied in one transaction. Importing the same backup twice
 * creates no duplicates (records are matched by id, articles also by URL), and on a conflict the
 * newer edit (`updatedAt`) wins. Older backup versions are upgraded here before validation.
 */
import type { EntityTable, IDType } from 'dexie';
import { resolveClaimTypes } from './claim-types';
import type { MarginaliaDB } from './db';
import { normaliseTags } from './records';
import { Article, Highlight, Settings } from './schema';
import { ensureRoom } from './storage-room';
import { z } from './zod';

/** The backup format written now; BACKUP_MIGRATIONS upgrades anything older to it. */
export const BACKUP_VERSION = 2;
export const BACKUP_FORMAT = 'marginalia-backup';
/** Largest backup file accepted (characters of JSON). */
export const MAX_BACKUP_CHARS = 256 * 1024 * 1024;
export const MAX_ARTICLES = 200_000;
export const MAX_HIGHLIGHTS = 2_000_000;

/** A backup file's content. */
export const Backup = z.object({
  format: z.literal(BACKUP_FORMAT),
  version: z.literal(BACKUP_VERSION),
  exportedAt: z.string(),
  articles: z.array(Article).check(z.maxLength(MAX_ARTICLES)),
  highlights: z.array(Highlight).check(z.maxLength(MAX_HIGHLIGHTS)),
  /** null when the user never changed a setting. */
  settings: z.nullable(Settings),
});
export type Backup = z.infer<typeof Backup>;

const records = (value: unknown): unknown =>
  Array.isArray(value) ? value.map((r) => (r && typeof r === 'object' ? { ...r } : r)) : value;

/** Upgrades of older backup versions, by the version they upgrade from. */
const BACKUP_MIGRATIONS: Record<number, (old: Record<string, unknown>) => Record<string, unknown>> = {
  // v1 → v2: claim status and source link on highlights, the page note on articles, settings.
  1: (old) => {
    const articles = records(old.articles);
    const highlights = records(old.highlights);
    if (Array.isArray(articles))
      for (const a of articles) if (a && typeof a === 'object') (a as Record<string, unknown>).note ??= '';
    if (Array.isArray(highlights))
      for (const h of highlights)
        if (h && typeof h === 'object') {
          (h as Record<string, unknown>).status ??= null;
          (h as Record<string, unknown>).sourceUrl ??= null;
        }
    return { ...old, version: 2, articles, highlights, settings: null };
  },
};

/** The outcome of reading a backup file: the backup, or a message for a person. */
export type ParsedBackup = { ok: true; backup: Backup } | { ok: false; error: string };

/** Reads and validates a backup file completely, writing nothing. Never throws. */
export function parseBackup(text: string): ParsedBackup {
  if (typeof text !== 'string' || text.length === 0) return { ok: false, error: 'The file is empty.' };
  if (text.length > MAX_BACKUP_CHARS) {
    return { ok: false, error: `The file is too large (${text.length} characters; at most ${MAX_BACKUP_CHARS}).` };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return { ok: false, error: `This is not a Marginalia backup: it is not valid JSON (${(e as Error).message}).` };
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return { ok: false, error: 'This is not a Marginalia backup: expected a JSON object.' };
  }
  let data = raw as Record<string, unknown>;
  if (data.format !== BACKUP_FORMAT) {
    return { ok: false, error: `This is not a Marginalia backup: "format" should be "${BACKUP_FORMAT}".` };
  }
  const declared = data.version;
  if (typeof declared !== 'number' || !Number.isInteger(declared) || declared < 1 || declared > BACKUP_VERSION) {
    return {
      ok: false,
      error: `Unsupported backup version ${JSON.stringify(declared)}: this Marginalia reads versions 1 to ${BACKUP_VERSION}.`,
    };
  }
  let version: number = declared;
  while (version < BACKUP_VERSION) {
    const upgrade = BACKUP_MIGRATIONS[version];
    if (!upgrade) return { ok: false, error: `No upgrade from backup version ${version}.` };
    data = upgrade(data);
    version = data.version as number;
  }
  const parsed = Backup.safeParse(data);
  if (!parsed.success) return { ok: false, error: `The backup is not valid:\n${z.prettifyError(parsed.error)}` };
  const backup = parsed.data;
  const articleIds = new Set<string>();
  for (const [i, a] of backup.articles.entries()) {
    if (articleIds.has(a.id))
      return { ok: false, error: `The backup is not valid: articles[${i}].id "${a.id}" appears twice.` };
    articleIds.add(a.id);
  }
  const highlightIds = new Set<string>();
  for (const [i, h] of backup.highlights.entries()) {
    if (!articleIds.has(h.articleId)) {
      return {
        ok: false,
        error: `The backup is not valid: highlights[${i}].articleId "${h.articleId}" names no article in it.`,
      };
    }
    if (highlightIds.has(h.id))
      return { ok: false, error: `The backup is not valid: highlights[${i}].id "${h.id}" appears twice.` };
    highlightIds.add(h.id);
  }
  return { ok: true, backup };
}

/** What an import changed. */
export interface ImportReport {
  articlesAdded: number;
  articlesUpdated: number;
  highlightsAdded: number;
  highlightsUpdated: number;
  unchanged: number;
  settingsApplied: boolean;
  /**
   * Claim types the file used that this library does not define (neither built in nor the user's):
   * their highlights came in as plain highlights with the type kept as a tag.
   */
  unknownTypes: string[];
}

/** Everything in the database, as a backup. */
export async function createBackup(db: MarginaliaDB, now = new Date()): Promise<Backup> {
  return db.transaction('r', db.articles, db.highlights, db.settings, async () => {
    const stored = await db.settings.get('settings');
    let settings: Settings | null = null;
    if (stored) {
      const { key: _key, ...rest } = stored;
      settings = rest;
    }
    return {
      format: BACKUP_FORMAT,
      version: BACKUP_VERSION,
      exportedAt: now.toISOString(),
      articles: await db.articles.toArray(),
      highlights: await db.highlights.toArray(),
      settings,
    };
  });
}

/** Applies a validated backup in one transaction (see the module doc for the merge rules). */
/**
 * The stored records with these ids (undefined where none), reading only those that exist: the
 * table's keys come from one key-only read, so restoring into a fresh library reads no records.
 */
async function storedOnly<T extends { id: string }>(
  table: EntityTable<T, 'id'>,
  ids: string[],
): Promise<(T | undefined)[]> {
  const present = new Set<unknown>(await table.toCollection().primaryKeys());
  const wanted = ids.filter((id) => present.has(id)) as IDType<T, 'id'>[];
  if (wanted.length === 0) return ids.map(() => undefined);
  const records = await table.bulkGet(wanted);
  const found = new Map<unknown, T | undefined>(wanted.map((id, i) => [id, records[i]]));
  return ids.map((id) => found.get(id));
}

export async function applyBackup(db: MarginaliaDB, backup: Backup): Promise<ImportReport> {
  const report: ImportReport = {
    articlesAdded: 0,
    articlesUpdated: 0,
    highlightsAdded: 0,
    highlightsUpdated: 0,
    unchanged: 0,
    settingsApplied: false,
    unknownTypes: [],
  };
  await ensureRoom();
  return db.transaction('rw', db.articles, db.highlights, db.settings, async () => {
    let types = (await db.settings.get('settings'))?.claimTypes ?? [];
    if (backup.settings) {
      const current = await db.settings.get('settings');
      if (!current || backup.settings.updatedAt > current.updatedAt) {
        await db.settings.put({ ...backup.settings, key: 'settings' });
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
    await db.articles.bulkPut(articlePuts);
    const current = await storedOnly(
      db.highlights,
      backup.highlights.map((h) => h.id),
    );
    const highlightPuts: Highlight[] = [];
    for (const [i, h] of backup.highlights.entries()) {
      const incoming = typed({ ...h, articleId: remap.get(h.articleId) ?? h.articleId });
      const existing = current[i];
      if (!existing) {
        highlightPuts.push(incoming);
        report.highlightsAdded++;
      } else if (incoming.updatedAt > existing.updatedAt) {
        highlightPuts.push(incoming);
        report.highlightsUpdated++;
      } else report.unchanged++;
    }
    await db.highlights.bulkPut(highlightPuts);
    report.unknownTypes = [...unknown].sort();
    return report;
  });
}

/** Reads, validates and applies a backup file; on a bad file nothing is written. */
export async function importBackup(
  db: MarginaliaDB,
  text: string,
): Promise<{ ok: true; report: ImportReport } | { ok: false; error: string }> {
  const parsed = parseBackup(text);
  if (!parsed.ok) return parsed;
  return { ok: true, report: await applyBackup(db, parsed.backup) };
}
