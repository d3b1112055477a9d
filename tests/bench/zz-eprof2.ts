import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AS_USERS_BROWSER, launchChromium } from '../support/chromium';
const prof = mkdtempSync(join(tmpdir(), 'zz-ep-'));
cpSync('/tmp/zz-trace-profile', prof, { recursive: true });
const session = await launchChromium(prof, true, AS_USERS_BROWSER);
const page = await session.context.newPage();
const cdp = await session.context.newCDPSession(page);
await page.goto(session.extensionUrl('library.html'));
await page.waitForFunction(() => document.querySelector('.browser')?.getAttribute('aria-busy') === 'false', null, { timeout: 300_000, polling: 50 });
await new Promise((r) => setTimeout(r, 3000));
for (let round = 0; round < 2; round++) {
  await page.getByRole('button', { name: 'Export…' }).click();
  await page.getByRole('radio', { name: /^Everything/ }).check();
  await page.getByRole('combobox', { name: 'Format' }).selectOption({ label: 'Markdown, one file per article (.zip)' });
  await page.getByRole('checkbox', { name: 'Add a citation to each article' }).setChecked(false);
  if (round === 0) { await cdp.send('Profiler.enable'); await cdp.send('Profiler.setSamplingInterval', { interval: 200 }); await cdp.send('Profiler.start'); }
  const t = Date.now();
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 900_000 }), page.getByRole('button', { name: 'Export', exact: true }).click()]);
  console.log('export', round, Date.now() - t, 'ms');
  if (round === 0) { const { profile } = await cdp.send('Profiler.stop'); writeFileSync('/tmp/export.cpuprofile', JSON.stringify(profile)); }
  await download.path();
  await page.getByRole('button', { name: 'Close' }).click();
  await new Promise((r) => setTimeout(r, 2000));
}
await session.close();
