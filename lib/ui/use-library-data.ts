/**
 * The library's data (search index, groups, rows) from its records: made in full from a read of
 * everything, patched in place after a write that only changed records already held
 * (lib/library-patch.ts), made in full again when the write calls for it.
 */
import { useMemo, useRef } from 'preact/hooks';
import { buildLibraryData, type LibraryData } from '../library';
import { patchLibraryData } from '../library-patch';
import type { Records } from './use-library-records';

export function useLibraryData(records: Records | null): LibraryData | null {
  const made = useRef<{ records: Records; data: LibraryData } | null>(null);
  return useMemo(() => {
    if (!records) return null;
    const before = made.current;
    const patch = records.patch;
    const data =
      (before && patch?.base === before.records && patchLibraryData(before.data, patch.articles, patch.highlights)) ||
      buildLibraryData(records.articles, records.highlights);
    made.current = { records, data };
    return data;
  }, [records]);
}
