/**
 * What a lenient reading of a W3C Web Annotation passes over: the model's MUSTs whose breach does
 * not stop Marginalia from reading the annotation, named in words for the import's report.
 */
import { ANNO_CONTEXT } from '../export/web-annotation';

/**
 * What a lenient reading of a W3C annotation passed over, in words (the W3C model's MUSTs that do
 * not stop Marginalia from reading it). `inherited`: the file's own @context, for embedded items.
 */
export function w3cWarnings(raw: Record<string, unknown>, inherited: unknown): string[] {
  const out: string[] = [];
  const context = raw['@context'] ?? inherited;
  const contexts = Array.isArray(context) ? context : [context];
  if (context === undefined) out.push('it has no @context (the W3C one was assumed)');
  else if (!contexts.includes(ANNO_CONTEXT))
    out.push(`its @context is not the W3C one (${ANNO_CONTEXT}); read as if it were`);
  const iri = (v: unknown) => typeof v === 'string' && /^[a-z][a-z0-9+.-]*:\S+$/i.test(v);
  if (raw.id !== undefined && !iri(raw.id))
    out.push(`its id "${String(raw.id).slice(0, 60)}" is not an IRI (a new one was given)`);
  for (const key of ['created', 'modified', 'generated']) {
    const v = raw[key];
    if (v !== undefined && (typeof v !== 'string' || Number.isNaN(Date.parse(v))))
      out.push(`its "${key}" is not a date and time (${JSON.stringify(v).slice(0, 40)}); ignored`);
  }
  for (const key of ['rights', 'via', 'canonical']) {
    const v = raw[key];
    if (v !== undefined && !(Array.isArray(v) ? v.every(iri) : iri(v))) out.push(`its "${key}" is not an IRI; ignored`);
  }
  for (const key of ['creator', 'generator']) {
    const v = raw[key];
    if (v !== undefined && !(iri(v) || (typeof v === 'object' && v !== null)))
      out.push(`its "${key}" is neither an agent nor an IRI; ignored`);
  }
  if (raw.body !== undefined && raw.bodyValue !== undefined)
    out.push('it has both "body" and "bodyValue"; bodyValue was ignored');
  return out;
}
