/**
 * W3C Web Annotation (JSON-LD) export.
 *
 * Export: an AnnotationCollection whose first page holds one Annotation per highlight, and one for
 * each article's page note (a commenting annotation on the whole page). The target keeps both
 * selectors (TextQuoteSelector + TextPositionSelector) and the article's title; the note is a
 * commenting body (Markdown) and each tag a tagging body (TextualBody). The claim type, the check
 * status and the source link are SpecificResource bodies whose `source` is an IRI: the claim type
 * and status as terms of Marginalia's own vocabulary (`urn:marginalia:vocab:`, named in the
 * export's @context as `marginalia:`), the source link as the page it links. The W3C test suite's
 * MUST assertions hold for every kind (tests/unit/web-annotation-suite.test.ts): a purpose sits only
 * on TextualBody and SpecificResource bodies, never beside an `id` on a body of its own, and a
 * highlight with nothing to say has no body at all.
 *
 * A passage the page has changed since keeps its original quote as the TextQuoteSelector; the
 * target's TimeState says when that quote was read, and a describing SpecificResource whose source
 * is a TextualBody (id `urn:marginalia:now-reads:…`) holds what the page reads there now. Earlier
 * wordings (the user accepted the page's new one) are described the same way
 * (`urn:marginalia:earlier-wording:…`). The import takes both back as what they are, never into the
 * note.
 *
 * Import of the same and of Hypothesis' exports: lib/import/annotations.ts.
 */
import type { Article, Highlight } from '../schema';

export const ANNO_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';
/** Marginalia's own vocabulary: claim types and check statuses as IRIs. */
export const VOCAB = 'urn:marginalia:vocab:';
/** The export's @context: the W3C one, and the `marginalia:` prefix for the vocabulary. */
export const EXPORT_CONTEXT = [ANNO_CONTEXT, { marginalia: VOCAB }] as const;
/** Claim type ids as IRIs (classifying bodies), e.g. urn:marginalia:vocab:claim-type:statistic. */
export const CLAIM_TYPE_IRI = `${VOCAB}claim-type:`;
/** Check statuses as IRIs (assessing bodies), e.g. urn:marginalia:vocab:status:disputed. */
export const STATUS_IRI = `${VOCAB}status:`;
/** Before this version, classifying bodies named the type under an example domain: still read. */
export const LEGACY_CLAIM_TYPE_IRI = 'https://marginalia.example/claim-types/';
/** Body ids of the statements of a change: what the page reads now, and earlier wordings. */
export const NOW_READS_ID = 'urn:marginalia:now-reads:';
export const EARLIER_WORDING_ID = 'urn:marginalia:earlier-wording:';

interface TextBody {
  type: 'TextualBody';
  purpose?: string;
  value: string;
  format?: string;
  id?: string;
  label?: string;
  created?: string;
}
interface ResourceBody {
  type: 'SpecificResource';
  purpose: string;
  source: string | TextBody;
}
type Body = TextBody | ResourceBody;

export interface WebAnnotation {
  '@context'?: unknown;
  id: string;
  type: 'Annotation';
  motivation: string;
  created: string;
  modified: string;
  body?: Body[];
  target:
    | PageTarget
    | {
        type: 'SpecificResource';
        source: string;
        'dc:title'?: string;
        selector: Highlight['target']['selector'];
        /** When the selectors were read from the page: set when the page has changed since. */
        state?: { type: 'TimeState'; sourceDate: string };
      };
}

/** The whole page as a target (an External Web Resource): a page note's target. */
interface PageTarget {
  id: string;
  'dc:title'?: string;
}

const iso = (t: number) => new Date(t).toISOString();

/** One highlight as a W3C Annotation. */
export function toWebAnnotation(h: Highlight, article: Article): WebAnnotation {
  const body: Body[] = [];
  if (h.note.trim()) body.push({ type: 'TextualBody', purpose: 'commenting', value: h.note, format: 'text/markdown' });
  for (const tag of h.tags) body.push({ type: 'TextualBody', purpose: 'tagging', value: tag });
  if (h.claimType)
    body.push({ type: 'SpecificResource', purpose: 'classifying', source: CLAIM_TYPE_IRI + h.claimType });
  if (h.status) body.push({ type: 'SpecificResource', purpose: 'assessing', source: STATUS_IRI + h.status });
  if (h.sourceUrl) body.push({ type: 'SpecificResource', purpose: 'linking', source: h.sourceUrl });
  for (const [i, earlier] of (h.history ?? []).entries()) {
    body.push({
      type: 'SpecificResource',
      purpose: 'describing',
      source: {
        type: 'TextualBody',
        id: `${EARLIER_WORDING_ID}${h.id}:${i}`,
        label: 'Earlier wording (the page changed it; the new wording was accepted)',
        value: earlier.quote.exact,
        format: 'text/plain',
        created: iso(earlier.at),
      },
    });
  }
  const now = h.pageNow?.text ?? h.kept?.now;
  if (now) {
    body.push({
      type: 'SpecificResource',
      purpose: 'describing',
      source: {
        type: 'TextualBody',
        id: `${NOW_READS_ID}${h.id}`,
        label: 'Now reads (the page changed this passage after it was highlighted)',
        value: now,
        format: 'text/plain',
        created: iso(h.pageNow?.at ?? h.kept?.at ?? h.updatedAt),
      },
    });
  }
  // The quote was read when highlighted, or when the page's wording was last accepted.
  const quotedAt = h.history?.length ? (h.history.at(-1)?.at ?? h.createdAt) : h.createdAt;
  return {
    id: `urn:uuid:${h.id}`,
    type: 'Annotation',
    motivation: h.note.trim() ? 'commenting' : h.claimType ? 'classifying' : 'highlighting',
    created: iso(h.createdAt),
    modified: iso(h.updatedAt),
    ...(body.length ? { body } : {}),
    target: {
      type: 'SpecificResource',
      source: h.target.source || article.url,
      'dc:title': article.title,
      selector: h.target.selector,
      ...(now ? { state: { type: 'TimeState' as const, sourceDate: iso(quotedAt) } } : {}),
    },
  };
}

/** Id prefix of the annotation that carries an article's page note. */
export const PAGE_NOTE_ID = 'urn:marginalia:page-note:';

/** An article's page note as a commenting annotation on the whole page. */
export function pageNoteAnnotation(article: Article): WebAnnotation {
  return {
    id: `${PAGE_NOTE_ID}${article.id}`,
    type: 'Annotation',
    motivation: 'commenting',
    created: iso(article.createdAt),
    modified: iso(article.updatedAt),
    body: [{ type: 'TextualBody', purpose: 'commenting', value: article.note, format: 'text/markdown' }],
    target: { id: article.url, 'dc:title': article.title },
  };
}

/** All highlights (and page notes) as one AnnotationCollection (JSON text). */
export function webAnnotationCollection(
  groups: readonly { article: Article; highlights: readonly Highlight[] }[],
  exportedAt: Date,
  label = 'Marginalia highlights',
): string {
  const items = groups.flatMap((g) => [
    ...(g.article.note.trim() ? [pageNoteAnnotation(g.article)] : []),
    ...g.highlights.map((h) => toWebAnnotation(h, g.article)),
  ]);
  const id = `urn:marginalia:export:${exportedAt.getTime()}`;
  return `${JSON.stringify(
    {
      '@context': EXPORT_CONTEXT,
      id,
      type: 'AnnotationCollection',
      label,
      generated: exportedAt.toISOString(),
      total: items.length,
      first: { id: `${id}:page:1`, type: 'AnnotationPage', partOf: id, startIndex: 0, items },
    },
    null,
    2,
  )}\n`;
}
