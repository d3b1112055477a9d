/**
 * The one write of stored highlights (lib/store/highlight-table.ts decides what to write): each
 * article's record, or none for an article left with no highlight, and the tallies, in the caller's
 * transaction. Many records are written in parts issued together, in key order.
 */
import type { Highlight } from '../schema';
import type { MarginaliaDB } from './db';
import { type ArticleHighlights, groupOf, type HighlightTallies, nextTallies, tallyOf } from './highlight-groups';

/**
 * Article records per write request of a large write, issued one after the other without waiting:
 * the thread prepares the next part while the browser writes the last, and each part written says
 * how far the write has come.
 */
const PUT_PART = 500;

/**
 * Writes each article's record: its highlights, or no record when it has none; and the tallies,
 * from `tallies` as stored, less those of the records as they were read (`before`), plus these.
 * `written` is told the article ids of each part once it is written.
 */
export async function writeGroups(
  db: MarginaliaDB,
  groups: Map<string, Highlight[]>,
  before: ReturnType<typeof tallyOf>,
  tallies: HighlightTallies | undefined,
  written?: (articleIds: readonly string[]) => void,
): Promise<void> {
  const puts: ArticleHighlights[] = [];
  const deletes: string[] = [];
  for (const [articleId, list] of groups) {
    if (list.length) puts.push(groupOf(articleId, list));
    else deletes.push(articleId);
  }
  // In key order: a table written in random key order read back slower afterwards (the library
  // opened on a restored 100,000 highlights was searchable after 6.1-7.1 s instead of 5.5).
  puts.sort((x, y) => (x.articleId < y.articleId ? -1 : x.articleId > y.articleId ? 1 : 0));
  // Nothing waited for until every write is issued.
  const writes: Promise<unknown>[] = [db.highlightTallies.put(nextTallies(tallies, before, tallyOf(groups.values())))];
  for (let at = 0; at < puts.length; at += PUT_PART) {
    const part = puts.slice(at, at + PUT_PART);
    writes.push(db.articleHighlights.bulkPut(part).then(() => written?.(part.map((g) => g.articleId))));
  }
  if (deletes.length) writes.push(db.articleHighlights.bulkDelete(deletes).then(() => written?.(deletes)));
  await Promise.all(writes);
}
