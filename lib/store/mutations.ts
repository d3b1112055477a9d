/**
 * What a database write touched, as Dexie reports it to every context of the extension (its
 * `storagemutated` event: for each table, the primary keys written, as a set of ranges). The library
 * reads back just those records instead of every record: at 100,000 highlights, reading everything
 * again took 5-7 s of the library's thread each time the sidebar saved a note or opened an article.
 */
import type { ObservabilitySet } from 'dexie';
import { DB_NAME } from './db';

/** A node of Dexie's interval tree (a plain object when it came from another context). */
interface RangeNode {
  from?: unknown;
  to?: unknown;
  l?: RangeNode | null;
  r?: RangeNode | null;
}

/**
 * The primary keys of `table` that a write touched: null when it did not touch the table, 'all'
 * when it touched a range of keys (a clear, a range delete, a bulk write Dexie did not list key by
 * key), else the keys.
 */
export function touchedKeys(parts: ObservabilitySet, table: string, db: string = DB_NAME): string[] | 'all' | null {
  const tree = parts[`idb://${db}/${table}/`] as RangeNode | undefined;
  if (!tree || !('from' in tree)) return null;
  const keys: string[] = [];
  const stack: RangeNode[] = [tree];
  while (stack.length > 0) {
    const node = stack.pop() as RangeNode;
    if (typeof node.from !== 'string' || node.from !== node.to) return 'all';
    keys.push(node.from);
    if (node.l) stack.push(node.l);
    if (node.r) stack.push(node.r);
  }
  return keys;
}
