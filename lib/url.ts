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

/** Host prefixes that name a variant of the same site (mobile, AMP, www). */
const VARIANT_PREFIX = /^(?:www\d*|m|mobile|amp|amp-[a-z0-9-]+)\./;

/** The registrable part of a host, near enough: the last two labels, three under ccTLD-like SLDs. */
function siteOf(host: string): string {
  const labels = host.replace(VARIANT_PREFIX, '').split('.');
  if (labels.length <= 2) return labels.join('.');
  const tld = labels[labels.length - 1] as string;
  const sld = labels[labels.length - 2] as string;
  // co.uk, com.vn, org.au, gov.vn, ne.jp …: a short second-level label under a country code.
  const take = tld.length === 2 && (sld.length <= 3 || ['gouv', 'govt'].includes(sld)) ? 3 : 2;
  return labels.slice(-take).join('.');
}

/** True when two URLs are on the same site (variants like `m.` and `amp.` included). */
export function sameSite(a: string, b: string): boolean {
  try {
    const ua = new URL(a);
    const ub = new URL(b);
    if (ua.protocol === 'file:' || ub.protocol === 'file:') return ua.href === ub.href;
    return siteOf(ua.hostname.toLowerCase()) === siteOf(ub.hostname.toLowerCase());
  } catch {
    return false;
  }
}

/** An article's key and every clean URL known to lead to it. */
export interface ArticleKeys {
  key: string;
  aliases: string[];
}

/**
 * The identity of the article at `pageUrl`: its declared canonical URL (`rel=canonical`/`og:url`)
 * when that is on the same site (AMP and mobile variants declare the desktop page), else the page's
 * own clean URL. A canonical pointing at another site is ignored: a page cannot claim another
 * site's article. Null when `pageUrl` is not a URL.
 */
export function articleKeys(pageUrl: string, canonical?: string | null): ArticleKeys | null {
  const own = cleanUrl(pageUrl);
  if (!own) return null;
  const declared = canonical ? cleanUrl(canonical) : null;
  if (declared && isAnnotatableUrl(declared) && declared.startsWith('http') && sameSite(own, declared)) {
    return { key: declared, aliases: declared === own ? [own] : [declared, own] };
  }
  return { key: own, aliases: [own] };
}
