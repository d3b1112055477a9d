/** What the page side tells the background about its page, cut to what the protocol carries. */
import { declaredCanonical } from '../canonical';
import { LIMITS } from '../page-protocol';

/**
 * The page's title and declared canonical URL: a page with a 5,000-character title is still
 * annotatable (the title is only a label until extraction), an over-long canonical is dropped.
 */
export function pageFacts(doc: Document): { title: string; canonical: string | null } {
  const canonical = declaredCanonical(doc);
  return {
    title: doc.title.slice(0, LIMITS.title),
    canonical: canonical && canonical.length <= LIMITS.canonical ? canonical : null,
  };
}
