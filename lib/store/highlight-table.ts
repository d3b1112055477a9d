/**
 * Every read and write of stored highlights, each run in the caller's transaction (which must hold
 * `tables`, and be an async function: only then does Dexie keep it across these methods' awaits; a
 * single-request read may run without one). The store's classes ask this, never the table itself,
 * so how highlights are laid out in
 * IndexedDB is decided here alone. They are stored one record per article (./highlight-groups.ts):
 * IndexedDB's cost is per record, not per byte, and a 100,000-highlight restore put 100,000 records
 * where it now puts 10,000. A highlight is found by id through the records' multi-entry index of
 * their highlights' ids; writing one writes its article's record. How many there are, and which
 * tags are in use, are tallied beside them in the same transaction (one record read, not an index).
 */
import type { Table } from 'dexie';
import type { Highlight } from '../schema';
import type { MarginaliaDB } from './db';
import {
  type ArticleHighlights,
  type HighlightTallies,
  placeIncoming,
  progressByArticle,
  tallyOf,
} from './highlight-groups';
import { writeGroups } from './highlight-writes';
import { dropHintsOfGone } from './hint-records';
import { eachPage, storedOf } from './pages';

/**
 * Article records per page of a paged read, for a page of `highlights` highlights: articles hold a
 * handful to hundreds; the scale library ten on average.
 */
const articlesPerPage = (highlights: number) => Math.max(1, Math.ceil(highlights / 10));

/**
 * Article records (their highlights; an empty list for none) and the tallies, as read in the
 * caller's transaction with no highlight written since (`HighlightTable.read`).
 */
export interface HighlightsRead {
  groups: ReadonlyMap<string, readonly Highlight[]>;
  tallies: HighlightTallies | undefined;
}

export class HighlightTable {
  constructor(private readonly db: MarginaliaDB) {}

  /** What a transaction over highlights must hold (their anchor hints too: see `store`). */
  get tables(): [Table, Table, Table] {
    return [this.db.articleHighlights, this.db.highlightTallies, this.db.anchorHints];
  }

  private get groups() {
    return this.db.articleHighlights;
  }

  /** The highlight with this id, if stored. */
  async get(id: string): Promise<Highlight | undefined> {
    const group = await this.groups.where('ids').equals(id).first();
    return group?.highlights.find((h) => h.id === id);
  }

  /**
   * The highlights with these ids (undefined where none), reading only the articles that hold one:
   * which ids are stored comes from one key-only read of the ids index, so a restore into a fresh
   * library reads no records.
   */
  async storedOf(ids: readonly string[]): Promise<(Highlight | undefined)[]> {
    const present = new Set((await this.groups.orderBy('ids').keys()) as string[]);
    const wanted = ids.filter((id) => present.has(id));
    if (wanted.length === 0) return ids.map(() => undefined);
    const found = new Map<string, Highlight>();
    for (const group of await this.holding(wanted)) for (const h of group.highlights) found.set(h.id, h);
    return ids.map((id) => found.get(id));
  }

  /** Adds a new highlight; fails if one with its id is stored. */
  async add(highlight: Highlight): Promise<void> {
    if ((await this.groups.where('ids').equals(highlight.id).count()) > 0)
      throw new Error(`A highlight with the id ${highlight.id} is stored already.`);
    await this.bulkPut([highlight], { previous: new Map([[highlight.id, undefined]]) });
  }

  /** Stores a highlight, replacing the one with its id. */
  put(highlight: Highlight): Promise<void> {
    return this.bulkPut([highlight]);
  }

  /**
   * Stores these highlights (the last of an id wins), replacing those with their ids, wherever they
   * were: a highlight whose article changed (articles merged) leaves its old article's record.
   * - `previous`, when the caller read them in this transaction: each id's stored highlight
   *   (undefined for none), which spares looking up where they are (a restore's 100,000 would be a
   *   lookup each).
   * - `read`: the records and tallies the caller read (`read()`) in this transaction, with no
   *   highlight written since. Given them and `previous`, nothing is read here: every part of the
   *   write is issued at once, none waiting on a read (which waits for every write before it).
   * - `written`, for a large write: how many of `highlights` are written so far, told as parts are.
   */
  async bulkPut(
    highlights: readonly Highlight[],
    known: {
      previous?: ReadonlyMap<string, Highlight | undefined>;
      read?: HighlightsRead;
      written?: (done: number) => void;
    } = {},
  ): Promise<void> {
    const { previous, read, written } = known;
    if (highlights.length === 0) return;
    const incoming = new Map<string, Highlight>();
    for (const h of highlights) incoming.set(h.id, h);
    const groups = new Map<string, Highlight[]>();
    await this.load(groups, [...new Set(highlights.map((h) => h.articleId))], read);
    // Where the others are stored now: told by the caller, or looked up by id.
    const inOwn = new Set<string>();
    for (const [articleId, list] of groups)
      for (const h of list) if (incoming.get(h.id)?.articleId === articleId) inOwn.add(h.id);
    const elsewhere = new Set<string>();
    const lookUp: string[] = [];
    for (const [id, h] of incoming) {
      if (inOwn.has(id)) continue;
      if (previous?.has(id)) {
        const was = previous.get(id);
        if (was && was.articleId !== h.articleId) elsewhere.add(was.articleId);
      } else lookUp.push(id);
    }
    if (lookUp.length) for (const key of await this.groups.where('ids').anyOf(lookUp).primaryKeys()) elsewhere.add(key);
    await this.load(groups, [...elsewhere], read);
    const before = tallyOf(groups.values());
    placeIncoming(groups, incoming);
    const told = written && progressByArticle(incoming.values(), written);
    await this.store(groups, before, told, read);
  }

  /**
   * These articles' records (an empty list for one without), and the tallies: what a large write
   * given them (`bulkPut`'s `read`) would read, read before the caller's own writes.
   */
  async read(articleIds: readonly string[]): Promise<HighlightsRead> {
    const [groups, tallies] = await Promise.all([this.byArticle(articleIds), this.tallies()]);
    return { groups, tallies };
  }

  /** Removes the highlight with this id (nothing if none). */
  delete(id: string): Promise<void> {
    return this.bulkDelete([id]);
  }

  /** Removes the highlights with these ids; an article left with none has no record. */
  async bulkDelete(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    const gone = new Set(ids);
    const held = await this.holding(ids);
    const before = tallyOf(held.map((g) => g.highlights));
    const groups = new Map(held.map((g) => [g.articleId, g.highlights.filter((h) => !gone.has(h.id))]));
    await this.store(groups, before);
  }

  /** An article's highlights, in no particular order. */
  async ofArticle(articleId: string): Promise<Highlight[]> {
    return (await this.groups.get(articleId))?.highlights ?? [];
  }

  /** The highlights of these articles, in no particular order. */
  async ofArticles(articleIds: readonly string[]): Promise<Highlight[]> {
    return [...(await this.byArticle(articleIds)).values()].flat();
  }

  /** Each of these articles' highlights (an empty list for an article without any). */
  async byArticle(articleIds: readonly string[]): Promise<Map<string, Highlight[]>> {
    const groups = await this.recordsOf(articleIds);
    return new Map(articleIds.map((id, i) => [id, groups[i]?.highlights ?? []]));
  }

  /** Whether an article has at least one highlight (a key-only count). */
  async hasAny(articleId: string): Promise<boolean> {
    return (await this.groups.where('articleId').equals(articleId).count()) > 0;
  }

  /**
   * Whether there is no highlight at all (their tally: Dexie counts the whole store even when limited
   * to one, and counting 10,000 article records took Chromium ~0.1 s).
   */
  async isEmpty(): Promise<boolean> {
    return (await this.count()) === 0;
  }

  /** How many highlights are stored (their tally: one record read). */
  async count(): Promise<number> {
    return (await this.tallies())?.count ?? 0;
  }

  /** Every tag in use, unsorted (their tally: one record read). */
  async tags(): Promise<string[]> {
    return ((await this.tallies())?.tags ?? []).map(([t]) => t);
  }

  /** Changes, in place, every highlight carrying `tag`; returns how many were changed. */
  async modifyTagged(tag: string, change: (h: Highlight) => void): Promise<number> {
    let changed = 0;
    const held = await this.groups.where('tags').equals(tag).toArray();
    const before = tallyOf(held.map((g) => g.highlights));
    for (const group of held)
      for (const h of group.highlights) {
        if (!h.tags.includes(tag)) continue;
        change(h);
        changed++;
      }
    await this.store(new Map(held.map((g) => [g.articleId, g.highlights])), before);
    return changed;
  }

  /** Every highlight, in the order of `eachPage`. */
  async all(): Promise<Highlight[]> {
    return (await this.groups.toArray()).flatMap((g) => g.highlights);
  }

  /**
   * Every highlight, about `page` at a time (whole articles), each page handed to `each`: by article
   * id, then as stored in the article's record.
   */
  eachPage(page: number, each: (batch: Highlight[]) => void): Promise<void> {
    return eachPage(
      this.groups,
      articlesPerPage(page),
      (batch) => each(batch.flatMap((g) => g.highlights)),
      (g) => g.articleId,
    );
  }

  /** The records holding any of these highlight ids, each once. */
  private async holding(ids: readonly string[]): Promise<ArticleHighlights[]> {
    const keys = [
      ...new Set(
        await this.groups
          .where('ids')
          .anyOf([...ids])
          .primaryKeys(),
      ),
    ];
    return (await this.groups.bulkGet(keys)).filter((g): g is ArticleHighlights => !!g);
  }

  /**
   * Adds these articles' stored highlights to `groups` (an empty list for one without a record):
   * copied from what the caller `read`, else read here.
   */
  private async load(groups: Map<string, Highlight[]>, articleIds: string[], read?: HighlightsRead): Promise<void> {
    const wanted: string[] = [];
    for (const id of articleIds) {
      if (groups.has(id)) continue;
      const list = read?.groups.get(id);
      if (list) groups.set(id, [...list]);
      else wanted.push(id);
    }
    if (wanted.length === 0) return;
    const stored = await this.recordsOf(wanted);
    wanted.forEach((id, i) => {
      groups.set(id, stored[i]?.highlights ?? []);
    });
  }

  /** These articles' records (undefined for one without), reading only those stored when many. */
  private recordsOf(articleIds: readonly string[]): Promise<(ArticleHighlights | undefined)[]> {
    return storedOf(this.groups, articleIds);
  }

  private tallies(): Promise<HighlightTallies | undefined> {
    return this.db.highlightTallies.get('highlights');
  }

  /** Writes these articles' records and the tallies (./highlight-writes.ts), the tallies as `read` or read here. */
  private async store(
    groups: Map<string, Highlight[]>,
    before: ReturnType<typeof tallyOf>,
    written?: (articleIds: readonly string[]) => void,
    read?: HighlightsRead,
  ): Promise<void> {
    await writeGroups(this.db, groups, before, read ? read.tallies : await this.tallies(), written);
    await dropHintsOfGone(this.db, groups);
  }
}
