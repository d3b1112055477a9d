/**
 * Making the library's data (lib/library.ts) from the stored records: its search index, each
 * article's highlights in article order, the rows every keystroke reuses. In one go, or in slices
 * that give the library's thread back (what the library page does: at 100,000 highlights the
 * making takes one to two seconds).
 */
import { articleText, itemText, type LibraryData, siteOf } from './library';
import { nextTask } from './next-task';
import { byArticleOrder } from './records';
import type { Article, Highlight } from './schema';
import { SearchIndex } from './search';
import { runSteps, runStepsSliced } from './steps';

const NO_POSITIONS = new Int32Array(0);

/** Builds the in-memory data and search index from the stored records, in one go. */
export function buildLibraryData(articles: Article[], highlights: Highlight[]): LibraryData {
  return runSteps(libraryDataSteps(articles, highlights, () => false));
}

/**
 * The same data built in slices of about `sliceMs` of the thread, given back between them by
 * `pause`: at 100,000 highlights building it takes the library's thread one to two seconds, which
 * in one task holds every keystroke, scroll and click meanwhile. Null when `cancelled()` said so at
 * a pause (newer records came in).
 */
export async function buildLibraryDataSliced(
  articles: Article[],
  highlights: Highlight[],
  cancelled: () => boolean,
  sliceMs = 12,
  pause: () => Promise<void> = nextTask,
): Promise<LibraryData | null> {
  return runStepsSliced((yieldNow) => libraryDataSteps(articles, highlights, yieldNow), sliceMs, pause, cancelled);
}

/**
 * Records handled between two looks at the clock: few enough that a fresh page's cold code (each
 * article's highlights sorted into article order, say) stays near the slice's 12 ms; a look at the
 * clock costs next to nothing.
 */
const CHECK_EVERY = 128;

/** The building of the library's data, in steps: yields when `yieldNow()` says so. */
function* libraryDataSteps(
  articles: Article[],
  highlights: Highlight[],
  yieldNow: () => boolean,
): Generator<void, LibraryData, void> {
  const time = (i: number) => i % CHECK_EVERY === CHECK_EVERY - 1 && yieldNow();
  const byArticle = new Map(articles.map((a) => [a.id, a]));
  const index = yield* SearchIndex.steps(
    {
      items: highlights,
      itemText,
      articleOf: (h) => h.articleId,
      articles,
      articleText,
      idOf: (a) => a.id,
    },
    yieldNow,
  );
  const positions = new Map<string, number[]>();
  for (const [i, h] of highlights.entries()) {
    const list = positions.get(h.articleId);
    if (list) list.push(i);
    else positions.set(h.articleId, [i]);
    if (time(i)) yield;
  }
  // Per article, by its place in `articles` (a keystroke reads arrays, not maps).
  const grouped: Int32Array[] = new Array(articles.length);
  const sites: string[] = new Array(articles.length);
  const articleRows: LibraryData['articleRows'] = new Array(articles.length);
  for (let a = 0; a < articles.length; a++) {
    const article = articles[a] as Article;
    const list = positions.get(article.id);
    let places = NO_POSITIONS;
    if (list) {
      list.sort((x, y) => byArticleOrder(highlights[x] as Highlight, highlights[y] as Highlight));
      places = Int32Array.from(list);
    }
    grouped[a] = places;
    sites[a] = siteOf(article);
    const own = Array.from(places, (i) => highlights[i] as Highlight);
    articleRows[a] = { kind: 'article', key: `a:${article.id}`, article, highlights: own, total: own.length };
    if (time(a)) yield;
  }
  const highlightRows: LibraryData['highlightRows'] = new Array(highlights.length);
  const tagCounts = new Map<string, number>();
  for (let i = 0; i < highlights.length; i++) {
    const highlight = highlights[i] as Highlight;
    for (const tag of highlight.tags) tagCounts.set(tag, (tagCounts.get(tag) ?? 0) + 1);
    highlightRows[i] = {
      kind: 'highlight',
      key: `h:${highlight.id}`,
      highlight,
      article: byArticle.get(highlight.articleId) as Article,
    };
    if (time(i)) yield;
  }
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
    tagCounts,
  };
}
