/**
 * Reading the annotation formats Marginalia imports into one neutral shape (a draft per
 * annotation): W3C Web Annotations as anyone writes them (loose zod schemas for the shapes the
 * model allows) and Hypothesis' own annotations (API and client export). Turning drafts into
 * highlights is ./annotations.ts.
 */
import { CLAIM_STATUSES, CLAIM_TYPES } from '../claim-types';
import { CLAIM_TYPE_IRI, EARLIER_WORDING_ID, NOW_READS_ID } from '../export/web-annotation';
import { ClaimTypeIdSchema, type Highlight } from '../schema';
import { z } from '../zod';

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
  created: z.optional(Str),
});
/** A W3C Annotation as others write it: loose, with the shapes the model allows. */
export const W3cIn = z.looseObject({
  id: z.optional(Str),
  created: z.optional(Str),
  modified: z.optional(Str),
  body: z.optional(z.union([BodyIn, Str, z.array(z.union([BodyIn, Str]))])),
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
  };
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
    // Our statements of a change: what the page reads now, and earlier wordings (not notes).
    if (b.id?.startsWith(NOW_READS_ID) && b.value) d.pageNow = { text: b.value, at: time(b.created, d.updatedAt) };
    else if (b.id?.startsWith(EARLIER_WORDING_ID) && b.value)
      d.history.push({ exact: b.value, at: time(b.created, d.createdAt) });
    else if (purpose === 'tagging' && b.value) d.tags.push(b.value);
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

export function fromHypothesis(a: z.infer<typeof HypothesisIn>, index: number, now: number): Draft {
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
export function listOf(raw: unknown): { items: unknown[]; kind: 'w3c' | 'hypothesis' } | null {
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
