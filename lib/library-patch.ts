/**
 * The library's data kept up to date after a write without making it again from every record: the
 * records read back patched into its search index, groups and rows (lib/ui/use-library-data.ts).
 */
import { type ArticleSort, articleText, itemText, type LibraryData, siteOf } from './library';
import { byArticleOrder } from './records';
import type { Article, Highlight } from './schema';

/**
 * The data with records read back after a write patched in place: what changed in a highlight or an
 * article already held (its search text, rows, order among its article's highlights, the article
 * sort orders), the rest shared. At 100,000 highlights making everything again takes the library's
 * thread about a second for each note saved. Null when the write calls for that instead: a record
 * added or removed, a highlight moved to another article, or the search index carrying too many
 * replaced texts.
 */
export function patchLibraryData(
  data: LibraryData,
  articles: ReadonlyMap<string, Article | undefined>,
  highlights: ReadonlyMap<string, Highlight | undefined>,
): LibraryData | null {
  const articlePlace = new Map<string, number>();
  for (const id of articles.keys()) articlePlace.set(id, -1);
  const highlightPlace = new Map<string, number>();
  for (const id of highlights.keys()) highlightPlace.set(id, -1);
  data.articles.forEach((a, i) => {
    if (articlePlace.has(a.id)) articlePlace.set(a.id, i);
  });
  data.highlights.forEach((h, i) => {
    if (highlightPlace.has(h.id)) highlightPlace.set(h.id, i);
  });
  for (const [id, i] of articlePlace) if (i < 0 || !articles.get(id)) return null;
  for (const [id, i] of highlightPlace) {
    const now = highlights.get(id);
    if (i < 0 || !now || now.articleId !== (data.highlights[i] as Highlight).articleId) return null;
  }
  const itemTexts = new Map<number, string>();
  const articleTexts = new Map<number, string>();
  const next = {
    ...data,
    articles: data.articles.slice(),
    highlights: data.highlights.slice(),
    byArticle: new Map(data.byArticle),
    grouped: data.grouped.slice(),
    sites: data.sites.slice(),
    // The sort orders may have changed (a title, a date): made again when next asked for.
    sorted: new Map<ArticleSort, Int32Array>(),
    articleRows: data.articleRows.slice(),
    highlightRows: data.highlightRows.slice(),
    tagCounts: new Map(data.tagCounts),
  };
  const touched = new Set<number>();
  for (const [id, a] of articlePlace) {
    const article = articles.get(id) as Article;
    next.articles[a] = article;
    next.byArticle.set(id, article);
    next.sites[a] = siteOf(article);
    articleTexts.set(a, articleText(article));
    touched.add(a);
  }
  for (const [id, i] of highlightPlace) {
    const highlight = highlights.get(id) as Highlight;
    count(next.tagCounts, (next.highlights[i] as Highlight).tags, -1);
    count(next.tagCounts, highlight.tags, 1);
    next.highlights[i] = highlight;
    next.highlightRows[i] = {
      kind: 'highlight',
      key: `h:${id}`,
      highlight,
      article: next.byArticle.get(highlight.articleId) as Article,
    };
    itemTexts.set(i, itemText(highlight));
    touched.add(articlePlaceOf(next, highlight.articleId));
  }
  const index = data.index.with(itemTexts, articleTexts);
  if (!index) return null;
  next.index = index;
  // Each touched article: its highlights in article order again, its row and its highlights' rows.
  for (const a of touched) {
    if (a < 0) continue;
    const article = next.articles[a] as Article;
    const positions = Int32Array.from(next.grouped[a] as Int32Array).sort((x, y) =>
      byArticleOrder(next.highlights[x] as Highlight, next.highlights[y] as Highlight),
    );
    next.grouped[a] = positions;
    const list = Array.from(positions, (i) => next.highlights[i] as Highlight);
    next.articleRows[a] = { kind: 'article', key: `a:${article.id}`, article, highlights: list, total: list.length };
    for (const i of positions) {
      const highlight = next.highlights[i] as Highlight;
      next.highlightRows[i] = { kind: 'highlight', key: `h:${highlight.id}`, highlight, article };
    }
  }
  return next;
}

/** The place in `data.articles` of the article with this id, or -1. */
function articlePlaceOf(data: LibraryData, id: string): number {
  const article = data.byArticle.get(id);
  return article ? data.articles.indexOf(article) : -1;
}

/** Adds `by` to each tag's count; a tag counted down to none is left out. */
function count(counts: Map<string, number>, tags: readonly string[], by: number): void {
  for (const tag of tags) {
    const n = (counts.get(tag) ?? 0) + by;
    if (n > 0) counts.set(tag, n);
    else counts.delete(tag);
  }
}
