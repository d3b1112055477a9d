/**
 * Which view (tab) of an extension page is open, kept in the page's address (`#settings`): it
 * survives the page's tree being rendered again from scratch (a change of language) and a reload.
 */
import { useState } from 'preact/hooks';

/** The view named in the address, if it is one of `views`. */
export function viewInAddress<V extends string>(views: readonly V[], hash = location.hash): V | null {
  const named = decodeURIComponent(hash.replace(/^#/, ''));
  return (views as readonly string[]).includes(named) ? (named as V) : null;
}

/** The open view and a setter that records it in the address (without a history entry). */
export function useView<V extends string>(views: readonly V[], initial: V): [V, (view: V) => void] {
  const [view, setView] = useState<V>(() => viewInAddress(views) ?? initial);
  const choose = (next: V) => {
    setView(next);
    history.replaceState(history.state, '', `${location.pathname}${location.search}#${encodeURIComponent(next)}`);
  };
  return [view, choose];
}
