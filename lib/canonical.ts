/** The canonical URL a document declares, read cheaply (the page side sends it with its messages). */

/** `rel=canonical`, else `og:url`, made absolute; null when neither is a URL. */
export function declaredCanonical(doc: Document): string | null {
  const link = doc.querySelector('link[rel~="canonical" i][href]')?.getAttribute('href');
  const og = doc.querySelector('meta[property="og:url"][content]')?.getAttribute('content');
  for (const candidate of [link, og]) {
    if (!candidate) continue;
    try {
      return new URL(candidate.trim(), doc.baseURI).href;
    } catch {
      // Not a URL: try the next one.
    }
  }
  return null;
}
