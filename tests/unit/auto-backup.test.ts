/** When automatic backups are due, what they are called, and the lost-library check. */
import { describe, expect, it } from 'vitest';
import { autoBackupDue, autoBackupFileName, FIRST_BACKUP_AFTER_MS } from '@/lib/background/auto-backup';
import { dismissLostLibrary, lostLibrary, noteDatabaseCreated, recordLibrarySize } from '@/lib/lost-library';
import { tooFull } from '@/lib/store/storage-room';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const T = Date.UTC(2026, 10, 30, 20, 45);

describe('automatic backups', () => {
  it.each([
    ['off', null, T - 30 * DAY, T, false],
    ['weekly', null, null, T, false],
    ['weekly', null, T - 30 * 60_000, T, false],
    ['weekly', null, T - FIRST_BACKUP_AFTER_MS, T, true],
    ['weekly', T - 6 * DAY, T - 30 * DAY, T, false],
    ['weekly', T - 7 * DAY, T - 30 * DAY, T, true],
    ['daily', T - 23 * HOUR, T - 30 * DAY, T, false],
    ['daily', T - DAY, T - 30 * DAY, T, true],
  ] as const)('%s, last %s, first highlight %s → due %s', (period, last, oldest, now, due) => {
    expect(autoBackupDue(period, last, oldest, now)).toBe(due);
  });

  it('names the file by the time, in a Marginalia folder', () => {
    expect(autoBackupFileName(new Date(T))).toBe('Marginalia/marginalia-auto-backup-2026-11-30T2045.json');
  });
});

describe('room to write', () => {
  const MB = 1024 * 1024;
  it.each([
    [{ quota: 5 * MB, usage: 5 * MB }, true],
    [{ quota: 500 * MB, usage: 490 * MB }, true],
    [{ quota: 500 * MB, usage: 400 * MB }, false],
    [{ quota: 26_843_545, usage: 73_832 }, false],
    [{ quota: 26_843_545, usage: 25 * MB }, true],
    [undefined, false],
  ])('%o → too full %s', (estimate, full) => {
    expect(tooFull(estimate)).toBe(full);
  });
});

describe('a lost library', () => {
  it('is one whose database was made anew after it held highlights, until dismissed', async () => {
    await noteDatabaseCreated(T);
    expect(await lostLibrary()).toBeNull();
    await recordLibrarySize(0, T + 1);
    await noteDatabaseCreated(T + 2);
    expect(await lostLibrary()).toBeNull();
    await recordLibrarySize(12, T + 3);
    expect(await lostLibrary()).toBeNull();
    await noteDatabaseCreated(T + 4);
    expect(await lostLibrary()).toEqual({ highlights: 12, at: T + 3 });
    await dismissLostLibrary();
    expect(await lostLibrary()).toBeNull();
  });
});
