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

/** True for an IP address literal (v4, or v6 in brackets) or a localhost name: compared exactly. */
function isExactHost(host: string): boolean {
  return (
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    host.startsWith('[') ||
    /^\d{1,3}(?:\.\d{1,3}){3}$/.test(host)
  );
}

/**
 * Hosting services whose users each get a subdomain but that the Public Suffix List does not (yet)
 * list: here, as there, `alice.substack.com` and `mallory.substack.com` are two sites.
 */
const SHARED_HOSTS = new Set([
  'substack.com',
  'medium.com',
  'wordpress.com',
  'tumblr.com',
  'wixsite.com',
  'weebly.com',
  'livejournal.com',
  'typepad.com',
  'over-blog.com',
  'hashnode.dev',
  'beehiiv.com',
  'ghost.io',
  'notion.site',
  'gitbook.io',
  'webflow.io',
  'squarespace.com',
  'jimdofree.com',
  'neocities.org',
  'bearblog.dev',
  'micro.blog',
]);

/**
 * The registrable domain of a host by the Public Suffix List, private section included, so that
 * `alice.github.io` and `mallory.github.io` (or two Blogspot, Netlify, Vercel … sites) are two
 * sites, as browsers treat them; the shared hosts above are treated as public suffixes too. Null
 * for an IP, localhost, or a host that is itself a public suffix.
 */
function registrableDomain(getDomain: GetDomain, host: string): string | null {
  if (isExactHost(host)) return null;
  const domain = getDomain(host, { allowPrivateDomains: true, extractHostname: false });
  if (!domain || !SHARED_HOSTS.has(domain)) return domain ?? null;
  // One label more: the user's own site on the shared host.
  const labels = host.replace(VARIANT_PREFIX, '').split('.');
  const depth = domain.split('.').length + 1;
  return labels.length >= depth ? labels.slice(-depth).join('.') : null;
}

/** Host prefixes that name a variant of the same site (mobile, AMP, www). */
const VARIANT_PREFIX = /^(?:www\d*|m|mobile|amp|amp-[a-z0-9-]+)\./;

type GetDomain = (host: string, options: { allowPrivateDomains: boolean; extractHostname: boolean }) => string | null;

/** Both URLs parsed, or null; and whether scheme and port (and for file: URLs, all) agree. */
function comparable(a: string, b: string): { ha: string; hb: string } | null {
  let ua: URL;
  let ub: URL;
  try {
    ua = new URL(a);
    ub = new URL(b);
  } catch {
    return null;
  }
  if (ua.protocol === 'file:' || ub.protocol === 'file:') return ua.href === ub.href ? { ha: '', hb: '' } : null;
  if (ua.protocol !== ub.protocol || ua.port !== ub.port) return null;
  return { ha: ua.hostname.toLowerCase(), hb: ub.hostname.toLowerCase() };
}

/** True when two URLs have the same scheme, host and port (a `file:` URL: the same URL). */
export function sameHost(a: string, b: string): boolean {
  const hosts = comparable(a, b);
  return !!hosts && hosts.ha === hosts.hb;
}

/**
 * True when two URLs are on the same site as a browser draws the line: same scheme, same port, and
 * the same registrable domain by the Public Suffix List (`www.`, `m.`, `amp.` variants of one
 * site are one site). IP addresses, localhost and public suffixes only match themselves exactly;
 * `file:` URLs only match themselves. The list (tldts, ~60 KB gzipped) is loaded only when two
 * hosts differ, so an extension page that opens on an ordinary article does not wait for it.
 */
export async function sameSite(a: string, b: string): Promise<boolean> {
  const hosts = comparable(a, b);
  if (!hosts) return false;
  if (hosts.ha === hosts.hb) return true;
  if (isExactHost(hosts.ha) || isExactHost(hosts.hb)) return false;
  const { getDomain } = await import('tldts');
  const da = registrableDomain(getDomain, hosts.ha);
  return da !== null && da === registrableDomain(getDomain, hosts.hb);
}

/** An article's key and every clean URL known to lead to it. */
export interface ArticleKeys {
  key: string;
  aliases: string[];
}

/**
 * The identity of the article at `pageUrl`: its declared canonical URL (`rel=canonical`/`og:url`)
 * when that is on the same site (AMP and mobile variants declare the desktop page), else the page's
 * own clean URL. A canonical pointing at another site (by the Public Suffix List, scheme and port)
 * is ignored: a page cannot claim, read, repaint or rename another site's article. Null when
 * `pageUrl` is not a URL.
 */
export async function articleKeys(pageUrl: string, canonical?: string | null): Promise<ArticleKeys | null> {
  const own = cleanUrl(pageUrl);
  if (!own) return null;
  const declared = canonical ? cleanUrl(canonical) : null;
  if (declared && isAnnotatableUrl(declared) && declared.startsWith('http') && (await sameSite(own, declared))) {
    return { key: declared, aliases: declared === own ? [own] : [declared, own] };
  }
  return { key: own, aliases: [own] };
}
