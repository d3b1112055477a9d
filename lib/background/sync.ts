/**
 * Sync in the background, within the MV3 service worker's lifetime rules: an alarm every few
 * minutes, and one half a minute after a change here (a highlight made, the sidebar's paint
 * refreshed), each run one bounded `runSync` (lib/sync/client.ts). Firefox's background page runs
 * the same. Nothing happens while sync is off. The background is the only context that runs sync
 * (Settings' "Sync now" asks it): one PouchDB mirror, opened by one writer.
 */
import { browser } from 'wxt/browser';
import type { Repository } from '../store/repository';
import { runSync, syncConfig, turnOff } from '../sync/client';

export const SYNC_ALARM = 'marginalia-sync';
export const SYNC_SOON_ALARM = 'marginalia-sync-soon';
/** Minutes between background runs. */
const PERIOD_MINUTES = 5;

/** Asks for a run shortly (alarms of the same name replace each other: a burst of changes is one run). */
export async function syncSoon(repo: Repository): Promise<void> {
  if (await syncConfig(repo).catch(() => null)) void browser.alarms.create(SYNC_SOON_ALARM, { delayInMinutes: 0.5 });
}

/** Runs sync on its alarms. */
export function scheduleSync(repo: Repository): void {
  void browser.alarms.create(SYNC_ALARM, { periodInMinutes: PERIOD_MINUTES, delayInMinutes: 0.5 });
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === SYNC_ALARM || alarm.name === SYNC_SOON_ALARM) void runSync(repo).catch(() => undefined);
  });
}

/** Runs sync now for an extension page (Settings → Sync), and says how it went. */
export async function syncNow(repo: Repository) {
  const status = await runSync(repo);
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
