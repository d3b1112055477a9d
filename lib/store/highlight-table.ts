/**
 * Every read and write of stored highlights, each run in the caller's transaction (which must hold
 * `table`, and be an async function: Dexie keeps a transaction across awaits inside only then, and a
 * layout needing several requests per call would otherwise commit early): the store's classes ask this, never the highlights table itself, so how highlights are
 * laid out in IndexedDB is decided here alone. Today one record per highlight (keyed by id, indexed
 * by article and by tag). The layout that would bring a 100,000-highlight restore under 10 s is one
 * record per article, its highlights as a list: IndexedDB's cost is per record, not per byte
 * (`npm run bench`'s restore floors); this module is where that change would be made.
 */
import type { Table } from 'dexie';
import type { Highlight } from '../schema';
import type { MarginaliaDB } from './db';
import { eachPage, storedOnly } from './pages';

export class HighlightTable {
  constructor(private readonly db: MarginaliaDB) {}

  /** What a transaction over highlights must hold. */
  get table(): Table {
    return this.db.highlights;
  }

  /** The highlight with this id, if stored. */
  get(id: string): Promise<Highlight | undefined> {
    return this.db.highlights.get(id);
  }

  /** The highlights with these ids, in their order (undefined where none is stored). */
  bulkGet(ids: readonly string[]): Promise<(Highlight | undefined)[]> {
    return this.db.highlights.bulkGet([...ids]);
  }

  /**
   * The highlights with these ids (undefined where none), reading only those that exist: which are
   * stored comes from one key-only read, so a restore into a fresh library reads no records.
   */
  storedOf(ids: readonly string[]): Promise<(Highlight | undefined)[]> {
    return storedOnly(this.db.highlights, ids);
  }

  /** Adds a new highlight (fails if its id is taken). */
  async add(highlight: Highlight): Promise<void> {
    await this.db.highlights.add(highlight);
  }

  /** Stores a highlight, replacing the one with its id. */
  async put(highlight: Highlight): Promise<void> {
    await this.db.highlights.put(highlight);
  }

  /** Stores these highlights, replacing those with their ids. */
  async bulkPut(highlights: readonly Highlight[]): Promise<void> {
    if (highlights.length) await this.db.highlights.bulkPut([...highlights]);
  }

  /** Removes the highlight with this id (nothing if none). */
  delete(id: string): Promise<void> {
    return this.db.highlights.delete(id);
  }

  /** Removes the highlights with these ids. */
  async bulkDelete(ids: readonly string[]): Promise<void> {
    if (ids.length) await this.db.highlights.bulkDelete([...ids]);
  }

  /** An article's highlights, in no particular order. */
  ofArticle(articleId: string): Promise<Highlight[]> {
    return this.db.highlights.where('articleId').equals(articleId).toArray();
  }

  /** The highlights of these articles, in no particular order. */
  ofArticles(articleIds: readonly string[]): Promise<Highlight[]> {
    return this.db.highlights
      .where('articleId')
      .anyOf([...articleIds])
      .toArray();
  }

  /** Whether an article has at least one highlight. */
  async hasAny(articleId: string): Promise<boolean> {
    return (await this.db.highlights.where('articleId').equals(articleId).limit(1).count()) > 0;
  }

  /** Whether there is no highlight at all. */
  async isEmpty(): Promise<boolean> {
    return (await this.db.highlights.limit(1).count()) === 0;
  }

  /** How many highlights are stored. */
  count(): Promise<number> {
    return this.db.highlights.count();
  }

  /** Every tag in use, unsorted (distinct keys of the tag index: one step per tag). */
  async tags(): Promise<string[]> {
    return (await this.db.highlights.orderBy('tags').uniqueKeys()) as string[];
  }

  /** Changes, in place, every highlight carrying `tag`; returns how many were changed. */
  modifyTagged(tag: string, change: (h: Highlight) => void): Promise<number> {
    return this.db.highlights.where('tags').equals(tag).modify(change);
  }

  /** Every highlight. */
  all(): Promise<Highlight[]> {
    return this.db.highlights.toArray();
  }

  /** Every highlight, `page` at a time, each page handed to `each` (the order of `all`). */
  eachPage(page: number, each: (batch: Highlight[]) => void): Promise<void> {
    return eachPage(this.db.highlights, page, each);
  }
}
