/**
 * Keeping the user's data: persistent storage (so the browser never evicts it under pressure) and
 * how much is used. Asked from extension pages, where `navigator.storage` is the extension's own.
 */
import { browser } from 'wxt/browser';

/** What the browser says about the extension's storage. */
export interface StorageStatus {
  /** True when storage is persistent; null when the browser cannot say. */
  persisted: boolean | null;
  /**
   * True when the extension holds `unlimitedStorage`: Chrome then never evicts its data, although
   * `navigator.storage.persisted()` still answers false there.
   */
  unlimited: boolean;
  usage: number | null;
  quota: number | null;
}

/** Asks for persistent storage (granted to extensions without a prompt) and reports the outcome. */
export async function ensurePersistentStorage(): Promise<boolean | null> {
  const storage = globalThis.navigator?.storage;
  if (!storage?.persist) return null;
  try {
    return (await storage.persisted()) || (await storage.persist());
  } catch {
    return null;
  }
}

/** The current storage status. */
export async function storageStatus(): Promise<StorageStatus> {
  const storage = globalThis.navigator?.storage;
  const estimate = await storage?.estimate?.().catch(() => null);
  const persisted = storage?.persisted ? await storage.persisted().catch(() => null) : null;
  const unlimited = await browser.permissions.contains({ permissions: ['unlimitedStorage'] }).catch(() => false);
  return { persisted, unlimited, usage: estimate?.usage ?? null, quota: estimate?.quota ?? null };
}

export { writeErrorKey } from '../write-errors';

/** Below this much room left for the extension's data (or a fifth of its quota, if less), warn. */
export const LOW_SPACE_BYTES = 100 * 1024 * 1024;

/**
 * The room left when it is low (bytes), else null, from what `navigator.storage.estimate()` says.
 * Chromium gives an extension with unlimitedStorage the disk's free space plus what it uses as its
 * quota, so this is the disk filling up; Firefox gives its own storage limit, so there it is that
 * limit coming near (a disk that fills up under Firefox shows as the failed write's message).
 */
export function lowSpaceLeft(estimate: { quota?: number; usage?: number } | null | undefined): number | null {
  if (!estimate || estimate.quota === undefined || estimate.usage === undefined) return null;
  const left = Math.max(0, estimate.quota - estimate.usage);
  return left < Math.min(LOW_SPACE_BYTES, estimate.quota * 0.2) ? left : null;
}

/** The room left for the extension's data when it is low (bytes), else null. */
export async function lowSpace(): Promise<number | null> {
  return lowSpaceLeft(await globalThis.navigator?.storage?.estimate?.().catch(() => null));
}

/** What a write the user asked for came to: null when it was saved, else what to tell them. */
export type WriteOutcome = string | null;
