/** Preact binding for Dexie's liveQuery: re-renders when the queried tables change, in any context. */
import { liveQuery } from 'dexie';
import { useLayoutEffect, useState } from 'preact/hooks';

/**
 * The query's latest result (`initial` until the first one), and its error if it failed. For small
 * reads (an article, the settings): the library's read of everything is kept up to date by patching
 * instead (lib/ui/use-library-records.ts).
 */
export function useLiveQuery<T>(query: () => Promise<T> | T, deps: unknown[], initial: T): [T, Error | null] {
  const [value, setValue] = useState<T>(initial);
  const [error, setError] = useState<Error | null>(null);
  // Subscribed as soon as the component is in the DOM, not after the next frame: a page opening
  // waits on these queries.
  useLayoutEffect(() => {
    const subscription = liveQuery(query).subscribe({
      next: (v) => {
        setValue(v);
        setError(null);
      },
      error: (e: unknown) => setError(e instanceof Error ? e : new Error(String(e))),
    });
    return () => subscription.unsubscribe();
  }, deps);
  return [value, error];
}
