/** Preact binding for Dexie's liveQuery: re-renders when the queried tables change, in any context. */
import { liveQuery } from 'dexie';
import { useLayoutEffect, useState } from 'preact/hooks';

/** What a paused query gives instead of reading: a change came while the page was hidden. */
const MISSED = Symbol('missed while hidden');

export interface LiveQueryOptions {
  /**
   * Do not read again while the page is hidden (a tab in the background): a change then only marks
   * the result stale, and it is read once when the page is shown again. For queries that read
   * everything: extension pages share one thread in Chromium, and the library reading 100,000
   * highlights again because the sidebar saved a note held the sidebar for over a second.
   */
  pauseWhileHidden?: boolean;
}

/** The query's latest result (`initial` until the first one), and its error if it failed. */
export function useLiveQuery<T>(
  query: () => Promise<T> | T,
  deps: unknown[],
  initial: T,
  options: LiveQueryOptions = {},
): [T, Error | null] {
  const [value, setValue] = useState<T>(initial);
  const [error, setError] = useState<Error | null>(null);
  // Bumped to subscribe again (and so read again) when a page shown again missed a change.
  const [round, setRound] = useState(0);
  const pause = options.pauseWhileHidden === true;
  // Subscribed as soon as the component is in the DOM, not after the next frame: a page opening
  // waits on these queries.
  useLayoutEffect(() => {
    const hidden = () => pause && document.visibilityState === 'hidden';
    let missed = false;
    // Hidden, the query reads nothing (so it watches nothing more): it is only noted as missed. The
    // wrapper is an async function because Dexie keeps watching the reads of an async querier across
    // its awaits only when the querier itself is one (it checks).
    const watched: () => Promise<T | typeof MISSED> | T = pause
      ? async () => (hidden() ? MISSED : await query())
      : query;
    const subscription = liveQuery(watched).subscribe({
      next: (v) => {
        if (v === MISSED) {
          missed = true;
          return;
        }
        setValue(v);
        setError(null);
      },
      error: (e: unknown) => setError(e instanceof Error ? e : new Error(String(e))),
    });
    const shown = () => {
      if (missed && !hidden()) setRound((n) => n + 1);
    };
    if (pause) document.addEventListener('visibilitychange', shown);
    return () => {
      subscription.unsubscribe();
      document.removeEventListener('visibilitychange', shown);
    };
  }, [...deps, round]);
  return [value, error];
}
