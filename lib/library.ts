/**
 * The library's view of everything: filtering, searching (lib/search.ts) and sorting articles and
 * highlights into the rows of one virtualised list (an article header, then its matching highlights
 * in article order). Pure, so it is tested without a browser.
 */
import type { Article, Highlight } from './schema';
import { OWN, queryTerms, type SearchIndex } from './search';

/** How the articles are ordered. */
export const ARTICLE_SORTS = ['annotated', 'published', 'site', 'title'] as const;
export type ArticleSort = (typeof ARTICLE_SORTS)[number];

/** The library's filters; empty strings and nulls mean "any". */
export interface LibraryFilter {
  query: string;
  tag: string;
  /** A claim type id, `none` for plain highlights, or '' for any. */
  claimType: string;
  /** A status, `none` for claims without one, or '' for any. */
  status: string;
  site: string;
  /** Highlights made on or after / before the end of these days (YYYY-MM-DD), or ''. */
  from: string;
  to: string;
  /** Only articles that changed since they were annotated (edited passages or blocks). */
  changed: boolean;
  sort: ArticleSort;
}

export const EMPTY_FILTER: LibraryFilter = {
  query: '',
  tag: '',
  claimType: '',
  status: '',
  site: '',
  from: '',
  to: '',
  changed: false,
  sort: 'annotated',
};

/**
 * One row of the list. `key` tells rows apart in the list (made once with the row, so laying out
 * 100,000 rows makes no strings).
 */
export type LibraryRow =
  | {
      kind: 'article';
      key: string;
      article: Article;
      highlights: Highlight[];
      total: number;
      /** With a search: how many of its highlights match by their own text (the rest by its title). */
      matched?: number;
    }
  | { kind: 'highlight'; key: string; highlight: Highlight; article: Article };

/** Everything loaded, with its search index (built once per change of the data). */
export interface LibraryData {
  articles: Article[];
  highlights: Highlight[];
  byArticle: Map<string, Article>;
  index: SearchIndex;
  /**
   * Prepared once per change, so a keystroke only tests highlights, reading arrays: per article (by
   * its place in `articles`) its highlights as places in `highlights`, in article order, and its
   * site; and the articles' places in each sort order (made when first asked for).
   */
  grouped: Int32Array[];
  sites: string[];
  sorted: Map<ArticleSort, Int32Array>;
  /**
   * Rows made once and reused by every keystroke (a list of 100,000 rows made afresh each time is
   * mostly garbage collection): each article's row with all its highlights, each highlight's row.
   */
  articleRows: (LibraryRow & { kind: 'article' })[];
  highlightRows: (LibraryRow & { kind: 'highlight' })[];
  /**
   * How many highlights carry each tag, counted while the data is made (in its slices) and kept up
   * to date by a patch: the filter menu and the tag manager read it instead of going through every
   * highlight when the data changes (at 100,000 highlights about 30 ms each in CPU profiles of a
   * fresh page, in the render that shows everything loaded).
   */
  tagCounts: Map<string, number>;
}

/** The site an article is filed under: its site name, else its host. */
export function siteOf(article: Article): string {
  if (article.siteName) return article.siteName;
  try {
    return new URL(article.url).hostname.replace(/^www\./, '');
  } catch {
    return article.url;
  }
}

/** What search looks in for a highlight: its quote, note and tags. */
export function itemText(h: Highlight): string {
  return `${h.target.selector[0].exact}\n${h.note}\n${h.tags.map((t) => `#${t}`).join(' ')}`;
}

/** What search looks in for an article: its title and page note. */
export function articleText(a: Article): string {
  return `${a.title}\n${a.note}`;
}

/** The articles in a sort order, as their places in `data.articles` (made when first asked for). */
function sortedArticles(data: LibraryData, sort: ArticleSort): Int32Array {
  let order = data.sorted.get(sort);
  if (!order) {
    const compare = articleComparator(sort);
    const { articles, sites } = data;
    order = Int32Array.from(articles.keys()).sort((a, b) =>
      compare(articles[a] as Article, articles[b] as Article, sites[a] as string, sites[b] as string),
    );
    data.sorted.set(sort, order);
  }
  return order;
}

/** True when any filter other than the sort is set. */
export function isFiltering(f: LibraryFilter): boolean {
  return !!(f.query.trim() || f.tag || f.claimType || f.status || f.site || f.from || f.to || f.changed);
}

function dayStart(day: string): number {
  return day ? new Date(`${day}T00:00:00`).getTime() : Number.NEGATIVE_INFINITY;
}
function dayEnd(day: string): number {
  return day ? new Date(`${day}T00:00:00`).getTime() + 86_400_000 : Number.POSITIVE_INFINITY;
}

/** Compares articles (with their sites) for a sort; ties fall back to the most recently annotated. */
function articleComparator(sort: ArticleSort): (a: Article, b: Article, siteA: string, siteB: string) => number {
  const recent = (a: Article, b: Article) => b.updatedAt - a.updatedAt;
  switch (sort) {
    case 'published':
      return (a, b) => (b.publishedTime ?? '').localeCompare(a.publishedTime ?? '') || recent(a, b);
    case 'site':
      return (a, b, siteA, siteB) => siteA.localeCompare(siteB) || recent(a, b);
    case 'title':
      return (a, b) => a.title.localeCompare(b.title) || recent(a, b);
    default:
      return recent;
  }
}

/**
 * The rows to show. Without filters: every article (with all its highlights listed under it only
 * when `expandAll`). With filters: the articles with matching highlights, each followed by them.
 */
export function libraryRows(
  data: LibraryData,
  f: LibraryFilter,
  expandAll = false,
  /**
   * Filled in: how many highlight rows are listed, and how many of those match by their own text
   * (an article whose title or page note matches lists all its highlights; they do not count).
   */
  counts: { matched: number; listed: number } = { matched: 0, listed: 0 },
): LibraryRow[] {
  counts.matched = 0;
  counts.listed = 0;
  const filtering = isFiltering(f);
  const hits = data.index.search(queryTerms(f.query));
  const from = dayStart(f.from);
  const to = dayEnd(f.to);
  // Filters tested on each highlight; without them a highlight is kept on its search hit alone.
  const perHighlight = !!(f.tag || f.claimType || f.status || f.from || f.to);
  const listing = filtering || expandAll;
  const rows: LibraryRow[] = [];
  let kept = new Int32Array(64);
  for (const a of sortedArticles(data, f.sort)) {
    if (f.site && data.sites[a] !== f.site) continue;
    const article = data.articles[a] as Article;
    const positions = data.grouped[a] as Int32Array;
    if (f.changed && !changedSinceAnnotated(article, positions, data.highlights)) continue;
    const whole = data.articleRows[a] as LibraryRow & { kind: 'article' };
    if (!hits && !perHighlight) {
      // Every highlight kept: the article's own row, made once, and its highlights' rows.
      if (filtering && positions.length === 0) continue;
      rows.push(whole);
      if (listing) {
        for (let k = 0; k < positions.length; k++) rows.push(data.highlightRows[positions[k] as number] as LibraryRow);
        counts.listed += positions.length;
        counts.matched += positions.length;
      }
      continue;
    }
    if (kept.length < positions.length) kept = new Int32Array(positions.length * 2);
    let n = 0;
    let own = 0;
    for (let k = 0; k < positions.length; k++) {
      const i = positions[k] as number;
      const hit = hits ? hits[i] : OWN;
      if (!hit) continue;
      if (perHighlight) {
        const h = data.highlights[i] as Highlight;
        if (f.tag && !h.tags.includes(f.tag)) continue;
        if (f.claimType && (h.claimType ?? 'none') !== f.claimType) continue;
        if (f.status && (h.status ?? 'none') !== f.status) continue;
        if (h.createdAt < from || h.createdAt >= to) continue;
      }
      kept[n++] = i;
      if (hit === OWN) own++;
    }
    if (filtering && n === 0) continue;
    if (n === positions.length && own === n) rows.push(whole);
    else {
      const list = new Array<Highlight>(n);
      for (let k = 0; k < n; k++) list[k] = data.highlights[kept[k] as number] as Highlight;
      rows.push({
        kind: 'article',
        key: whole.key,
        article,
        highlights: list,
        total: whole.total,
        matched: own,
      });
    }
    if (listing) {
      for (let k = 0; k < n; k++) rows.push(data.highlightRows[kept[k] as number] as LibraryRow);
      counts.listed += n;
      counts.matched += own;
    }
  }
  return rows;
}

/**
 * True when the article changed since it was annotated, as last seen: blocks edited, added or
 * removed against its baseline, or a highlighted passage that now reads differently.
 */
export function changedSinceAnnotated(
  article: Article,
  positions: ArrayLike<number>,
  highlights: readonly Highlight[],
): boolean {
  const c = article.lastChanges;
  if (c && c.edited + c.added + c.removed > 0) return true;
  for (let i = 0; i < positions.length; i++) if (highlights[positions[i] as number]?.pageNow) return true;
  return false;
}
