/**
 * Automatic backups: a browser can lose an extension's storage (Chromium discards a database it
 * could not write when the disk filled; a profile can be reset), so the lossless backup is also
 * written by itself, daily or weekly (the default), through the downloads API into a `Marginalia`
 * folder of the user's downloads, keeping the last few. The first one is written an hour after the
 * first highlight, then once a period. An alarm checks every hour; the library can ask for one now.
 *
 * Chrome's background is a service worker, which cannot make a Blob URL: there an offscreen document
 * (entrypoints/offscreen) reads the database and hands back the file's URL. Firefox's background
 * page makes it itself.
 */
import { browser } from 'wxt/browser';
import { recordLibrarySize } from '../lost-library';
import { sendToOffscreen } from '../messaging';
import type { AutoBackupPeriod } from '../schema';
import type { Repository } from '../store/repository';

export const AUTO_BACKUP_ALARM = 'marginalia-auto-backup';
/** How many automatic backups are kept; older ones are deleted from disk and from the list. */
export const KEEP_AUTO_BACKUPS = 4;
/** Every automatic backup's file name starts so, under the Marginalia folder of the downloads. */
export const AUTO_BACKUP_PREFIX = 'marginalia-auto-backup-';
/** Wait after the first highlight before the first automatic backup. */
export const FIRST_BACKUP_AFTER_MS = 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
const PERIOD_MS: Record<Exclude<AutoBackupPeriod, 'off'>, number> = { daily: DAY_MS, weekly: 7 * DAY_MS };

/**
 * True when an automatic backup is due: never when off or the library has no highlight; the first
 * an hour after the oldest highlight; then once a period after the last one.
 */
export function autoBackupDue(
  period: AutoBackupPeriod,
  lastAt: number | null,
  oldestHighlightAt: number | null,
  now: number,
): boolean {
  if (period === 'off' || oldestHighlightAt === null) return false;
  if (lastAt === null) return now - oldestHighlightAt >= FIRST_BACKUP_AFTER_MS;
  return now - lastAt >= PERIOD_MS[period];
}

/** The file name of an automatic backup made at `now` (UTC), relative to the downloads folder. */
export function autoBackupFileName(now: Date): string {
  const stamp = now.toISOString().slice(0, 16).replace(':', '');
  return `Marginalia/${AUTO_BACKUP_PREFIX}${stamp}.json`;
}

/** An automatic backup on disk. */
export interface AutoBackupFile {
  id: number;
  /** The full path the browser wrote. */
  file: string;
  at: number;
  bytes: number;
}

/** Where the ids of the automatic backups' downloads are kept (extension storage, not the database). */
const IDS_KEY = 'autoBackupDownloads';

async function knownIds(): Promise<number[]> {
  const stored = (await browser.storage.local.get(IDS_KEY))[IDS_KEY];
  return Array.isArray(stored) ? stored.filter((n): n is number => Number.isInteger(n)) : [];
}

/**
 * This extension's automatic backups that are still on disk, newest first. They are known by their
 * download ids (kept when each is written), not by file name: the browser may rename a file.
 */
export async function listAutoBackups(): Promise<AutoBackupFile[]> {
  const files: AutoBackupFile[] = [];
  for (const id of await knownIds()) {
    const [d] = await browser.downloads.search({ id }).catch(() => []);
    if (d && d.state === 'complete' && d.exists !== false) {
      files.push({ id, file: d.filename, at: Date.parse(d.startTime), bytes: d.fileSize || d.bytesReceived });
    }
  }
  return files.sort((a, b) => b.at - a.at);
}

/** A URL the downloads API can fetch the backup file from, and how to let it go afterwards. */
async function backupUrl(repo: Repository, now: Date): Promise<{ url: string; bytes: number; release(): void }> {
  const canBlob = typeof URL.createObjectURL === 'function' && typeof document !== 'undefined';
  if (canBlob) {
    const { blob } = await repo.backupFile(now);
    const url = URL.createObjectURL(blob);
    return { url, bytes: blob.size, release: () => URL.revokeObjectURL(url) };
  }
  const offscreen = (browser as unknown as { offscreen?: OffscreenApi }).offscreen;
  if (!offscreen) throw new Error('This browser cannot write a backup file from the background.');
  if (!(await offscreen.hasDocument?.())) {
    await offscreen.createDocument({
      url: 'offscreen.html',
      reasons: ['BLOBS'],
      justification: 'Write the automatic backup file of the user’s annotations',
    });
  }
  const { url, bytes } = await sendToOffscreen({ type: 'offscreen.backupUrl', at: now.getTime() });
  return {
    url,
    bytes,
    release: () => void offscreen.closeDocument().catch(() => undefined),
  };
}

interface OffscreenApi {
  hasDocument?: () => Promise<boolean>;
  createDocument(options: { url: string; reasons: string[]; justification: string }): Promise<void>;
  closeDocument(): Promise<void>;
}

/** Waits until a download is complete (resolves) or interrupted (rejects with the browser's reason). */
function finished(id: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const check = (state: string | undefined, error?: string) => {
      if (state === 'complete') {
        browser.downloads.onChanged.removeListener(listener);
        resolve();
      } else if (state === 'interrupted') {
        browser.downloads.onChanged.removeListener(listener);
        reject(new Error(`The backup file could not be written (${error ?? 'interrupted'}).`));
      }
    };
    const listener = (delta: { id: number; state?: { current?: string }; error?: { current?: string } }) => {
      if (delta.id === id) check(delta.state?.current, delta.error?.current);
    };
    browser.downloads.onChanged.addListener(listener);
    void browser.downloads.search({ id }).then(([d]) => check(d?.state, d?.error));
  });
}

/** Writes an automatic backup now, then deletes all but the newest KEEP_AUTO_BACKUPS. */
export async function writeAutoBackup(repo: Repository, now = new Date()): Promise<AutoBackupFile> {
  const { url, release } = await backupUrl(repo, now);
  try {
    const id = await browser.downloads.download({
      url,
      filename: autoBackupFileName(now),
      conflictAction: 'uniquify',
      saveAs: false,
    });
    await finished(id);
    await browser.storage.local.set({ [IDS_KEY]: [...(await knownIds()), id] });
  } finally {
    release();
  }
  const files = await listAutoBackups();
  for (const old of files.slice(KEEP_AUTO_BACKUPS)) {
    await browser.downloads.removeFile(old.id).catch(() => undefined);
    await browser.downloads.erase({ id: old.id }).catch(() => undefined);
  }
  await browser.storage.local.set({ [IDS_KEY]: files.slice(0, KEEP_AUTO_BACKUPS).map((f) => f.id) });
  const [newest] = files;
  if (!newest) throw new Error('The backup file was written but cannot be found in the downloads.');
  return newest;
}

/** Writes an automatic backup if one is due; never throws (a failure is tried again next hour). */
export async function autoBackupIfDue(repo: Repository, now = new Date()): Promise<void> {
  try {
    const [settings, oldest, [last]] = await Promise.all([
      repo.getSettings(),
      repo.oldestHighlightAt(),
      listAutoBackups(),
    ]);
    if (oldest !== null) await recordLibrarySize(await repo.highlightCount(), now.getTime());
    if (autoBackupDue(settings.autoBackup, last?.at ?? null, oldest, now.getTime())) {
      await writeAutoBackup(repo, now);
    }
  } catch {
    // Disk full, downloads disabled by policy …: the next check tries again.
  }
}

/** Checks hourly (and at start) whether an automatic backup is due. */
export function scheduleAutoBackups(repo: Repository): void {
  void browser.alarms.create(AUTO_BACKUP_ALARM, { periodInMinutes: 60, delayInMinutes: 1 });
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === AUTO_BACKUP_ALARM) void autoBackupIfDue(repo);
  });
}
