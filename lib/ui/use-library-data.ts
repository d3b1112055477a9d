/**
 * The library's data (search index, groups, rows) from its records: patched in place after a write
 * that only changed records already held (lib/library-patch.ts); otherwise made again from every
 * record, in slices that give the library's thread back (at 100,000 highlights the making takes one
 * to two seconds: in one task, every keystroke and scroll meanwhile waited for it). Until that is
 * done the data made before stays (null on the first read: the library shows its first rows).
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { LibraryData } from '../library';
import { buildLibraryDataSliced } from '../library-build';
import { patchLibraryData } from '../library-patch';
import type { Records } from './use-library-records';

interface Made {
  records: Records;
  data: LibraryData;
}

/** The data of `records` when it is the one made, or a patch of it; null when it must be made. */
function dataOf(made: { current: Made | null }, records: Records): LibraryData | null {
  const before = made.current;
  if (before?.records === records) return before.data;
  const patch = records.patch;
  const data =
    before && patch?.base === before.records && patchLibraryData(before.data, patch.articles, patch.highlights);
  if (!data) return null;
  made.current = { records, data };
  return data;
}

export function useLibraryData(records: Records | null): LibraryData | null {
  const made = useRef<Made | null>(null);
  // Bumped when a sliced making is done, to render with it.
  const [built, setBuilt] = useState(0);
  // A making that failed fails the render, as making the data during the render did.
  const [failed, setFailed] = useState<unknown>(null);
  if (failed) throw failed;
  // `built` in the dependencies: it says `made` changed.
  const now = useMemo(() => (records ? dataOf(made, records) : null), [records, built]);
  const ready = now !== null;
  useEffect(() => {
    if (!records || ready) return;
    let alive = true;
    buildLibraryDataSliced(records.articles, records.highlights, () => !alive).then(
      (data) => {
        if (!alive || !data) return;
        made.current = { records, data };
        setBuilt((n) => n + 1);
      },
      (e: unknown) => {
        if (alive) setFailed(e instanceof Error ? e : new Error(String(e)));
      },
    );
    return () => {
      alive = false;
    };
  }, [records, ready]);
  return now ?? made.current?.data ?? null;
}
