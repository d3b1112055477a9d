/**
 * W3C Web Annotation (JSON-LD) export.
 *
 * Export: an AnnotationCollection whose first page holds one Annotation per highlight. The target
 * keeps both selectors (TextQuoteSelector + TextPositionSelector) and the article's title; the
 * note is a commenting body (Markdown), each tag a tagging body, the claim type a classifying body,
 * the check status an assessing body and the source link a linking body.
 *
 * A passage the page has changed since keeps its original quote as the TextQuoteSelector; the
 * target's TimeState says when that quote was read, and a describing body (id `urn:marginalia:now-
 * reads:…`) holds what the page reads there now. Earlier wordings (the user accepted the page's new
 * one) are describing bodies too (`urn:marginalia:earlier-wording:…`). The import takes both back
 * as what they are, never into the note.
 *
 * Import of the same and of Hypothesis' exports: lib/import/annotations.ts.
 */
import type { Article, Highlight } from '../schema';

export const ANNO_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';
/** Where claim type ids live as IRIs in exported classifying bodies. */
export const CLAIM_TYPE_IRI = 'https://marginalia.example/claim-types/';
/** Body ids of the statements of a change: what the page reads now, and earlier wordings. */
export const NOW_READS_ID = 'urn:marginalia:now-reads:';
export const EARLIER_WORDING_ID = 'urn:marginalia:earlier-wording:';

interface Body {
  type?: string;
  purpose?: string;
  value?: string;
  format?: string;
  id?: string;
  label?: string;
  created?: string;
}

export interface WebAnnotation {
  '@context'?: string;
  id: string;
  type: 'Annotation';
  motivation: string;
  created: string;
  modified: string;
  body: Body[];
  target: {
    type: 'SpecificResource';
    source: string;
    'dc:title'?: string;
    selector: Highlight['target']['selector'];
    /** When the selectors were read from the page: set when the page has changed since. */
    state?: { type: 'TimeState'; sourceDate: string };
  };
}

const iso = (t: number) => new Date(t).toISOString();

/** One highlight as a W3C Annotation. */
export function toWebAnnotation(h: Highlight, article: Article): WebAnnotation {
  const body: Body[] = [];
  if (h.note.trim()) body.push({ type: 'TextualBody', purpose: 'commenting', value: h.note, format: 'text/markdown' });
  for (const tag of h.tags) body.push({ type: 'TextualBody', purpose: 'tagging', value: tag });
  if (h.claimType) {
    body.push({ type: 'TextualBody', purpose: 'classifying', value: h.claimType, id: CLAIM_TYPE_IRI + h.claimType });
  }
  if (h.status) body.push({ type: 'TextualBody', purpose: 'assessing', value: h.status });
  if (h.sourceUrl) body.push({ id: h.sourceUrl, purpose: 'linking' });
  for (const [i, earlier] of (h.history ?? []).entries()) {
    body.push({
      type: 'TextualBody',
      id: `${EARLIER_WORDING_ID}${h.id}:${i}`,
      purpose: 'describing',
      label: 'Earlier wording (the page changed it; the new wording was accepted)',
      value: earlier.quote.exact,
      format: 'text/plain',
      created: iso(earlier.at),
    });
  }
  const now = h.pageNow?.text ?? h.kept?.now;
  if (now) {
    body.push({
      type: 'TextualBody',
      id: `${NOW_READS_ID}${h.id}`,
      purpose: 'describing',
      label: 'Now reads (the page changed this passage after it was highlighted)',
      value: now,
      format: 'text/plain',
      created: iso(h.pageNow?.at ?? h.kept?.at ?? h.updatedAt),
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
    body,
    target: {
      type: 'SpecificResource',
      source: h.target.source || article.url,
      'dc:title': article.title,
      selector: h.target.selector,
      ...(now ? { state: { type: 'TimeState' as const, sourceDate: iso(quotedAt) } } : {}),
    },
  };
}

/** All highlights as one AnnotationCollection (JSON text). */
export function webAnnotationCollection(
  groups: readonly { article: Article; highlights: readonly Highlight[] }[],
  exportedAt: Date,
  label = 'Marginalia highlights',
): string {
  const items = groups.flatMap((g) => g.highlights.map((h) => toWebAnnotation(h, g.article)));
  return `${JSON.stringify(
    {
      '@context': ANNO_CONTEXT,
      id: `urn:marginalia:export:${exportedAt.getTime()}`,
      type: 'AnnotationCollection',
      label,
      generated: exportedAt.toISOString(),
      total: items.length,
      first: { type: 'AnnotationPage', startIndex: 0, items },
    },
    null,
    2,
  )}\n`;
}
