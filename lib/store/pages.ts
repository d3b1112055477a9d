/**
 * Reading a whole table a page at a time, in key order, inside the caller's transaction: the
 * library's read of everything (./library-store.ts) and the backup file (./backup-store.ts).
 */
import type { Table } from 'dexie';

/** Every record of a table keyed by `id`, `page` at a time in key order, each page handed to `each`. */
export async function eachPage<T extends { id: string }, I>(
  table: Table<T, string, I>,
  page: number,
  each: (batch: T[]) => void,
): Promise<void> {
  for (let last: string | null = null; ; ) {
    const batch: T[] = await (last === null ? table.orderBy(':id') : table.where(':id').above(last))
      .limit(page)
      .toArray();
    if (batch.length > 0) each(batch);
    if (batch.length < page) return;
    last = (batch[batch.length - 1] as T).id;
  }
}
