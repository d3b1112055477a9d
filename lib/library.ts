/**
 * The library's view of everything: filtering, searching (lib/search.ts) and sorting articles and
 * highlights into the rows of one virtualised list (an article header, then its matching highlights
 * in article order). Pure, so it is tested without a browser.
 */
import { byArticleOrder } from './records';
import type { Article, Highlight } from './schema';
import { OWN, queryTerms, SearchIndex } from './search';

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

/** One row of the list. */
export type LibraryRow =
  | {
      kind: 'article';
      article: Article;
      highlights: Highlight[];
      total: number;
      /** With a search: how many of its highlights match by their own text (the rest by its title). */
      matched?: number;
    }
  | { kind: 'highlight'; highlight: Highlight; article: Article };

/** Everything loaded, with its search index (built once per change of the data). */
export interface LibraryData {
  articles: Article[];
  highlights: Highlight[];
  byArticle: Map<string, Article>;
  index: SearchIndex;
  /**
   * Prepared once per change, so a keystroke only tests highlights: each article's highlights (as
   * positions in `highlights`) in article order, each article's site, and the articles in each sort
   * order (made when first asked for).
   */
  grouped: Map<string, Int32Array>;
  sites: Map<string, string>;
  sorted: Map<ArticleSort, Article[]>;
  /**
   * Rows made once and reused by every keystroke (a list of 100,000 rows made afresh each time is
   * mostly garbage collection): each article's row with all its highlights, each highlight's row.
   */
  articleRows: Map<string, LibraryRow & { kind: 'article' }>;
  highlightRows: (LibraryRow & { kind: 'highlight' })[];
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

/** Builds the in-memory data and search index from the stored records. */
export function buildLibraryData(articles: Article[], highlights: Highlight[]): LibraryData {
  const byArticle = new Map(articles.map((a) => [a.id, a]));
  const index = new SearchIndex(
    highlights.map((h) => ({
      articleId: h.articleId,
      text: `${h.target.selector[0].exact}\n${h.note}\n${h.tags.map((t) => `#${t}`).join(' ')}`,
    })),
    articles.map((a) => ({ id: a.id, text: `${a.title}\n${a.note}` })),
  );
  const positions = new Map<string, number[]>();
  for (const [i, h] of highlights.entries()) {
    const list = positions.get(h.articleId);
    if (list) list.push(i);
    else positions.set(h.articleId, [i]);
  }
  const grouped = new Map<string, Int32Array>();
  for (const [id, list] of positions) {
    list.sort((a, b) => byArticleOrder(highlights[a] as Highlight, highlights[b] as Highlight));
    grouped.set(id, Int32Array.from(list));
  }
  const sites = new Map(articles.map((a) => [a.id, siteOf(a)]));
  const articleRows = new Map<string, LibraryRow & { kind: 'article' }>();
  for (const article of articles) {
    const positions = grouped.get(article.id) ?? NO_POSITIONS;
    const list = Array.from(positions, (i) => highlights[i] as Highlight);
    articleRows.set(article.id, { kind: 'article', article, highlights: list, total: list.length });
  }
  const highlightRows = highlights.map((highlight) => ({
    kind: 'highlight' as const,
    highlight,
    article: byArticle.get(highlight.articleId) as Article,
  }));
  return {
    articles,
    highlights,
    byArticle,
    index,
    grouped,
    sites,
    sorted: new Map(),
    articleRows,
    highlightRows,
  };
}

function sortedArticles(data: LibraryData, sort: ArticleSort): Article[] {
  let list = data.sorted.get(sort);
  if (!list) {
    list = [...data.articles].sort(articleComparator(sort, data.sites));
    data.sorted.set(sort, list);
  }
  return list;
}

const NO_POSITIONS = new Int32Array(0);

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

/** Compares articles for a sort; ties fall back to the most recently annotated. */
function articleComparator(sort: ArticleSort, sites: Map<string, string>): (a: Article, b: Article) => number {
  const recent = (a: Article, b: Article) => b.updatedAt - a.updatedAt;
  switch (sort) {
    case 'published':
      return (a, b) => (b.publishedTime ?? '').localeCompare(a.publishedTime ?? '') || recent(a, b);
    case 'site':
      return (a, b) => (sites.get(a.id) ?? '').localeCompare(sites.get(b.id) ?? '') || recent(a, b);
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
  const rows: LibraryRow[] = [];
  const kept: number[] = [];
  for (const article of sortedArticles(data, f.sort)) {
    if (f.site && data.sites.get(article.id) !== f.site) continue;
    const positions = data.grouped.get(article.id) ?? NO_POSITIONS;
    if (f.changed && !changedSinceAnnotated(article, positions, data.highlights)) continue;
    const whole = data.articleRows.get(article.id) as LibraryRow & { kind: 'article' };
    kept.length = 0;
    for (const i of positions) {
      if (hits && !hits[i]) continue;
      const h = data.highlights[i] as Highlight;
      if (f.tag && !h.tags.includes(f.tag)) continue;
      if (f.claimType && (h.claimType ?? 'none') !== f.claimType) continue;
      if (f.status && (h.status ?? 'none') !== f.status) continue;
      if (h.createdAt < from || h.createdAt >= to) continue;
      kept.push(i);
    }
    if (filtering && kept.length === 0) continue;
    let own = kept.length;
    if (hits) {
      own = 0;
      for (const i of kept) if (hits[i] === OWN) own++;
    }
    // Every highlight kept and matched by its own text: the article's own row, made once.
    rows.push(
      kept.length === positions.length && own === kept.length
        ? whole
        : { ...whole, highlights: kept.map((i) => data.highlights[i] as Highlight), matched: own },
    );
    if (filtering || expandAll) {
      for (const i of kept) rows.push(data.highlightRows[i] as LibraryRow);
      counts.listed += kept.length;
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

/** The sites and tags present, for the filter menus. */
export function facets(data: LibraryData): { sites: string[]; tags: string[] } {
  const sites = [...new Set(data.sites.values())].sort((a, b) => a.localeCompare(b));
  const tags = [...new Set(data.highlights.flatMap((h) => h.tags))].sort((a, b) => a.localeCompare(b));
  return { sites, tags };
}

/**
 * Highlights grouped by article for export: articles in the library's order, each article's
 * highlights in article order. `keep` chooses highlights (null: all of them).
 */
export function exportGroups(
  data: LibraryData,
  keep: ((h: Highlight) => boolean) | null,
): { article: Article; highlights: Highlight[] }[] {
  const groups: { article: Article; highlights: Highlight[] }[] = [];
  for (const article of data.articles) {
    const list: Highlight[] = [];
    for (const i of data.grouped.get(article.id) ?? NO_POSITIONS) {
      const h = data.highlights[i] as Highlight;
      if (!keep || keep(h)) list.push(h);
    }
    if (list.length) groups.push({ article, highlights: list });
  }
  return groups;
}

/** A tag and how many highlights carry it. */
export interface TagCount {
  tag: string;
  count: number;
}

/**
 * Highlights per tag, most used first, counted from the library's data already in memory (one
 * pass, milliseconds for 100,000 highlights; reading the tag index again would take seconds).
 */
export function tagCountsOf(highlights: readonly Highlight[]): TagCount[] {
  const counts = new Map<string, number>();
  for (const h of highlights) for (const tag of h.tags) counts.set(tag, (counts.get(tag) ?? 0) + 1);
  return [...counts]
    .map(([tag, count]) => ({ tag, count }))
    .sort((a, b) => b.count - a.count || a.tag.localeCompare(b.tag));
}
