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
import { CLAIM_STATUSES, CLAIM_TYPES } from '../claim-types';
import { normaliseTags, provisionalMeta } from '../records';
import { type Article, ClaimTypeIdSchema, type Highlight, MAX_QUOTE } from '../schema';
import { cleanUrl, isAnnotatableUrl } from '../url';
import { z } from '../zod';
import { CLAIM_TYPE_IRI } from './web-annotation';

const Str = z.string();
const Selector = z.looseObject({ type: Str });
const TargetIn = z.looseObject({
  source: z.optional(z.union([Str, z.looseObject({ id: Str })])),
  selector: z.optional(z.union([Selector, z.array(Selector)])),
  'dc:title': z.optional(Str),
});
const BodyIn = z.looseObject({
  purpose: z.optional(Str),
  value: z.optional(Str),
  id: z.optional(Str),
  type: z.optional(z.union([Str, z.array(Str)])),
});
/** A W3C Annotation as others write it: loose, with the shapes the model allows. */
const W3cIn = z.looseObject({
  id: z.optional(Str),
  created: z.optional(Str),
  modified: z.optional(Str),
  body: z.optional(z.union([BodyIn, Str, z.array(z.union([BodyIn, Str]))])),
  target: z.union([Str, TargetIn, z.array(z.union([Str, TargetIn]))]),
});
/** Hypothesis' own annotation shape (API and client export). */
const HypothesisIn = z.looseObject({
  id: Str,
  created: z.optional(Str),
  updated: z.optional(Str),
  uri: Str,
  text: z.optional(Str),
  tags: z.optional(z.array(Str)),
  references: z.optional(z.array(Str)),
  target: z.optional(z.array(TargetIn)),
  document: z.optional(z.looseObject({ title: z.optional(z.union([Str, z.array(Str)])) })),
});

export interface AnnotationImport {
  ok: true;
  backup: Backup;
  /** What could not become a highlight, for the user: "annotation 3: a reply". */
  skipped: string[];
  /** Which format was recognised. */
  source: 'w3c' | 'hypothesis';
}

type Parsed = AnnotationImport | { ok: false; error: string };

const time = (value: string | undefined, fallback: number) => {
  const t = value ? Date.parse(value) : Number.NaN;
  return Number.isNaN(t) ? fallback : t;
};

/** A highlight id from an annotation id (stable, so importing twice adds nothing). */
function highlightId(id: string | undefined, prefix: string, index: number, fallback: string): string {
  const raw = id?.replace(/^urn:uuid:/, '').replace(/^https?:\/\/hypothes\.is\/a\//, '') ?? '';
  if (/^[\w-]{1,100}$/.test(raw)) return prefix + raw;
  return `${prefix}${fallback}-${index}`;
}

interface Draft {
  id: string;
  url: string;
  title: string | null;
  exact: string | null;
  prefix: string;
  suffix: string;
  start: number | null;
  end: number | null;
  note: string;
  tags: string[];
  claimType: string | null;
  status: Highlight['status'];
  sourceUrl: string | null;
  createdAt: number;
  updatedAt: number;
  isReply: boolean;
}

function readSelectors(selectors: z.infer<typeof Selector>[], draft: Draft): void {
  for (const s of selectors) {
    const sel = s as Record<string, unknown>;
    if (sel.type === 'TextQuoteSelector' && typeof sel.exact === 'string') {
      draft.exact = sel.exact;
      draft.prefix = typeof sel.prefix === 'string' ? sel.prefix.slice(-1000) : '';
      draft.suffix = typeof sel.suffix === 'string' ? sel.suffix.slice(0, 1000) : '';
    } else if (sel.type === 'TextPositionSelector' && Number.isInteger(sel.start) && Number.isInteger(sel.end)) {
      draft.start = sel.start as number;
      draft.end = sel.end as number;
    }
  }
}

function emptyDraft(now: number): Draft {
  return {
    id: '',
    url: '',
    title: null,
    exact: null,
    prefix: '',
    suffix: '',
    start: null,
    end: null,
    note: '',
    tags: [],
    claimType: null,
    status: null,
    sourceUrl: null,
    createdAt: now,
    updatedAt: now,
    isReply: false,
  };
}

function fromW3c(a: z.infer<typeof W3cIn>, index: number, now: number): Draft {
  const d = emptyDraft(now);
  d.id = highlightId(a.id, 'wa-', index, 'annotation');
  // Our own exports keep the highlight's id: take it back as it was.
  if (a.id?.startsWith('urn:uuid:')) d.id = a.id.slice('urn:uuid:'.length);
  d.createdAt = time(a.created, now);
  d.updatedAt = time(a.modified, d.createdAt);
  const target = Array.isArray(a.target) ? a.target[0] : a.target;
  if (typeof target === 'string') d.url = target;
  else if (target) {
    d.url = typeof target.source === 'string' ? target.source : (target.source?.id ?? '');
    d.title = target['dc:title'] ?? null;
    if (target.selector) readSelectors(Array.isArray(target.selector) ? target.selector : [target.selector], d);
  }
  const bodies = a.body === undefined ? [] : Array.isArray(a.body) ? a.body : [a.body];
  const notes: string[] = [];
  for (const b of bodies) {
    if (typeof b === 'string') {
      notes.push(b);
      continue;
    }
    const purpose = b.purpose ?? (b.value !== undefined ? 'commenting' : 'linking');
    if (purpose === 'tagging' && b.value) d.tags.push(b.value);
    else if (purpose === 'classifying') {
      const id = b.id?.startsWith(CLAIM_TYPE_IRI) ? b.id.slice(CLAIM_TYPE_IRI.length) : b.value;
      if (id && ClaimTypeIdSchema.safeParse(id).success) d.claimType = id;
      else if (b.value) d.tags.push(b.value);
    } else if (purpose === 'assessing' && (CLAIM_STATUSES as readonly string[]).includes(b.value ?? '')) {
      d.status = b.value as Highlight['status'];
    } else if (purpose === 'linking' && b.id && /^https?:\/\/\S+$/i.test(b.id)) d.sourceUrl = b.id;
    else if (b.value) notes.push(b.value);
  }
  d.note = notes.join('\n\n');
  if ((a as Record<string, unknown>).motivation === 'replying') d.isReply = true;
  return d;
}

function fromHypothesis(a: z.infer<typeof HypothesisIn>, index: number, now: number): Draft {
  const d = emptyDraft(now);
  d.id = highlightId(a.id, 'hyp-', index, 'hypothesis');
  d.url = a.uri;
  d.createdAt = time(a.created, now);
  d.updatedAt = time(a.updated, d.createdAt);
  const title = a.document?.title;
  d.title = (Array.isArray(title) ? title[0] : title) ?? null;
  d.note = a.text ?? '';
  // Hypothesis' tags may name a claim type ("claim", "evidence"…): those become the claim type.
  for (const tag of a.tags ?? []) {
    const key = tag.trim().toLowerCase();
    if (!d.claimType && (CLAIM_TYPES as readonly string[]).includes(key)) d.claimType = key;
    else d.tags.push(tag);
  }
  d.isReply = (a.references?.length ?? 0) > 0;
  const target = a.target?.[0];
  if (target?.selector) readSelectors(Array.isArray(target.selector) ? target.selector : [target.selector], d);
  return d;
}

/** The annotations in a parsed file, and which format they are in; null if neither. */
function listOf(raw: unknown): { items: unknown[]; kind: 'w3c' | 'hypothesis' } | null {
  const obj = raw as Record<string, unknown>;
  let items: unknown[] | null = null;
  if (Array.isArray(raw)) items = raw;
  else if (obj && typeof obj === 'object') {
    if (Array.isArray(obj.annotations)) items = obj.annotations;
    else if (Array.isArray(obj.rows)) items = obj.rows;
    else if (obj.type === 'AnnotationCollection' || obj.type === 'AnnotationPage') {
      const page = (obj.type === 'AnnotationPage' ? obj : obj.first) as Record<string, unknown> | undefined;
      items = Array.isArray(page?.items) ? page.items : Array.isArray(obj.items) ? obj.items : [];
    } else if (obj.type === 'Annotation' || 'uri' in obj) items = [raw];
  }
  if (!items) return null;
  const first = items[0] as Record<string, unknown> | undefined;
  const kind = first && typeof first === 'object' && 'uri' in first && !('body' in first) ? 'hypothesis' : 'w3c';
  return { items, kind };
}

function describePath(index: number, error: z.core.$ZodError): string {
  return `annotation ${index + 1}: ${z.prettifyError(error).replace(/\n/g, ' ')}`;
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
  for (const [i, item] of list.items.entries()) {
    if (list.kind === 'hypothesis') {
      const parsed = HypothesisIn.safeParse(item);
      if (!parsed.success)
        return { ok: false, error: `The Hypothesis file is not valid: ${describePath(i, parsed.error)}` };
      drafts.push(fromHypothesis(parsed.data, i, now));
    } else {
      const parsed = W3cIn.safeParse(item);
      if (!parsed.success)
        return { ok: false, error: `The annotation file is not valid: ${describePath(i, parsed.error)}` };
      drafts.push(fromW3c(parsed.data, i, now));
    }
  }
  return toBackup(drafts, list.kind, now);
}

function toBackup(drafts: Draft[], kind: 'w3c' | 'hypothesis', now: number): Parsed {
  const skipped: string[] = [];
  const articles = new Map<string, Article>();
  const highlights: Highlight[] = [];
  const seen = new Set<string>();
  for (const [i, d] of drafts.entries()) {
    const where = `annotation ${i + 1}`;
    const url = isAnnotatableUrl(d.url) ? cleanUrl(d.url) : null;
    if (d.isReply) skipped.push(`${where}: a reply to another annotation`);
    else if (!url) skipped.push(`${where}: no web address it belongs to ("${d.url.slice(0, 80)}")`);
    else if (!d.exact?.trim()) skipped.push(`${where}: a note on the whole page, with no quoted passage`);
    else if (d.exact.length > MAX_QUOTE) skipped.push(`${where}: the quote is longer than ${MAX_QUOTE} characters`);
    else if (seen.has(d.id)) skipped.push(`${where}: the same annotation twice`);
    else {
      seen.add(d.id);
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
        },
        claimType: d.claimType,
        status: d.status,
        sourceUrl: d.sourceUrl,
        tags: normaliseTags(d.tags),
        note: d.note,
        createdAt: d.createdAt,
        updatedAt: d.updatedAt,
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
  return { ok: true, backup: parsed.data, skipped, source: kind };
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
