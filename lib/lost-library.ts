/**
 * Noticing a library the browser lost. Chromium deletes an extension's whole IndexedDB at the next
 * start when a write failed on a full disk (it takes that for corruption); a profile can be reset
 * too. The extension's small key-value storage (`storage.local`, kept apart from the database)
 * remembers how big the library was; when the database is then made anew, the library and the
 * sidebar say what was lost and point to the newest automatic backup, with Restore at hand.
 */
import { browser } from 'wxt/browser';

const SIZE_KEY = 'librarySize';
const CREATED_KEY = 'databaseCreatedAt';

/** What the library held when last counted. */
export interface LibrarySize {
  highlights: number;
  at: number;
}

/** Remembers the library's size (the background calls this after writes and every hour). */
export async function recordLibrarySize(highlights: number, at = Date.now()): Promise<void> {
  await browser.storage.local.set({ [SIZE_KEY]: { highlights, at } satisfies LibrarySize });
}

/** Called when the database is created (Dexie's populate): the first install, or a lost library. */
export async function noteDatabaseCreated(at = Date.now()): Promise<void> {
  try {
    await browser.storage.local.set({ [CREATED_KEY]: at });
  } catch {
    // No extension storage here (a unit test without the fake browser): nothing to compare with.
  }
}

/** The library that was lost, if the database was made anew after it was counted; else null. */
export async function lostLibrary(): Promise<LibrarySize | null> {
  const stored = await browser.storage.local.get([SIZE_KEY, CREATED_KEY]);
  const size = stored[SIZE_KEY] as LibrarySize | undefined;
  const created = stored[CREATED_KEY] as number | undefined;
  if (!size || size.highlights <= 0 || typeof created !== 'number') return null;
  return created > size.at ? size : null;
}

/** Forgets a lost library (restored, or the user said so). */
export async function dismissLostLibrary(): Promise<void> {
  await browser.storage.local.remove(SIZE_KEY);
}
