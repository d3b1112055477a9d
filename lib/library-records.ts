/**
 * The library's records kept up to date by patching: the records a write touched, read back by id,
 * replace their old selves (in place, so the library's order holds), new ones are added at the end,
 * and the ones no longer stored are dropped.
 */

/** Every article and highlight, as the library holds them. */
export interface LibraryRecords<A extends { id: string }, H extends { id: string }> {
  articles: A[];
  highlights: H[];
}

/** Records read back by id: the record, or undefined where none is stored any more. */
export type ReadBack<T> = Map<string, T | undefined>;

/** `list` with the records read back in place of their old selves; the same array when none changed. */
export function patchList<T extends { id: string }>(list: readonly T[], read: ReadBack<T>): T[] {
  if (read.size === 0) return list as T[];
  const seen = new Set<string>();
  const out: T[] = [];
  for (const item of list) {
    if (!read.has(item.id)) {
      out.push(item);
      continue;
    }
    seen.add(item.id);
    const now = read.get(item.id);
    if (now) out.push(now);
  }
  for (const [id, now] of read) if (now && !seen.has(id)) out.push(now);
  return out;
}

/**
 * Highlights read back by article (they are stored, and so reported written, a record per article):
 * each of those articles' highlights as stored now, and undefined for each of `held` in those
 * articles that is no longer stored there (deleted, or moved to another article, which was written
 * in the same transaction and so is read back with it).
 */
export function readBackByArticle<H extends { id: string; articleId: string }>(
  held: readonly H[],
  byArticle: ReadonlyMap<string, readonly H[]>,
): ReadBack<H> {
  const read: ReadBack<H> = new Map();
  if (byArticle.size === 0) return read;
  for (const h of held) if (byArticle.has(h.articleId)) read.set(h.id, undefined);
  for (const list of byArticle.values()) for (const h of list) read.set(h.id, h);
  return read;
}

/** The records with what was read back. */
export function patchRecords<A extends { id: string }, H extends { id: string }>(
  records: LibraryRecords<A, H>,
  articles: ReadBack<A>,
  highlights: ReadBack<H>,
): LibraryRecords<A, H> {
  return { articles: patchList(records.articles, articles), highlights: patchList(records.highlights, highlights) };
}
