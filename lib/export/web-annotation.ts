/**
 * W3C Web Annotation (JSON-LD) export.
 *
 * Export: an AnnotationCollection whose first page holds one Annotation per highlight. The target
 * keeps both selectors (TextQuoteSelector + TextPositionSelector) and the article's title; the
 * note is a commenting body (Markdown), each tag a tagging body, the claim type a classifying body,
 * the check status an assessing body and the source link a linking body.
 *
 * Import of the same and of Hypothesis' exports: ./annotation-import.ts.
 */
import type { Article, Highlight } from '../schema';

export const ANNO_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';
/** Where claim type ids live as IRIs in exported classifying bodies. */
export const CLAIM_TYPE_IRI = 'https://marginalia.example/claim-types/';

interface Body {
  type?: string;
  purpose?: string;
  value?: string;
  format?: string;
  id?: string;
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
