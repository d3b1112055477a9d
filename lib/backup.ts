/**
 * The lossless backup: every article and highlight, and the settings (claim types, language), as
 * one versioned JSON file.
 *
 * Import is all or nothing. The whole file is read and validated first (size, JSON, schema,
 * references between records); a bad file gets a message that names what is wrong and where, and
 * nothing is written. A good file is applied in one transaction. Importing the same backup twice
 * creates no duplicates (records are matched by id, articles also by URL, highlights also by the
 * passage they mark: lib/merge.ts), and on a conflict the newer edit (`updatedAt`) wins. Older backup versions are upgraded here before validation.
 *
 * This module is pure (the format: schema, upgrades, parsing); reading and applying a backup is the
 * store's (lib/store/backup-store.ts), reached through the repository.
 */
import { Article, Highlight, Settings } from './schema';
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
  if (!parsed.success) return { ok: false, error: `The backup is not valid: ${describeIssues(parsed.error, data)}` };
  const backup = parsed.data;
  const articleIds = new Set<string>();
  for (const [i, a] of backup.articles.entries()) {
    if (articleIds.has(a.id))
      return { ok: false, error: `The backup is not valid: article ${i + 1} (id "${a.id}") appears twice.` };
    articleIds.add(a.id);
  }
  const highlightIds = new Set<string>();
  for (const [i, h] of backup.highlights.entries()) {
    if (!articleIds.has(h.articleId)) {
      return {
        ok: false,
        error: `The backup is not valid: highlight ${i + 1} (${quoteOf(h)}) belongs to article "${h.articleId}", which is not in the file.`,
      };
    }
    if (highlightIds.has(h.id))
      return { ok: false, error: `The backup is not valid: highlight ${i + 1} (${quoteOf(h)}) appears twice.` };
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
  /**
   * Highlights of passages already highlighted here under another id (made in another browser or
   * on another device): merged into one (lib/merge.ts), not added twice.
   */
  highlightsMerged: number;
  unchanged: number;
  settingsApplied: boolean;
  /**
   * Claim types the file used that this library does not define (neither built in nor the user's):
   * their highlights came in as plain highlights with the type kept as a tag.
   */
  unknownTypes: string[];
}

/** What a field of a record is, in words. */
const FIELDS: Record<string, string> = {
  target: 'its place on the page (target)',
  selector: 'its selectors',
  exact: 'the quoted text',
  note: 'the note',
  tags: 'the tags',
  claimType: 'the claim type',
  status: 'the check status',
  sourceUrl: 'the source link',
  createdAt: 'the time it was made',
  updatedAt: 'the time it was last changed',
  articleId: 'the article it belongs to',
  id: 'the id',
  url: 'the web address',
  urls: 'the web addresses',
  title: 'the title',
  claimTypes: 'the claim types',
  language: 'the language',
};

/** A record, for a person: "highlight 6 (“Huyện giao chỉ tiêu…”)". */
function quoteOf(h: unknown): string {
  const r = h as { id?: unknown; target?: { selector?: { exact?: unknown }[] } } | null;
  const exact = r?.target?.selector?.[0]?.exact;
  if (typeof exact === 'string' && exact.trim()) {
    const cut = exact.trim().replace(/\s+/g, ' ');
    return `“${cut.length > 40 ? `${cut.slice(0, 40)}…` : cut}”`;
  }
  return typeof r?.id === 'string' ? `id "${r.id.slice(0, 60)}"` : 'no id';
}

function recordOf(path: readonly PropertyKey[], data: Record<string, unknown>): [string, readonly PropertyKey[]] {
  const [list, index, ...rest] = path;
  if ((list === 'highlights' || list === 'articles') && typeof index === 'number') {
    const record = (data[list] as unknown[] | undefined)?.[index] as Record<string, unknown> | undefined;
    if (list === 'highlights') return [`highlight ${index + 1} (${quoteOf(record)})`, rest];
    const title =
      typeof record?.title === 'string' ? `“${record.title.slice(0, 40)}”` : `id "${String(record?.id ?? '')}"`;
    return [`article ${index + 1} (${title})`, rest];
  }
  if (list === 'settings') return ['the settings', path.slice(1)];
  return ['the file', path];
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = data;
  for (const key of path) v = v && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[key] : undefined;
  return v;
}

/**
 * What is wrong with a backup, in words a person can act on: which record (by its quote or title)
 * and which field, and what is wrong with it; the first three problems, and how many more.
 */
export function describeIssues(error: z.core.$ZodError, data: Record<string, unknown>): string {
  const lines = error.issues.slice(0, 3).map((issue) => {
    const [record, rest] = recordOf(issue.path, data);
    const named = rest.filter((k) => typeof k === 'string').at(-1) as string | undefined;
    const field = named ? (FIELDS[named] ?? `“${rest.join('.')}”`) : '';
    const missing = issue.code === 'invalid_type' && valueAt(data, issue.path) === undefined;
    const problem = missing
      ? 'is missing'
      : issue.code === 'too_big'
        ? `is too long (${issue.message.replace(/^Too big: /, '')})`
        : issue.code === 'invalid_value' || issue.code === 'invalid_format'
          ? `is not one this Marginalia knows (${JSON.stringify(valueAt(data, issue.path))?.slice(0, 60)})`
          : `is not valid (${issue.message})`;
    return `${record}: ${field ? `${field} ` : ''}${problem}.`;
  });
  const more = error.issues.length - lines.length;
  if (more > 0) lines.push(`… and ${more} more problem${more === 1 ? '' : 's'}.`);
  return lines.join('\n');
}
