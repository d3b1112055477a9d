/**
 * The one way into the database tables, with the classes it extends (one concern each: library-store,
 * sync-records, backup-store, change-records, settings-records, guarded-access). Every write is one
 * awaited Dexie transaction holding only Dexie calls, so what a caller was told is saved, is saved;
 * and every record is validated against its schema before it is written.
 */

import { worthLooking } from '../paint-item';
import { byArticleOrder, check, normaliseTags, provisionalMeta, toPaintItems, ValidationError } from '../records';
import {
  AnchorHint,
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
import { LibraryStore } from './library-store';
import { DEFAULT_SETTINGS } from './settings-records';
import { ensureRoom } from './storage-room';

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
export class Repository extends LibraryStore {
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
      this.db.transaction('rw', this.db.articles, ...this.highlights.tables, async () => {
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
        await this.highlights.add(highlight);
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
    const list = await this.run(() => this.highlights.ofArticle(articleId));
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
      this.db.transaction('rw', ...this.highlights.tables, this.db.articles, async () => {
        const current = await this.highlights.get(id);
        if (!current) throw new ValidationError('This highlight no longer exists.');
        // The write that commits last wins a field, and carries the latest updatedAt.
        const updatedAt = Math.max(now, current.updatedAt + 1);
        const next = check(Highlight, { ...current, ...changes, updatedAt });
        await this.highlights.put(next);
        await this.db.articles.update(current.articleId, { updatedAt: now });
        return next;
      }),
    );
  }

  /** Deletes a highlight and returns it, so the caller can offer Undo. */
  async deleteHighlight(id: string): Promise<Highlight | undefined> {
    return this.write(() =>
      this.db.transaction('rw', ...this.highlights.tables, async () => {
        const current = await this.highlights.get(id);
        if (current) await this.highlights.delete(id);
        return current;
      }),
    );
  }

  /** Puts back a highlight removed by deleteHighlight (Undo). */
  async restoreHighlight(highlight: Highlight): Promise<void> {
    const record = check(Highlight, highlight);
    await this.write(() =>
      this.db.transaction('rw', ...this.highlights.tables, async () => {
        await this.highlights.put(record);
      }),
    );
  }

  /**
   * What the page needs to paint an article's highlights: id, colour slot, selectors, and where the
   * page side last found each in the page, when it told (lib/anchoring/hint.ts) and they are worth
   * looking at (`worthLooking`).
   */
  async paintItems(articleId: string): Promise<PaintItem[]> {
    const [highlights, types, hints] = await Promise.all([
      this.listHighlights(articleId),
      this.claimTypes(),
      this.run(() => this.db.anchorHints.get(articleId)),
    ]);
    // Hints that would look at most of the page's text are not handed: the page would not use them.
    const kept = hints && worthLooking(Object.values(hints.hints)) ? hints.hints : undefined;
    return toPaintItems(highlights, types, kept);
  }

  /**
   * Keeps where the page side found an article's highlights in its page (null: the hint it had no
   * longer finds it). Only the article's own highlights keep hints; those of highlights it no longer
   * has are dropped as this writes. Derived data, on this device only: no backup, export or sync.
   */
  async saveAnchorHints(articleId: string, hints: readonly { id: string; hint: AnchorHint | null }[]): Promise<void> {
    await this.write(() =>
      this.db.transaction('rw', ...this.highlights.tables, async () => {
        const owned = new Set((await this.highlights.ofArticle(articleId)).map((h) => h.id));
        const kept: Record<string, AnchorHint> = {};
        const stored = (await this.db.anchorHints.get(articleId))?.hints ?? {};
        for (const [id, hint] of Object.entries(stored)) if (owned.has(id)) kept[id] = hint;
        for (const { id, hint } of hints) {
          if (!owned.has(id)) continue;
          if (hint) kept[id] = check(AnchorHint, hint);
          else delete kept[id];
        }
        if (Object.keys(kept).length) await this.db.anchorHints.put({ articleId, hints: kept });
        else await this.db.anchorHints.delete(articleId);
      }),
    );
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

  /** True when the URL's article has at least one highlight (the background injects then). */
  async hasHighlights(url: string): Promise<boolean> {
    const article = await this.findArticleByUrl(url);
    if (!article) return false;
    return this.run(() => this.highlights.hasAny(article.id));
  }
}

let shared: Repository | null = null;

/** The repository of this context. */
export function getRepository(): Repository {
  shared ??= new Repository();
  return shared;
}
