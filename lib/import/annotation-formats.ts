/**
 * Reading the annotation formats Marginalia imports into one neutral shape (a draft per
 * annotation): W3C Web Annotations as anyone writes them (loose zod schemas for the shapes the
 * model allows) and Hypothesis' own annotations (API and client export). Turning drafts into
 * highlights is ./annotations.ts.
 */
import { CLAIM_STATUSES, CLAIM_TYPES } from '../claim-types';
import {
  CLAIM_TYPE_IRI,
  EARLIER_WORDING_ID,
  LEGACY_CLAIM_TYPE_IRI,
  NOW_READS_ID,
  PAGE_NOTE_ID,
  STATUS_IRI,
} from '../export/web-annotation';
import { ClaimTypeIdSchema, type Highlight, MAX_TAG } from '../schema';
import { z } from '../zod';

const Str = z.string();
/** A selector, or its IRI (a selector kept elsewhere, which cannot be read from the file). */
const Selector = z.union([z.looseObject({ type: Str }), Str]);
const TargetIn = z.looseObject({
  id: z.optional(Str),
  source: z.optional(z.union([Str, z.looseObject({ id: Str })])),
  selector: z.optional(z.union([Selector, z.array(Selector)])),
  'dc:title': z.optional(Str),
});
const TextIn = z.looseObject({
  id: z.optional(Str),
  value: z.optional(Str),
  created: z.optional(Str),
});
const BodyIn = z.looseObject({
  purpose: z.optional(Str),
  value: z.optional(Str),
  id: z.optional(Str),
  type: z.optional(z.union([Str, z.array(Str)])),
  created: z.optional(Str),
  /** A SpecificResource body: an IRI (a vocabulary term, a linked page) or an embedded resource. */
  source: z.optional(z.union([Str, TextIn])),
});
/** A W3C Annotation as others write it: loose, with the shapes the model allows. */
export const W3cIn = z.looseObject({
  id: z.optional(Str),
  created: z.optional(Str),
  modified: z.optional(Str),
  body: z.optional(z.union([BodyIn, Str, z.array(z.union([BodyIn, Str]))])),
  bodyValue: z.optional(Str),
  target: z.union([Str, TargetIn, z.array(z.union([Str, TargetIn]))]),
});
/** Hypothesis' own annotation shape (API and client export). */
export const HypothesisIn = z.looseObject({
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

export interface Draft {
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
  /** What the page read at the passage when last seen, when that differed from the quote. */
  pageNow: { text: string; at: number } | null;
  /** Earlier wordings of the quote, oldest first. */
  history: { exact: string; at: number }[];
  /** Why the annotation cannot be anchored although it has a target (a selector kept elsewhere). */
  unreadable: string | null;
  /** A note on the whole page (no selector): it becomes the article's note. */
  pageNote: boolean;
  /** The text model `start`/`end` count in, when not ours (Hypothesis: the body's raw text). */
  positionIn?: 'document-text';
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
    pageNow: null,
    history: [],
    unreadable: null,
    pageNote: false,
  };
}

/** A tag as Marginalia keeps them: spaces collapsed and trimmed, at most MAX_TAG characters. */
export function cleanTag(raw: string): string {
  const tag = raw.normalize('NFC').replace(/\s+/g, ' ').trim();
  return [...tag].slice(0, MAX_TAG).join('').trim();
}

/** The IRI a vocabulary term names after `base`, if it does. */
function term(iri: string | undefined, ...bases: string[]): string | null {
  for (const base of bases) if (iri?.startsWith(base)) return iri.slice(base.length);
  return null;
}

export function fromW3c(a: z.infer<typeof W3cIn>, index: number, now: number): Draft {
  const d = emptyDraft(now);
  d.id = highlightId(a.id, 'wa-', index, 'annotation');
  // Our own exports keep the highlight's id: take it back as it was.
  if (a.id?.startsWith('urn:uuid:')) d.id = a.id.slice('urn:uuid:'.length);
  d.createdAt = time(a.created, now);
  d.updatedAt = time(a.modified, d.createdAt);
  const target = Array.isArray(a.target) ? a.target[0] : a.target;
  if (typeof target === 'string') d.url = target;
  else if (target) {
    d.url = typeof target.source === 'string' ? target.source : (target.source?.id ?? target.id ?? '');
    d.title = target['dc:title'] ?? null;
    const selectors =
      target.selector === undefined ? [] : Array.isArray(target.selector) ? target.selector : [target.selector];
    const inline = selectors.filter((x): x is { type: string } => typeof x === 'object');
    if (inline.length) readSelectors(inline, d);
    else if (selectors.length) d.unreadable = 'its selector is kept elsewhere (an IRI), not in the file';
  }
  d.pageNote = !d.exact && !d.unreadable && (target === undefined || typeof target === 'string' || !target.selector);
  const bodies = a.body === undefined ? [] : Array.isArray(a.body) ? a.body : [a.body];
  const notes: string[] = a.bodyValue !== undefined && a.body === undefined ? [a.bodyValue] : [];
  for (const b of bodies) {
    if (typeof b === 'string') {
      // A body given as an IRI is a resource of its own (a comment elsewhere): a link, not note text.
      if (!d.sourceUrl && /^https?:\/\/\S+$/i.test(b)) d.sourceUrl = b;
      continue;
    }
    const source = typeof b.source === 'string' ? b.source : undefined;
    const embedded = typeof b.source === 'object' ? b.source : undefined;
    const id = b.id ?? embedded?.id;
    const value = b.value ?? embedded?.value;
    const created = b.created ?? embedded?.created;
    const purpose = b.purpose ?? (value !== undefined ? 'commenting' : 'linking');
    // Our statements of a change: what the page reads now, and earlier wordings (not notes).
    if (id?.startsWith(NOW_READS_ID) && value) d.pageNow = { text: value, at: time(created, d.updatedAt) };
    else if (id?.startsWith(EARLIER_WORDING_ID) && value)
      d.history.push({ exact: value, at: time(created, d.createdAt) });
    else if (purpose === 'tagging' && value) {
      const tag = cleanTag(value);
      if (tag) d.tags.push(tag);
    } else if (purpose === 'classifying') {
      const type = term(source ?? id, CLAIM_TYPE_IRI, LEGACY_CLAIM_TYPE_IRI) ?? value;
      if (type && ClaimTypeIdSchema.safeParse(type).success) d.claimType = type;
      else if (value) d.tags.push(value);
    } else if (purpose === 'assessing') {
      const status = term(source, STATUS_IRI) ?? value ?? '';
      if ((CLAIM_STATUSES as readonly string[]).includes(status)) d.status = status as Highlight['status'];
      else if (value) notes.push(value);
    } else if (purpose === 'linking') {
      const link = source ?? id;
      if (link && /^https?:\/\/\S+$/i.test(link)) d.sourceUrl = link;
    } else if (value) notes.push(value);
  }
  d.note = notes.join('\n\n');
  if ((a as Record<string, unknown>).motivation === 'replying') d.isReply = true;
  if (a.id?.startsWith(PAGE_NOTE_ID)) d.pageNote = true;
  return d;
}

export function fromHypothesis(a: z.infer<typeof HypothesisIn>, index: number, now: number): Draft {
  const d = emptyDraft(now);
  d.id = highlightId(a.id, 'hyp-', index, 'hypothesis');
  d.url = a.uri;
  d.createdAt = time(a.created, now);
  d.updatedAt = time(a.updated, d.createdAt);
  const title = a.document?.title;
  d.title = (Array.isArray(title) ? title[0] : title) ?? null;
  d.note = a.text ?? '';
  // Hypothesis accepts any tag: trimmed, blank ones dropped, long ones cut (never a refusal). A tag
  // naming a claim type ("claim", "evidence"…) sets the claim type and stays a tag.
  for (const raw of a.tags ?? []) {
    const tag = cleanTag(raw);
    if (!tag) continue;
    const key = tag.toLowerCase();
    if (!d.claimType && (CLAIM_TYPES as readonly string[]).includes(key)) d.claimType = key;
    d.tags.push(tag);
  }
  d.isReply = (a.references?.length ?? 0) > 0;
  const target = a.target?.[0];
  const selectors =
    target?.selector === undefined ? [] : Array.isArray(target.selector) ? target.selector : [target.selector];
  readSelectors(
    selectors.filter((x): x is { type: string } => typeof x === 'object'),
    d,
  );
  // Hypothesis counts positions in the body's raw textContent (scripts, white space): another text
  // model than ours, so the page converts them and uses them only as a hint.
  if (d.start !== null) d.positionIn = 'document-text';
  // Hypothesis' page notes have a target without selectors: the article's note.
  d.pageNote = !d.exact;
  return d;
}

/** The annotations in a parsed file, and which format they are in; null if neither. */
export function listOf(
  raw: unknown,
): { items: unknown[]; kind: 'w3c' | 'hypothesis'; elsewhere?: string; context?: unknown; replies?: number } | null {
  const obj = raw as Record<string, unknown>;
  let items: unknown[] | null = null;
  let elsewhere: string | undefined;
  let replies = 0;
  if (Array.isArray(raw)) items = raw;
  else if (obj && typeof obj === 'object') {
    if (Array.isArray(obj.annotations)) items = obj.annotations;
    else if (Array.isArray(obj.rows)) {
      // An API search response: its replies (with `_separate_replies`) are listed, not imported.
      items = obj.rows;
      if (Array.isArray(obj.replies) && obj.replies.length) replies = obj.replies.length;
    } else if (obj.type === 'AnnotationCollection' || obj.type === 'AnnotationPage') {
      const page = (obj.type === 'AnnotationPage' ? obj : obj.first) as Record<string, unknown> | string | undefined;
      // A collection whose pages live elsewhere: nothing is fetched, and the user is told so.
      if (typeof page === 'string') elsewhere = page;
      items =
        typeof page === 'object' && Array.isArray(page?.items) ? page.items : Array.isArray(obj.items) ? obj.items : [];
    } else if (obj.type === 'Annotation' || 'uri' in obj) items = [raw];
  }
  if (!items) return null;
  const first = items[0] as Record<string, unknown> | undefined;
  const kind = first && typeof first === 'object' && 'uri' in first && !('body' in first) ? 'hypothesis' : 'w3c';
  return {
    items,
    kind,
    ...(elsewhere ? { elsewhere } : {}),
    ...(replies ? { replies } : {}),
    context: obj?.['@context'],
  };
}
