/**
 * The anchor hints kept beside an article's highlights (where the page side last found them in the
 * page's DOM, lib/anchoring/hint.ts; written by lib/store/repository.ts), kept for the highlights
 * the article still has. Run in the caller's transaction, which holds the `anchorHints` table.
 */

import type { Highlight } from '../schema';
import type { MarginaliaDB } from './db';
import { storedOf } from './pages';

/**
 * Drops the hints of the highlights these articles no longer hold (deleted, merged into another,
 * deleted by sync), so nothing of a deleted highlight stays behind; an article left with none has
 * no record. `groups`: each written article's highlights, all of them. Of those articles only the
 * ones with hints are read (with many, after one key-only read).
 */
export async function dropHintsOfGone(
  db: MarginaliaDB,
  groups: ReadonlyMap<string, readonly Highlight[]>,
): Promise<void> {
  for (const record of await storedOf(db.anchorHints, [...groups.keys()])) {
    if (!record) continue;
    const own = new Set((groups.get(record.articleId) ?? []).map((h) => h.id));
    const kept = Object.entries(record.hints).filter(([id]) => own.has(id));
    if (kept.length === Object.keys(record.hints).length) continue;
    if (kept.length) await db.anchorHints.put({ articleId: record.articleId, hints: Object.fromEntries(kept) });
    else await db.anchorHints.delete(record.articleId);
  }
}
