/**
 * What the library asks of the database as a whole: everything, records by id, the most recent
 * articles, the tags across all highlights (and renaming or removing one everywhere), counts. The
 * repository extends this.
 */
import type { Table } from 'dexie';
import { normaliseTags, ValidationError } from '../records';
import type { Article, Highlight } from '../schema';
import { eachPage } from './pages';
import { SyncRecords } from './sync-records';

export class LibraryStore extends SyncRecords {
  /**
   * Every article (without its baseline) and every highlight (the library works on these in memory),
   * read in one transaction a page at a time, in key order: the browser hands each page over in a
   * task of its own, so the reading thread is free between them (at 100,000 highlights one read of
   * all of them took the library's thread 1.3 s in one task to make them into objects). Highlights
   * come about `page` at a time (whole articles): a page of 3,000 took 26–36 ms of that thread to
   * hand over, and 2 of 3 reads had a task of 51–62 ms; 1,000 or 1,500 a page took 10–16 ms, with no
   * task of 50 ms, and the whole read as long (3.3–4.0 s; scratch, a bare extension page, 100,000
   * highlights one record each, 2026-12-03).
   */
  async everything(page = 1000): Promise<{ articles: Article[]; highlights: Highlight[] }> {
    return this.run(() =>
      this.db.transaction('r', this.db.articles, ...this.highlights.tables, async () => {
        const articles = await inPages(this.db.articles, Math.min(page, ARTICLE_PAGE), withoutBaseline);
        const highlights: Highlight[] = [];
        const share = sharedStrings();
        await this.highlights.eachPage(page, (batch) => {
          for (const h of batch) highlights.push(share(h));
        });
        return { articles, highlights };
      }),
    );
  }

  /**
   * These articles as stored now (undefined for those no longer stored), and every highlight of
   * these other articles (highlights are stored, and so reported written, by article).
   */
  async byIds(
    articleIds: readonly string[],
    highlightsOf: readonly string[],
  ): Promise<{ articles: Map<string, Article | undefined>; highlights: Map<string, Highlight[]> }> {
    return this.run(() =>
      this.db.transaction('r', this.db.articles, ...this.highlights.tables, async () => {
        const [articles, highlights] = await Promise.all([
          this.db.articles.bulkGet([...articleIds]),
          this.highlights.byArticle(highlightsOf),
        ]);
        return {
          articles: new Map(articleIds.map((id, i) => [id, articles[i] && withoutBaseline(articles[i])])),
          highlights,
        };
      }),
    );
  }

  /**
   * The most recently annotated articles with their highlights: what the library shows first while
   * everything loads (read through an index and by key, so it takes the same few milliseconds at any
   * size). How many highlights there are in all is `highlightCount()` (their tally, one record).
   */
  async recent(limit: number): Promise<{ articles: Article[]; highlights: Highlight[] }> {
    return this.run(() =>
      this.db.transaction('r', this.db.articles, ...this.highlights.tables, async () => {
        const articles = (await this.db.articles.orderBy('updatedAt').reverse().limit(limit).toArray()).map(
          withoutBaseline,
        );
        const highlights = await this.highlights.ofArticles(articles.map((a) => a.id));
        return { articles, highlights };
      }),
    );
  }

  /** Every tag in use, sorted (from the highlights' tally: one record, not an index walk). */
  async allTags(): Promise<string[]> {
    const keys = await this.run(() => this.highlights.tags());
    return keys.sort((a, b) => a.localeCompare(b));
  }

  /**
   * Renames a tag on every highlight that carries it. Renaming onto an existing tag merges the two
   * (a highlight carrying both keeps one). Returns the number of highlights changed.
   */
  async renameTag(from: string, to: string): Promise<number> {
    const [target] = normaliseTags([to]);
    if (!target) throw new ValidationError('A tag cannot be empty.');
    return this.retag(from, (tags) => tags.map((t) => (t === from ? target : t)));
  }

  /** Removes a tag from every highlight. Returns the number of highlights changed. */
  async deleteTag(tag: string): Promise<number> {
    return this.retag(tag, (tags) => tags.filter((t) => t !== tag));
  }

  private async retag(tag: string, change: (tags: string[]) => string[]): Promise<number> {
    const now = this.now();
    return this.write(() =>
      this.db.transaction('rw', ...this.highlights.tables, async () =>
        this.highlights.modifyTagged(tag, (h) => {
          h.tags = normaliseTags(change(h.tags));
          h.updatedAt = Math.max(now, h.updatedAt + 1);
        }),
      ),
    );
  }

  /**
   * When the library's first highlight was made, near enough (the oldest-updated article's creation,
   * read through one index); null for a library without highlights. For the automatic backup's start.
   */
  async oldestHighlightAt(): Promise<number | null> {
    return this.run(async () => {
      if (await this.highlights.isEmpty()) return null;
      const oldest = await this.db.articles.orderBy('updatedAt').first();
      return oldest ? oldest.createdAt : null;
    });
  }

  /** How many highlights the library holds. */
  async highlightCount(): Promise<number> {
    return this.run(() => this.highlights.count());
  }
}

/**
 * The article as the library holds it: without its baseline (each paragraph's fingerprint and the
 * compressed copy of its text, ~3 KB a median article), which only the sidebar's change check reads.
 * At 100,000 highlights over 10,000 articles that hold one, the library kept 162 MB of heap with
 * them and 117 MB without (`npm run bench:scale`, 2026-12-03). The library never writes an article
 * back: every write reads the stored one first.
 *
 * Dropped as each page of articles arrives, not once all are read. Held until then, the baselines of
 * 10,000 articles (~42 MB) were all reachable while the reading thread collected garbage, and (the
 * likely reason) were moved to the old generation, collected later in long pauses as the highlights
 * were read. Scratch, the 100,000-highlight library opened 8 times each way, 2026-12-04, medians:
 * everything read in 5.9 s rather than 6.4, 1 task of 50 ms or more rather than 3, and a search
 * typed meanwhile shown and painted in 72 ms rather than 85.
 */
function withoutBaseline(article: Article): Article {
  if (article.baseline) article.baseline = undefined;
  return article;
}

/**
 * Articles per page of the paged read: they are larger than highlights (a median one holding its
 * baseline ~4.6 KB), and the browser makes a page's records into objects in one task of the reading
 * thread. A read of everything with 3,000 such articles a page had 7 and 9 tasks of 50 ms or more
 * (51–191 ms, the longest while articles were read); with 500 or 1,000 none, and the whole read was
 * shorter (scratch, a bare extension page, 100,000 highlights over 10,000 articles, 5 reads).
 */
const ARTICLE_PAGE = 500;

/**
 * Every record of a table keyed by `id`, read `page` at a time in key order (in the caller's
 * transaction), each made into what is kept as its page arrives.
 */
async function inPages<T extends { id: string }, I>(
  table: Table<T, string, I>,
  page: number,
  keep: (record: T) => T,
): Promise<T[]> {
  const all: T[] = [];
  await eachPage(table, page, (batch) => {
    for (const record of batch) all.push(keep(record));
  });
  return all;
}

/**
 * A step that makes the strings highlights repeat one string each, as each page of them arrives:
 * their article's id and page address, their selectors' types, claim types, statuses and tags. Each
 * record comes from the database with strings of its own: at 100,000 highlights, 400,000 and more
 * copies of some 20,000 strings, each kept, and each visited by every garbage collection while
 * the library reads. Made one, the library's heap kept after everything loaded fell from 113 to
 * 98 MB there (scratch, 8 openings each way, the heap after two forced collections: the same in
 * every opening), and everything loaded in 6.4 s rather than 7.1 (medians of 16 openings each,
 * interleaved in four batches; the spread between batches was as large).
 */
function sharedStrings(): (h: Highlight) => Highlight {
  const seen = new Map<string, string>();
  const one = <S extends string | null>(s: S): S => {
    if (s === null) return s;
    const known = seen.get(s);
    if (known !== undefined) return known as S;
    seen.set(s, s);
    return s;
  };
  return (h) => {
    h.articleId = one(h.articleId);
    h.target.source = one(h.target.source);
    for (const selector of h.target.selector) selector.type = one(selector.type);
    h.claimType = one(h.claimType);
    h.status = one(h.status);
    for (let i = 0; i < h.tags.length; i++) h.tags[i] = one(h.tags[i] as string);
    return h;
  };
}
