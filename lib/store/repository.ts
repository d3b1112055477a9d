/**
 * The only module that touches the database tables. Every write is one awaited Dexie transaction
 * holding only Dexie calls, so what a caller was told is saved, is saved; and every record is
 * validated against its schema before it is written.
 */

import { byArticleOrder, check, normaliseTags, provisionalMeta, toPaintItems, ValidationError } from '../records';
import {
  Article,
  type ArticleMeta,
  type ClaimStatus,
  type ClaimType,
  Highlight,
  MAX_NOTE,
  type PaintItem,
  type Target,
} from '../schema';
import { type ArticleKeys, articleKeys } from '../url';
import { getDb, type MarginaliaDB } from './db';
import { DEFAULT_SETTINGS } from './settings-records';
import { ensureRoom } from './storage-room';
import { SyncRecords } from './sync-records';

/** The fields of a highlight the user edits. */
export interface HighlightPatch {
  note?: string;
  tags?: string[];
  claimType?: ClaimType;
  status?: ClaimStatus;
  sourceUrl?: string | null;
}

export { byArticleOrder, DEFAULT_SETTINGS, normaliseTags, toPaintItems, ValidationError }; // re-exported

/** Reads and writes articles and highlights. */
export class Repository extends SyncRecords {
  constructor(
    db: MarginaliaDB = getDb(),
    now: () => number = Date.now,
    private readonly newId: () => string = () => crypto.randomUUID(),
    /** Throws when there is too little room to write safely (tests pass their own). */
    room: () => Promise<void> = () => ensureRoom(),
  ) {
    super(db, room, now);
  }

  /** The database's name: what Dexie's reports of writes (lib/store/mutations.ts) name it by. */
  get databaseName(): string {
    return this.db.name;
  }

  /** The article a URL leads to (any of its clean URLs), if it is stored. */
  async findArticleByUrl(url: string): Promise<Article | undefined> {
    const keys = await articleKeys(url);
    return keys ? this.findArticle(keys) : undefined;
  }

  /** The article any of these clean URLs leads to. */
  async findArticle(keys: ArticleKeys): Promise<Article | undefined> {
    return this.run(() => this.db.articles.where('urls').anyOf(keys.aliases).first());
  }

  /** The article with this id. */
  async getArticle(id: string): Promise<Article | undefined> {
    return this.run(() => this.db.articles.get(id));
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
    /** The paragraph(s) the passage sits in (see lib/page/block-text.ts). */
    block?: string;
    /** The passage link's `text=` directive, made on the page. */
    textDirective?: string | null;
  }): Promise<Highlight> {
    const keys = await articleKeys(input.url, input.canonical);
    if (!keys) throw new ValidationError(`Not a URL: ${input.url}`);
    const { key } = keys;
    const now = this.now();
    return this.write(() =>
      this.db.transaction('rw', this.db.articles, this.db.highlights, async () => {
        let article = await this.db.articles.where('urls').anyOf(keys.aliases).first();
        if (!article) {
          article = check(Article, {
            ...provisionalMeta(input.title, key),
            id: this.newId(),
            url: key,
            urls: keys.aliases,
            note: '',
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
          status: null,
          sourceUrl: null,
          tags: [],
          note: '',
          createdAt: now,
          updatedAt: now,
          ...(input.block ? { block: input.block } : {}),
          ...(input.textDirective !== undefined ? { textDirective: input.textDirective } : {}),
        });
        await this.db.highlights.add(highlight);
        return highlight;
      }),
    );
  }

  /** Stores what extraction found about an article. */
  async saveArticleMeta(id: string, meta: ArticleMeta): Promise<void> {
    const now = this.now();
    await this.write(() =>
      this.db.transaction('rw', this.db.articles, async () => {
        const article = await this.db.articles.get(id);
        if (!article) return;
        await this.db.articles.put(check(Article, { ...article, ...meta, extractedAt: now, lastSeenAt: now }));
      }),
    );
  }

  /** An article's highlights in article order. */
  async listHighlights(articleId: string): Promise<Highlight[]> {
    const list = await this.run(() => this.db.highlights.where('articleId').equals(articleId).toArray());
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
    if (patch.status !== undefined) changes.status = patch.status;
    if (patch.sourceUrl !== undefined) changes.sourceUrl = patch.sourceUrl?.trim() || null;
    return this.write(() =>
      this.db.transaction('rw', this.db.highlights, this.db.articles, async () => {
        const current = await this.db.highlights.get(id);
        if (!current) throw new ValidationError('This highlight no longer exists.');
        // The write that commits last wins a field, and carries the latest updatedAt.
        const updatedAt = Math.max(now, current.updatedAt + 1);
        const next = check(Highlight, { ...current, ...changes, updatedAt });
        await this.db.highlights.put(next);
        await this.db.articles.update(current.articleId, { updatedAt: now });
        return next;
      }),
    );
  }

  /** Deletes a highlight and returns it, so the caller can offer Undo. */
  async deleteHighlight(id: string): Promise<Highlight | undefined> {
    return this.write(() =>
      this.db.transaction('rw', this.db.highlights, async () => {
        const current = await this.db.highlights.get(id);
        if (current) await this.db.highlights.delete(id);
        return current;
      }),
    );
  }

  /** Puts back a highlight removed by deleteHighlight (Undo). */
  async restoreHighlight(highlight: Highlight): Promise<void> {
    const record = check(Highlight, highlight);
    await this.write(() => this.db.highlights.put(record));
  }

  /** What the page needs to paint an article's highlights: id, colour slot, selectors. */
  async paintItems(articleId: string): Promise<PaintItem[]> {
    const [highlights, types] = await Promise.all([this.listHighlights(articleId), this.claimTypes()]);
    return toPaintItems(highlights, types);
  }

  /** Sets the page-level note of an article. */
  async updateArticleNote(articleId: string, note: string): Promise<Article> {
    if (note.length > MAX_NOTE) throw new ValidationError(`A note holds at most ${MAX_NOTE} characters.`);
    const now = this.now();
    return this.write(() =>
      this.db.transaction('rw', this.db.articles, async () => {
        const current = await this.db.articles.get(articleId);
        if (!current) throw new ValidationError('This article no longer exists.');
        const next = check(Article, { ...current, note, updatedAt: Math.max(now, current.updatedAt + 1) });
        await this.db.articles.put(next);
        return next;
      }),
    );
  }

  /** Every article and every highlight (the library works on these in memory). */
  async everything(): Promise<{ articles: Article[]; highlights: Highlight[] }> {
    return this.run(() =>
      this.db.transaction('r', this.db.articles, this.db.highlights, async () => ({
        articles: await this.db.articles.toArray(),
        highlights: await this.db.highlights.toArray(),
      })),
    );
  }

  /** These articles and highlights as stored now: undefined for those no longer stored. */
  async byIds(
    articleIds: readonly string[],
    highlightIds: readonly string[],
  ): Promise<{ articles: Map<string, Article | undefined>; highlights: Map<string, Highlight | undefined> }> {
    return this.run(() =>
      this.db.transaction('r', this.db.articles, this.db.highlights, async () => {
        const [articles, highlights] = await Promise.all([
          this.db.articles.bulkGet([...articleIds]),
          this.db.highlights.bulkGet([...highlightIds]),
        ]);
        return {
          articles: new Map(articleIds.map((id, i) => [id, articles[i]])),
          highlights: new Map(highlightIds.map((id, i) => [id, highlights[i]])),
        };
      }),
    );
  }

  /**
   * The most recently annotated articles with their highlights: what the library shows first while
   * everything loads (read through two indexes, so it takes the same few milliseconds at any size).
   * How many highlights there are in all is `highlightCount()`, read after: counting 100,000 takes
   * 160–270 ms, which the first rows need not wait for.
   */
  async recent(limit: number): Promise<{ articles: Article[]; highlights: Highlight[] }> {
    return this.run(() =>
      this.db.transaction('r', this.db.articles, this.db.highlights, async () => {
        const articles = await this.db.articles.orderBy('updatedAt').reverse().limit(limit).toArray();
        const highlights = await this.db.highlights
          .where('articleId')
          .anyOf(articles.map((a) => a.id))
          .toArray();
        return { articles, highlights };
      }),
    );
  }

  /** Every tag in use, sorted (distinct keys of the tag index: one step per tag, not per highlight). */
  async allTags(): Promise<string[]> {
    const keys = (await this.run(() => this.db.highlights.orderBy('tags').uniqueKeys())) as string[];
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
      this.db.transaction('rw', this.db.highlights, async () =>
        this.db.highlights
          .where('tags')
          .equals(tag)
          .modify((h) => {
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
      if ((await this.db.highlights.limit(1).count()) === 0) return null;
      const oldest = await this.db.articles.orderBy('updatedAt').first();
      return oldest ? oldest.createdAt : null;
    });
  }

  /** How many highlights the library holds. */
  async highlightCount(): Promise<number> {
    return this.run(() => this.db.highlights.count());
  }

  /** True when the URL's article has at least one highlight (the background injects then). */
  async hasHighlights(url: string): Promise<boolean> {
    const article = await this.findArticleByUrl(url);
    if (!article) return false;
    return (await this.run(() => this.db.highlights.where('articleId').equals(article.id).limit(1).count())) > 0;
  }
}

let shared: Repository | null = null;

/** The repository of this context. */
export function getRepository(): Repository {
  shared ??= new Repository();
  return shared;
}
