/**
 * Article identity: one article, one key, however it was reached. The key is the URL without its
 * fragment and without tracking parameters; parameters that select content (`?id=`, `?p=`) stay.
 */

/** Query parameters that only track the visit and never change what the page shows. */
const TRACKING_PARAMS = new Set([
  'fbclid',
  'gclid',
  'dclid',
  'gbraid',
  'wbraid',
  'msclkid',
  'yclid',
  'twclid',
  'igshid',
  'mc_cid',
  'mc_eid',
  'ref',
  'ref_src',
  'ref_url',
  'cmpid',
  'ocid',
  'smid',
  'sr_share',
  '_ga',
  '_gl',
  'spm',
  'share',
  'at_medium',
  'at_campaign',
]);

const TRACKING_PREFIXES = ['utm_', 'pk_', 'mtm_', 'hsa_', 'itm_'];

function isTracking(name: string): boolean {
  const n = name.toLowerCase();
  return TRACKING_PARAMS.has(n) || TRACKING_PREFIXES.some((p) => n.startsWith(p));
}

/** Schemes the annotator can work on. Browser-internal pages and extension pages are not pages. */
export function isAnnotatableUrl(url: string | undefined | null): boolean {
  if (!url) return false;
  try {
    const { protocol } = new URL(url);
    return protocol === 'http:' || protocol === 'https:' || protocol === 'file:';
  } catch {
    return false;
  }
}

/**
 * The clean form of a URL: no fragment, no tracking parameters, no default port, lower-case host,
 * remaining parameters in their original order. Returns null for something that is not a URL.
 */
export function cleanUrl(url: string): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  u.hash = '';
  const kept = [...u.searchParams].filter(([name]) => !isTracking(name));
  u.search = '';
  for (const [name, value] of kept) u.searchParams.append(name, value);
  return u.href.replace(/\?$/, '');
}
