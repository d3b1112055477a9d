/** The user's settings in an extension page, live, with the claim types they define. */
import { useMemo } from 'preact/hooks';
import { type ClaimTypeDef, resolveClaimTypes } from '../claim-types';
import type { Settings } from '../schema';
import { DEFAULT_SETTINGS, getRepository } from '../store/repository';
import { useLiveQuery } from './use-live-query';

/** Settings read before a page's first render (see {@link prefetchSettings}), for that render only. */
let early: Settings | null = null;

/**
 * Reads the settings ahead of a page's first render, which then starts with them (the user's claim
 * types and language, not the defaults for a frame). Never rejects. Call {@link forgetPrefetched}
 * once the first render is done: components mounted later read their own.
 */
export function prefetchSettings(): Promise<void> {
  return getRepository()
    .getSettings()
    .then(
      (settings) => {
        early = settings;
      },
      () => undefined,
    );
}

/** Drops the settings read ahead of the first render. */
export function forgetPrefetched(): void {
  early = null;
}

/** Settings (defaults until loaded) and whether they have loaded. */
export function useSettings(): { settings: Settings; loaded: boolean } {
  const repo = getRepository();
  const [settings] = useLiveQuery<Settings | null>(() => repo.getSettings(), [], early);
  return { settings: settings ?? DEFAULT_SETTINGS, loaded: settings !== null };
}

/** The claim types in use (the user's, completed with the built-in ones). */
export function useClaimTypes(): ClaimTypeDef[] {
  const { settings } = useSettings();
  return useMemo(() => resolveClaimTypes(settings.claimTypes), [settings.claimTypes]);
}
