/**
 * `npm run bench:scale`: the library at scale, in real Chromium with the built extension. A seeded
 * library (SCALE_HIGHLIGHTS highlights over a tenth as many articles, 100,000 by default) is
 * restored through the library's Backup panel, then: time to restore, time from opening the
 * library to its first rows, time from a keystroke in the search field to the updated list, and
 * time to export everything as Markdown (zip, and one file), and the library page's JS heap. Prints a table and writes test-results/bench-scale.json.
 * Needs `npm run build` first. Issue #7 folds this into `npm run bench` with goals and peers.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchChromium } from '../support/chromium';
import { scaleBackup } from './scale-data';

const highlights = Number(process.env.SCALE_HIGHLIGHTS ?? 100_000);
const articles = Math.max(1, Math.round(highlights / 10));
const file = join(tmpdir(), `marginalia-scale-${highlights}.json`);
const text = JSON.stringify(scaleBackup(articles, highlights));
writeFileSync(file, text);

const session = await launchChromium();
const results: Record<string, number | string> = { highlights, articles, backupMB: +(text.length / 1e6).toFixed(1) };
try {
  const page = await session.context.newPage();
  page.on('pageerror', (e) => console.error(e));
  await page.goto(session.extensionUrl('library.html'));
  await page.getByRole('tab', { name: 'Backup' }).click();
  let t = Date.now();
  await page.setInputFiles('input[type=file]', file);
  await page.waitForFunction(() => /Restored:|Nothing was imported/.test(document.body.textContent ?? ''), null, {
    timeout: 900_000,
    polling: 250,
  });
  results.restoreMs = Date.now() - t;
  t = Date.now();
  await page.reload();
  await page.waitForFunction(() => document.querySelectorAll('.lib-article').length > 0, null, { timeout: 300_000 });
  results.libraryOpenMs = Date.now() - t;
  for (const q of ['zzz', 'kien', 'cafe', 'dang', 'xay dung dang']) {
    results[`search "${q}" ms`] = await page.evaluate(async (query) => {
      const input = document.querySelector('.search') as HTMLInputElement;
      const before = document.querySelector('.results-bar')?.textContent;
      const t0 = performance.now();
      input.value = query;
      input.dispatchEvent(new Event('input', { bubbles: true }));
      await new Promise<void>((resolve) => {
        const tick = () =>
          document.querySelector('.results-bar')?.textContent !== before ? resolve() : requestAnimationFrame(tick);
        tick();
      });
      // Until the new rows are painted.
      await new Promise((r) => requestAnimationFrame(() => setTimeout(r)));
      const ms = Math.round(performance.now() - t0);
      input.value = '';
      input.dispatchEvent(new Event('input', { bubbles: true }));
      await new Promise((r) => setTimeout(r, 300));
      return ms;
    }, q);
  }
  // Export everything as a zip of Markdown files (with APA citations), from the click to the file.
  for (const [format, label] of [
    ['markdown-zip', 'Markdown, one file per article (.zip)'],
    ['markdown', 'Markdown, one file'],
  ] as const) {
    await page.getByRole('button', { name: 'Export…' }).click();
    await page.getByRole('radio', { name: /^Everything/ }).check();
    await page.getByRole('combobox', { name: 'Format' }).selectOption({ label });
    t = Date.now();
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 600_000 }),
      page.getByRole('button', { name: 'Export', exact: true }).click(),
    ]);
    results[`export all ${format} ms`] = Date.now() - t;
    const path = await download.path();
    results[`export all ${format} MB`] = +(readFileSync(path).length / 1e6).toFixed(1);
    await page.getByRole('button', { name: 'Close' }).click();
  }
  results.heapMB = await page.evaluate(() =>
    Math.round((performance as unknown as { memory: { usedJSHeapSize: number } }).memory.usedJSHeapSize / 1e6),
  );
} finally {
  await session.close();
}
console.table(results);
mkdirSync(join(process.cwd(), 'test-results'), { recursive: true });
writeFileSync(join(process.cwd(), 'test-results/bench-scale.json'), `${JSON.stringify(results, null, 2)}\n`);
