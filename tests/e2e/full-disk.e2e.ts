/**
 * A full disk, in real Chromium: the browser profile lives on a small tmpfs that the test fills to
 * the last byte. Every refused write is said where the user acted (at the selection on the page,
 * under the note being edited), the typed note survives, space running out is warned about, writes
 * resume as soon as space is freed (no restart), an automatic backup is written to the downloads
 * folder, and after a restart everything is still there. (Before: the highlight failed silently, the
 * note editor closed on its text, writes failed until a restart, and Chromium deleted the whole
 * database at the restart, since it takes a write that hits a full disk for corruption.)
 *
 * Chromium only: there the storage estimate follows the disk, so writes are refused before the disk
 * is full. Firefox's estimate is its own fixed limit and its SQLite files grow in preallocated
 * chunks, so on a full disk some of its writes still succeed and which one fails first is not
 * deterministic; its failures take the same path (lib/write-errors.ts, unit-tested).
 *
 * Mounting a tmpfs needs root (CI runs as root); elsewhere the suite is skipped.
 */
import { execFileSync } from 'node:child_process';
import { closeSync, copyFileSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNever, openCards, PAINTED } from '../support/e2e';
import { type BrowserName, type Harness, launchHarness, type Tab } from '../support/harness';
import { selectText } from '../support/select';
import { type FixtureServer, startServer } from '../support/server';

const S1 = 'Phó trưởng Ban Tổ chức Huyện ủy Vĩnh Tường Đàm Văn Hùng cho biết';
const S2 = 'Bên cạnh đó, huyện Vĩnh Tường đưa ra nhiều giải pháp tháo gỡ khó khăn';
const CARDS = `document.querySelectorAll('article.card').length`;
const DISK_WORDS = /disk|quota|no room/i;

/** True when this process can mount a tmpfs (root, and a sandbox that allows it): tried for real. */
function canMount(): boolean {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) {
    console.warn('full-disk.e2e: skipped, mounting a tmpfs needs root');
    return false;
  }
  const probe = `/tmp/marginalia-mount-probe-${process.pid}`;
  try {
    mkdirSync(probe, { recursive: true });
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', probe], { stdio: 'ignore' });
    execFileSync('umount', [probe], { stdio: 'ignore' });
    return true;
  } catch {
    console.warn('full-disk.e2e: skipped, this machine does not allow mounting a tmpfs');
    return false;
  } finally {
    rmSync(probe, { recursive: true, force: true });
  }
}

/** Fills the file system at `dir` to the last byte; returns the filler's path. */
function fill(dir: string): string {
  const path = `${dir}/filler`;
  const fd = openSync(path, 'w');
  const chunk = Buffer.alloc(1024 * 1024, 1);
  const small = Buffer.alloc(4096, 1);
  try {
    for (;;) writeSync(fd, chunk);
  } catch {
    try {
      for (;;) writeSync(fd, small);
    } catch {
      // Full.
    }
  } finally {
    closeSync(fd);
  }
  return path;
}

describe.skipIf(!canMount())('a full disk in Chromium', () => {
  const browserName: BrowserName = 'chromium';
  const mount = `/tmp/marginalia-full-${browserName}-${process.pid}`;
  const profile = `${mount}/profile`;
  let server: FixtureServer;
  let harness: Harness;
  let page: Tab;
  let sidebar: Tab;
  let url: string;
  let filler = '';

  beforeAll(async () => {
    mkdirSync(mount, { recursive: true });
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=256m', 'tmpfs', mount]);
    server = await startServer();
    url = `${server.origin}/seed/vinhphuc.html`;
    harness = await launchHarness(browserName, profile);
  }, 60_000);

  afterAll(async () => {
    await harness?.close().catch(() => undefined);
    await server?.close();
    try {
      execFileSync('umount', ['-l', mount]);
    } catch {
      // Not mounted.
    }
    rmSync(mount, { recursive: true, force: true });
  });

  it('says at the selection and under the note that the disk is full, keeping the typed note', async () => {
    page = await harness.openPage(url);
    sidebar = await harness.openSidebar(await harness.tabIdOf(url));
    await sidebar.waitFor(`document.querySelector('header.article h1')`);
    await page.front();
    await selectText(page, S1);
    await page.click({ role: 'button', name: 'Claim' });
    await sidebar.waitFor(`${CARDS} === 1`);

    filler = fill(mount);
    // A highlight now fails: said at the selection, in words; nothing is listed.
    await page.front();
    await selectText(page, S2);
    await page.click({ role: 'button', name: 'Evidence' });
    await page.waitForRole({ role: 'alert', name: DISK_WORDS.source, regex: true });
    const said = await page.names({ role: 'alert' });
    expect(said.join(' ')).toMatch(DISK_WORDS);
    await page.screenshot('full-disk-page');
    expect(await sidebar.evaluate<number>(CARDS)).toBe(1);

    // A note typed now is not lost: the editor stays open with it and says why under it.
    await sidebar.front();
    await openCards(sidebar);
    await sidebar.click({ role: 'button', name: 'Add a note…' });
    await sidebar.type({ role: 'textbox', name: 'Note' }, 'ghi chú gõ lúc ổ đầy');
    await sidebar.click({ role: 'button', name: 'Save' });
    await sidebar.waitFor(
      `[...document.querySelectorAll('.note [role=alert]')].some((e) => /disk|quota|no room/i.test(e.textContent))`,
    );
    expect(await sidebar.evaluate<string>(`document.querySelector('.note textarea')?.value ?? ''`)).toBe(
      'ghi chú gõ lúc ổ đầy',
    );
    // And the sidebar warns that space is running out.
    await sidebar.waitFor(`document.querySelector('[data-low-space]')`);
    await sidebar.screenshot('full-disk-sidebar');
  }, 120_000);

  it('resumes writing as soon as space is freed, without a restart', async () => {
    rmSync(filler, { force: true });
    await sidebar.click({ role: 'button', name: 'Save' });
    // Saved: the editor closes and the note is shown (the card shows it once the store answers,
    // which can be a frame after the editor closed).
    await sidebar.waitFor(
      `!document.querySelector('.note textarea') && document.body.innerText.includes('ghi chú gõ lúc ổ đầy')`,
    );
    await page.front();
    await selectText(page, S2);
    await page.click({ role: 'button', name: 'Evidence' });
    await sidebar.waitFor(`${CARDS} === 2`);
    await page.waitFor(`${PAINTED} === 2`);
  }, 60_000);

  it('writes an automatic backup to the downloads folder, and keeps everything across a restart', async () => {
    const library = await harness.openExtensionPage('library.html');
    await library.click({ role: 'tab', name: 'Backup' });
    await library.click({ role: 'button', name: 'Back up now' });
    await library.waitForRole({ role: 'status', name: '^Backup written: ', regex: true });
    const [status] = await library.names({ role: 'status', name: '^Backup written', regex: true });
    const file = (status ?? '').replace(/^Backup written: /, '').trim();
    expect(existsSync(file), file).toBe(true);
    // (Under Playwright, Chromium's downloads get a GUID name: Marginalia names it
    // Marginalia/marginalia-auto-backup-<time>.json, as the Firefox test of the Backup panel checks.)
    const backup = JSON.parse(readFileSync(file, 'utf8')) as { highlights: { note: string }[] };
    expect(backup.highlights).toHaveLength(2);
    expect(backup.highlights.map((h) => h.note)).toContain('ghi chú gõ lúc ổ đầy');
    await library.waitFor(`document.querySelector('[data-auto-backups="1"]')`);
    await library.screenshot('library-auto-backup');

    // Playwright deletes its downloads when the browser closes; a user's downloads folder stays.
    const kept = `${mount}/kept-backup.json`;
    copyFileSync(file, kept);
    await harness.restart();
    // Chromium may delete the whole database at this start (it took the full disk for corruption).
    // Then nothing is lost all the same: the library says so, names the automatic backup, and
    // restoring it brings every highlight and note back.
    const lib = await harness.openExtensionPage('library.html');
    await lib.waitFor(`document.querySelector('[data-lost-checked], [data-lost-library]')`);
    const lostNow = await lib.evaluate<boolean>(`!!document.querySelector('[data-lost-library]')`);
    console.log(`after the restart, Chromium ${lostNow ? 'had deleted the database' : 'kept the database'}`);
    if (lostNow) {
      await lib.waitFor(
        `document.querySelector('[data-lost-library="2"]')?.innerText.includes(${JSON.stringify(file)})`,
      );
      await lib.screenshot('library-lost-library');
      await lib.click({ role: 'tab', name: 'Backup' });
      await lib.setFile('input[type=file]', kept);
      await lib.waitForRole({ role: 'status', name: '^Restored: 1 articles? and 2 highlights added', regex: true });
    }
    const again = await harness.openPage(url);
    const side = await harness.openSidebar(await harness.tabIdOf(url));
    await side.waitFor(`${CARDS} === 2 && document.body.innerText.includes('ghi chú gõ lúc ổ đầy')`);
    await again.waitFor(`${PAINTED} === 2`);
    await expectNever(side, `document.querySelector('[data-low-space]')`, 500);
  }, 120_000);
});
