/**
 * Import of W3C Web Annotations (an AnnotationCollection or page, one Annotation or a list, as
 * lib/export/web-annotation.ts writes them or others do) and of Hypothesis' exports (the client's
 * "Export" file `{annotations: [...]}`, API search results `{rows: [...]}`, or a list).
 *
 * Everything is converted and checked before anything is written: the result is a Marginalia
 * backup, applied by lib/backup.ts in one transaction. Annotations that cannot become highlights
 * (replies, page notes without a quote, non-web addresses) are counted and named, never silently
 * dropped. Ids are kept (or derived from the annotation's), so importing twice adds nothing.
 */
import { BACKUP_FORMAT, BACKUP_VERSION, Backup, MAX_BACKUP_CHARS } from '../backup';
import { normaliseTags, provisionalMeta } from '../records';
import { type Article, type Highlight, MAX_QUOTE } from '../schema';
import { cleanUrl, isAnnotatableUrl } from '../url';
import { z } from '../zod';
import { type Draft, fromHypothesis, fromW3c, HypothesisIn, listOf, W3cIn } from './annotation-formats';
import { w3cWarnings } from './w3c-warnings';

export interface AnnotationImport {
  ok: true;
  backup: Backup;
  /** What could not become a highlight, for the user: "annotation 3: a reply". */
  skipped: string[];
  /** What was read leniently, for the user: "annotation 2: its id "x" is not an IRI …". */
  warnings: string[];
  /** Notes on a whole page, kept as their article's note. */
  pageNotes: number;
  /** Which format was recognised. */
  source: 'w3c' | 'hypothesis';
}

type Parsed = AnnotationImport | { ok: false; error: string };

/** What a value is, in words. */
function kindOf(value: unknown): string {
  if (value === undefined) return 'missing';
  if (value === null) return 'empty (null)';
  if (Array.isArray(value)) return `a list of ${value.length}`;
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return `the text "${value.slice(0, 40)}"`;
  return `the ${typeof value} ${String(value)}`;
}

/** The first thing wrong with an annotation, in words: where, what it should be, what it is. */
function describeProblem(index: number, item: unknown, error: z.core.$ZodError): string {
  const issue = error.issues[0];
  const path = issue?.path ?? [];
  let value: unknown = item;
  for (const key of path) value = (value as Record<PropertyKey, unknown> | undefined)?.[key as PropertyKey];
  const field = path.length ? `its "${path.map(String).join('.')}"` : 'it';
  const want: Record<string, string> = {
    id: 'a single IRI',
    target: 'the page or passage it is about (an IRI or a resource with a source)',
    body: 'a body (text or a resource) or a list of them',
    created: 'one date and time',
    modified: 'one date and time',
  };
  const types: Record<string, string> = { string: 'text', array: 'a list', object: 'an object', number: 'a number' };
  const expected =
    want[String(path[0])] ??
    (issue?.code === 'invalid_type' ? (types[String(issue.expected)] ?? String(issue.expected)) : 'another shape');
  return `Annotation ${index + 1} does not follow the Web Annotation model: ${field} should be ${expected}, but is ${kindOf(value)}. Nothing was imported.`;
}

/**
 * Reads a W3C Web Annotation or Hypothesis file into a backup of the highlights it holds. Never
 * throws; writes nothing. A file with any malformed annotation is refused as a whole.
 */
export function parseAnnotations(text: string, now = Date.now()): Parsed {
  if (!text) return { ok: false, error: 'The file is empty.' };
  if (text.length > MAX_BACKUP_CHARS) return { ok: false, error: 'The file is too large.' };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return { ok: false, error: `This is not an annotation file: it is not valid JSON (${(e as Error).message}).` };
  }
  const list = listOf(raw);
  if (!list) {
    return {
      ok: false,
      error:
        'This is not an annotation file: expected W3C Web Annotations (an AnnotationCollection, an Annotation or a list) or a Hypothesis export.',
    };
  }
  const drafts: Draft[] = [];
  const warnings: string[] = [];
  for (const [i, item] of list.items.entries()) {
    if (list.kind === 'hypothesis') {
      const parsed = HypothesisIn.safeParse(item);
      if (!parsed.success)
        return { ok: false, error: `The Hypothesis file: ${describeProblem(i, item, parsed.error)}` };
      drafts.push(fromHypothesis(parsed.data, i, now));
    } else {
      const parsed = W3cIn.safeParse(item);
      if (!parsed.success) return { ok: false, error: describeProblem(i, item, parsed.error) };
      for (const w of w3cWarnings(item as Record<string, unknown>, list.context))
        warnings.push(`annotation ${i + 1}: ${w}`);
      drafts.push(fromW3c(parsed.data, i, now));
    }
  }
  const result = toBackup(drafts, list.kind, now);
  if (!result.ok) return result;
  if (list.replies) result.skipped.push(`${list.replies} replies in the search response (replies are not imported)`);
  if (list.elsewhere) {
    result.skipped.push(
      `the collection's annotations are kept in pages elsewhere (first page: ${list.elsewhere.slice(0, 100)}); only annotations inside the file are read`,
    );
  }
  result.warnings.push(...warnings);
  return result;
}

function toBackup(drafts: Draft[], kind: 'w3c' | 'hypothesis', now: number): Parsed {
  const skipped: string[] = [];
  const articles = new Map<string, Article>();
  const highlights: Highlight[] = [];
  const seen = new Set<string>();
  let pageNotes = 0;
  const articleFor = (url: string, d: Draft): Article => {
    let article = articles.get(url);
    if (!article) {
      const meta = provisionalMeta(d.title?.trim() || url, url);
      article = {
        ...meta,
        id: `import-${hashString(url)}`,
        url,
        urls: [url],
        note: '',
        extractedAt: null,
        lastSeenAt: d.createdAt,
        createdAt: d.createdAt,
        updatedAt: d.createdAt,
      };
      articles.set(url, article);
    }
    return article;
  };
  for (const [i, d] of drafts.entries()) {
    const where = `annotation ${i + 1}`;
    const url = isAnnotatableUrl(d.url) ? cleanUrl(d.url) : null;
    if (d.isReply) skipped.push(`${where}: a reply to another annotation`);
    else if (/^urn:x-pdf:|\.pdf(?:[?#]|$)/i.test(d.url))
      skipped.push(`${where}: an annotation on a PDF (Marginalia annotates web pages)`);
    else if (!url) skipped.push(`${where}: no web address it belongs to ("${d.url.slice(0, 80)}")`);
    else if (d.unreadable) skipped.push(`${where}: ${d.unreadable}`);
    else if (!d.exact?.trim() && d.pageNote && d.note.trim()) {
      // A note on the whole page: the article's note (several are kept one after another).
      const article = articleFor(url, d);
      article.note = article.note ? `${article.note}\n\n${d.note.trim()}` : d.note.trim();
      article.updatedAt = Math.max(article.updatedAt, d.updatedAt);
      pageNotes++;
    } else if (!d.exact?.trim()) skipped.push(`${where}: nothing quoted and nothing noted about the page`);
    else if (d.exact.length > MAX_QUOTE) skipped.push(`${where}: the quote is longer than ${MAX_QUOTE} characters`);
    else if (seen.has(d.id)) skipped.push(`${where}: the same annotation twice`);
    else {
      seen.add(d.id);
      const article = articleFor(url, d);
      article.createdAt = Math.min(article.createdAt, d.createdAt);
      const start = d.start ?? 0;
      highlights.push({
        id: d.id,
        articleId: article.id,
        target: {
          source: url,
          selector: [
            { type: 'TextQuoteSelector', exact: d.exact, prefix: d.prefix, suffix: d.suffix },
            {
              type: 'TextPositionSelector',
              start,
              end: d.end !== null && d.end >= start ? d.end : start + d.exact.length,
            },
          ],
          ...(d.positionIn ? { positionIn: d.positionIn } : {}),
        },
        claimType: d.claimType,
        status: d.status,
        sourceUrl: d.sourceUrl,
        tags: normaliseTags(d.tags),
        note: d.note,
        createdAt: d.createdAt,
        updatedAt: d.updatedAt,
        ...(d.pageNow && d.pageNow.text.length <= MAX_QUOTE ? { pageNow: d.pageNow } : {}),
        ...(d.history.length
          ? {
              history: d.history
                .filter((w) => w.exact.trim() && w.exact.length <= MAX_QUOTE)
                .slice(-100)
                .map((w) => ({
                  quote: { type: 'TextQuoteSelector' as const, exact: w.exact, prefix: '', suffix: '' },
                  at: w.at,
                })),
            }
          : {}),
      });
    }
  }
  const parsed = Backup.safeParse({
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    exportedAt: new Date(now).toISOString(),
    articles: [...articles.values()],
    highlights,
    settings: null,
  });
  if (!parsed.success) return { ok: false, error: `The annotations are not valid:\n${z.prettifyError(parsed.error)}` };
  return { ok: true, backup: parsed.data, skipped, warnings: [], pageNotes, source: kind };
}

/** A short, stable hex hash of a string (FNV-1a, 2×32 bits), for ids derived from URLs. */
function hashString(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193) >>> 0;
    b = Math.imul(b ^ c, 0x5bd1e995) >>> 0;
  }
  return a.toString(16).padStart(8, '0') + b.toString(16).padStart(8, '0');
}
