/**
 * Keeping the user's data: persistent storage (so the browser never evicts it under pressure) and
 * how much is used. Asked from extension pages, where `navigator.storage` is the extension's own.
 */

/** What the browser says about the extension's storage. */
export interface StorageStatus {
  /** True when storage is persistent; null when the browser cannot say. */
  persisted: boolean | null;
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
  return { persisted, usage: estimate?.usage ?? null, quota: estimate?.quota ?? null };
}

export { writeErrorKey } from '../write-errors';
