/**
 * Reading a table's records in the caller's transaction: the whole table a page at a time, in key
 * order (the library's read of everything, ./library-store.ts, and the backup file,
 * ./backup-store.ts), and records by id reading only those stored (a restore).
 */
import type { EntityTable, IDType, Table } from 'dexie';

/**
 * Every record of a table, `page` at a time in primary key order, each page handed to `each`;
 * `keyOf` is a record's primary key (by default its `id`).
 */
export async function eachPage<T, I>(
  table: Table<T, string, I>,
  page: number,
  each: (batch: T[]) => void,
  keyOf: (record: T) => string = (record) => (record as { id: string }).id,
): Promise<void> {
  for (let last: string | null = null; ; ) {
    const batch: T[] = await (last === null ? table.orderBy(':id') : table.where(':id').above(last))
      .limit(page)
      .toArray();
    if (batch.length > 0) each(batch);
    if (batch.length < page) return;
    last = keyOf(batch[batch.length - 1] as T);
  }
}

/**
 * The stored records with these ids (undefined where none), reading only those that exist: the
 * table's keys come from one key-only read, so restoring into a fresh library reads no records.
 */
export async function storedOnly<T extends { id: string }>(
  table: EntityTable<T, 'id'>,
  ids: readonly string[],
): Promise<(T | undefined)[]> {
  const present = new Set<unknown>(await table.toCollection().primaryKeys());
  const wanted = ids.filter((id) => present.has(id)) as IDType<T, 'id'>[];
  if (wanted.length === 0) return ids.map(() => undefined);
  const records = await table.bulkGet(wanted);
  const found = new Map<unknown, T | undefined>(wanted.map((id, i) => [id, records[i]]));
  return ids.map((id) => found.get(id));
}
