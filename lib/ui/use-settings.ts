/** The user's settings in an extension page, live, with the claim types they define. */
import { useMemo } from 'preact/hooks';
import { type ClaimTypeDef, resolveClaimTypes } from '../claim-types';
import type { Settings } from '../schema';
import { DEFAULT_SETTINGS, getRepository } from '../store/repository';
import { useLiveQuery } from './use-live-query';

/** Settings (defaults until loaded) and whether they have loaded. */
export function useSettings(): { settings: Settings; loaded: boolean } {
  const repo = getRepository();
  const [settings] = useLiveQuery<Settings | null>(() => repo.getSettings(), [], null);
  return { settings: settings ?? DEFAULT_SETTINGS, loaded: settings !== null };
}

/** The claim types in use (the user's, completed with the built-in ones). */
export function useClaimTypes(): ClaimTypeDef[] {
  const { settings } = useSettings();
  return useMemo(() => resolveClaimTypes(settings.claimTypes), [settings.claimTypes]);
}
