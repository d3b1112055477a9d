/**
 * Sync in the background, within the MV3 service worker's lifetime rules: an alarm every few
 * minutes, and one half a minute after a change here (a highlight made, the sidebar's paint
 * refreshed), each run one bounded `runSync` (lib/sync/client.ts). Firefox's background page runs
 * the same. Nothing happens while sync is off. The background is the only context that runs sync
 * (Settings' "Sync now" asks it): one PouchDB mirror, opened by one writer.
 */
import { browser } from 'wxt/browser';
import { sendToTab } from '../messaging';
import type { Repository } from '../store/repository';
import { runSync, syncConfig, turnOff } from '../sync/client';
import { ensureAnnotator } from './inject';

export const SYNC_ALARM = 'marginalia-sync';
export const SYNC_SOON_ALARM = 'marginalia-sync-soon';
/** Minutes between background runs. */
const PERIOD_MINUTES = 5;

/** Asks for a run shortly (alarms of the same name replace each other: a burst of changes is one run). */
export async function syncSoon(repo: Repository): Promise<void> {
  if (await syncConfig(repo).catch(() => null)) void browser.alarms.create(SYNC_SOON_ALARM, { delayInMinutes: 0.5 });
}

/**
 * After a run brought changes, open tabs show them: a page with highlights now gets the page side
 * (if it had none) and paints exactly its article's highlights; a page whose last highlight went
 * is cleared.
 */
export async function repaintOpenTabs(repo: Repository): Promise<void> {
  const tabs = await browser.tabs.query({}).catch(() => []);
  for (const tab of tabs) {
    if (tab.id === undefined || !tab.url) continue;
    const article = await repo.findArticleByUrl(tab.url).catch(() => undefined);
    if (!article) continue;
    const items = await repo.paintItems(article.id);
    if (items.length) await ensureAnnotator(tab.id).catch(() => undefined);
    await sendToTab(tab.id, { type: 'paint.set', items }).catch(() => undefined);
  }
}

/** One run, then the open tabs repainted if it brought anything. */
async function runAndRepaint(repo: Repository) {
  const status = await runSync(repo);
  const r = status?.lastReport;
  if (status?.lastSync && r && (r.pulled || r.merged || r.deleted)) await repaintOpenTabs(repo);
  return status;
}

/** Runs sync on its alarms. */
export function scheduleSync(repo: Repository): void {
  void browser.alarms.create(SYNC_ALARM, { periodInMinutes: PERIOD_MINUTES, delayInMinutes: 0.5 });
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === SYNC_ALARM || alarm.name === SYNC_SOON_ALARM) void runAndRepaint(repo).catch(() => undefined);
  });
}

/** Runs sync now for an extension page (Settings → Sync), and says how it went. */
export async function syncNow(repo: Repository) {
  const status = await runAndRepaint(repo);
  const failed = status?.lastError && status.lastError.at >= (status.lastSync ?? 0) ? status.lastError : null;
  const r = status?.lastReport;
  return {
    ran: !!status,
    lastSync: status?.lastSync ?? null,
    error: failed,
    report:
      r && !failed
        ? { pushed: r.pushed, pulled: r.pulled, merged: r.merged, deleted: r.deleted, newer: r.newer }
        : null,
  };
}

/** Stops syncing: the mirror is the background's to close and remove. */
export async function syncOff(repo: Repository): Promise<void> {
  await turnOff(repo);
}
