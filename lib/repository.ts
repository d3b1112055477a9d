/**
 * The only module that touches the database tables. Every write is one awaited Dexie transaction
 * holding only Dexie calls, so what a caller was told is saved, is saved; and every record is
 * validated against its schema before it is written.
 */
import { claimStyle } from './claim-types';
import { getDb, type MarginaliaDB } from './db';
import { Article, type ArticleMeta, type ClaimType, Highlight, type PaintItem, Tag, type Target } from './schema';
import { type ArticleKeys, articleKeys } from './url';
import { z } from './zod';

/** The fields of a highlight the user edits. */
export interface HighlightPatch {
  note?: string;
  tags?: string[];
  claimType?: ClaimType;
}

/** An article with its number of highlights. */
export interface ArticleSummary {
  article: Article;
  count: number;
}

/** Thrown when a record would not be valid; the message says what is wrong, for a person. */
export class ValidationError extends Error {}

function check<T>(schema: z.ZodMiniType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new ValidationError(z.prettifyError(parsed.error));
  return parsed.data;
}

/** Article order: by position in the page's text, then by creation. */
export function byArticleOrder(a: Highlight, b: Highlight): number {
  return a.target.selector[1].start - b.target.selector[1].start || a.createdAt - b.createdAt;
}

/** Tags trimmed, without empties and duplicates (compared case-insensitively), in input order. */
export function normaliseTags(tags: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of tags) {
    const tag = check(Tag, raw.normalize('NFC'));
    const key = tag.toLocaleLowerCase();
    if (!seen.has(key)) {
      seen.add(key);
      out.push(tag);
    }
  }
  return out;
}

/** The title a page gets before extraction: its tab title, else its URL. */
function provisionalMeta(title: string, url: string): ArticleMeta {
  return {
    title: title.trim() || url,
    byline: null,
    siteName: null,
    publishedTime: null,
    lang: null,
    dir: null,
    excerpt: null,
    wordCount: null,
    textHash: null,
    canonicalUrl: null,
    kind: 'page',
  };
}

/** Reads and writes articles and highlights. */
export class Repository {
  constructor(
    readonly db: MarginaliaDB = getDb(),
    private readonly now: () => number = Date.now,
    private readonly newId: () => string = () => crypto.randomUUID(),
  ) {}

  /** The article a URL leads to (any of its clean URLs), if it is stored. */
  async findArticleByUrl(url: string): Promise<Article | undefined> {
    const keys = articleKeys(url);
    return keys ? this.findArticle(keys) : undefined;
  }

  /** The article any of these clean URLs leads to. */
  async findArticle(keys: ArticleKeys): Promise<Article | undefined> {
    return this.db.articles.where('urls').anyOf(keys.aliases).first();
  }

  /** The article with this id. */
  async getArticle(id: string): Promise<Article | undefined> {
    return this.db.articles.get(id);
  }

  /**
   * Creates a highlight on the page at `url`, creating the page's article first if needed. The
   * article is known by its canonical URL when the page declares one on the same site; every URL
   * that led to it is kept, so any of them finds it again.
   */
  async createHighlight(input: {
    url: string;
    canonical?: string | null;
    title: string;
    target: Target;
    claimType: ClaimType;
  }): Promise<Highlight> {
    const keys = articleKeys(input.url, input.canonical);
    if (!keys) throw new ValidationError(`Not a URL: ${input.url}`);
    const { key } = keys;
    const now = this.now();
    return this.db.transaction('rw', this.db.articles, this.db.highlights, async () => {
      let article = await this.db.articles.where('urls').anyOf(keys.aliases).first();
      if (!article) {
        article = check(Article, {
          ...provisionalMeta(input.title, key),
          id: this.newId(),
          url: key,
          urls: keys.aliases,
          extractedAt: null,
          lastSeenAt: now,
          createdAt: now,
          updatedAt: now,
        });
        await this.db.articles.add(article);
      } else {
        const urls = [...new Set([...article.urls, ...keys.aliases])];
        await this.db.articles.update(article.id, { updatedAt: now, lastSeenAt: now, urls });
      }
      const highlight = check(Highlight, {
        id: this.newId(),
        articleId: article.id,
        target: { ...input.target, source: key },
        claimType: input.claimType,
        tags: [],
        note: '',
        createdAt: now,
        updatedAt: now,
      });
      await this.db.highlights.add(highlight);
      return highlight;
    });
  }

  /** Stores what extraction found about an article. */
  async saveArticleMeta(id: string, meta: ArticleMeta): Promise<void> {
    const now = this.now();
    await this.db.transaction('rw', this.db.articles, async () => {
      const article = await this.db.articles.get(id);
      if (!article) return;
      await this.db.articles.put(check(Article, { ...article, ...meta, extractedAt: now, lastSeenAt: now }));
    });
  }

  /** An article's highlights in article order. */
  async listHighlights(articleId: string): Promise<Highlight[]> {
    const list = await this.db.highlights.where('articleId').equals(articleId).toArray();
    return list.sort(byArticleOrder);
  }

  /** Changes a highlight's note, tags or claim type. Returns the stored record. */
  async updateHighlight(id: string, patch: HighlightPatch): Promise<Highlight> {
    const now = this.now();
    // Only the fields the user changed are written: a concurrent edit of another field survives.
    const changes: Partial<Highlight> = {};
    if (patch.note !== undefined) changes.note = patch.note;
    if (patch.tags !== undefined) changes.tags = normaliseTags(patch.tags);
    if (patch.claimType !== undefined) changes.claimType = patch.claimType;
    return this.db.transaction('rw', this.db.highlights, this.db.articles, async () => {
      const current = await this.db.highlights.get(id);
      if (!current) throw new ValidationError('This highlight no longer exists.');
      // The write that commits last wins a field, and carries the latest updatedAt.
      const updatedAt = Math.max(now, current.updatedAt + 1);
      const next = check(Highlight, { ...current, ...changes, updatedAt });
      await this.db.highlights.put(next);
      await this.db.articles.update(current.articleId, { updatedAt: now });
      return next;
    });
  }

  /** Moves a highlight to new selectors (an orphan re-attached by the user). */
  async reattachHighlight(id: string, selector: Target['selector']): Promise<Highlight> {
    const now = this.now();
    return this.db.transaction('rw', this.db.highlights, async () => {
      const current = await this.db.highlights.get(id);
      if (!current) throw new ValidationError('This highlight no longer exists.');
      const next = check(Highlight, { ...current, target: { ...current.target, selector }, updatedAt: now });
      await this.db.highlights.put(next);
      return next;
    });
  }

  /** Deletes a highlight and returns it, so the caller can offer Undo. */
  async deleteHighlight(id: string): Promise<Highlight | undefined> {
    return this.db.transaction('rw', this.db.highlights, async () => {
      const current = await this.db.highlights.get(id);
      if (current) await this.db.highlights.delete(id);
      return current;
    });
  }

  /** Puts back a highlight removed by deleteHighlight (Undo). */
  async restoreHighlight(highlight: Highlight): Promise<void> {
    await this.db.highlights.put(check(Highlight, highlight));
  }

  /** What the page needs to paint an article's highlights: id, colour slot, selectors. */
  async paintItems(articleId: string): Promise<PaintItem[]> {
    return toPaintItems(await this.listHighlights(articleId));
  }

  /** Every stored article with its highlight count, most recently annotated first. */
  async listArticles(): Promise<ArticleSummary[]> {
    const articles = await this.db.articles.orderBy('updatedAt').reverse().toArray();
    const counts = await Promise.all(articles.map((a) => this.db.highlights.where('articleId').equals(a.id).count()));
    return articles.map((article, i) => ({ article, count: counts[i] ?? 0 }));
  }

  /** True when the URL's article has at least one highlight (the background injects then). */
  async hasHighlights(url: string): Promise<boolean> {
    const article = await this.findArticleByUrl(url);
    if (!article) return false;
    return (await this.db.highlights.where('articleId').equals(article.id).limit(1).count()) > 0;
  }
}

/** The page's view of highlights: never notes or tags. */
export function toPaintItems(highlights: readonly Highlight[]): PaintItem[] {
  return highlights.map((h) => ({ id: h.id, slot: claimStyle(h.claimType).slot, selector: h.target.selector }));
}

let shared: Repository | null = null;

/** The repository of this context. */
export function getRepository(): Repository {
  shared ??= new Repository();
  return shared;
}
