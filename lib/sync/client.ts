/**
 * Sync as the extension runs it (background and library): turning it on against a server, one run
 * at a time, its status, and turning it off. The engine is ./engine.ts; the keys ./crypto.ts.
 *
 * The server is any that speaks CouchDB's replication protocol (Apache CouchDB 3, Cloudant, PouchDB
 * Server), one database per user named as CouchDB's `couch_peruser` names it (`userdb-` and the
 * user name in hex). The password is sent as HTTP basic auth and stored only sealed with the sync
 * keys; the passphrase is never stored; the keys are stored as non-extractable CryptoKeys, in this
 * extension's own database.
 */

import http from 'pouchdb-adapter-http';
import idb from 'pouchdb-adapter-idb';
import PouchDB from 'pouchdb-core';
import replication from 'pouchdb-replication';
import type { SyncRecords } from '../store/sync-records';
import {
  deriveKeys,
  newSalt,
  open,
  PBKDF2_ITERATIONS,
  type Sealed,
  type SyncKeys,
  seal,
  sealCheck,
  verifyCheck,
  WrongPassphrase,
} from './crypto';
import { ensureKeycheck, type PouchLike, pendingCount, type SyncReport, syncOnce } from './engine';
import { userDatabase } from './names';
import { SYNC_VERSION } from './records';

export { userDatabase };

const Pouch = PouchDB.plugin(idb).plugin(http).plugin(replication);

/** The local mirror's database name (one sync configuration at a time). */
export const MIRROR_NAME = 'marginalia-sync-mirror';

/** Why turning sync on or a run failed, for the UI to say in words. */
export type SyncErrorCode =
  | 'bad-url'
  | 'unreachable'
  | 'unauthorized'
  | 'no-database'
  | 'wrong-passphrase'
  | 'newer-format'
  | 'server';

export class SyncError extends Error {
  constructor(
    readonly code: SyncErrorCode,
    readonly detail = '',
  ) {
    super(`${code}${detail ? `: ${detail}` : ''}`);
    this.name = 'SyncError';
  }
}

/** What is stored while sync is on. */
export interface SyncConfig {
  key: 'config';
  serverUrl: string;
  username: string;
  database: string;
  keys: SyncKeys;
  password: Sealed;
  since: number;
}

/** The last run, for the status line. */
export interface SyncStatus {
  key: 'status';
  lastSync: number | null;
  lastError: { code: SyncErrorCode; detail: string; at: number } | null;
  lastReport: SyncReport | null;
}

/** What the user enters to turn sync on. */
export interface SyncSetup {
  serverUrl: string;
  username: string;
  password: string;
  passphrase: string;
}

/** The server's address as typed, checked: http(s), no credentials in it, no trailing slash. */
export function serverAddress(text: string): string {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw new SyncError('bad-url', text.trim());
  }
  if (!/^https?:$/.test(url.protocol) || url.username || url.password || url.search || url.hash)
    throw new SyncError('bad-url', text.trim());
  return url.href.replace(/\/+$/, '');
}

function remoteDb(serverUrl: string, database: string, username: string, password: string): PouchLike {
  return new Pouch(`${serverUrl}/${database}`, {
    adapter: 'http',
    auth: { username, password },
    skip_setup: true,
  }) as unknown as PouchLike;
}

/** The server's answer as one of ours: unreachable, refused, no database, or something else. */
export function syncErrorOf(e: unknown): SyncError {
  if (e instanceof SyncError) return e;
  if (e instanceof WrongPassphrase) return new SyncError('wrong-passphrase');
  const status = (e as { status?: number }).status;
  const message = String((e as { message?: string }).message ?? e);
  if (status === 401 || status === 403) return new SyncError('unauthorized', message);
  if (status === 404) return new SyncError('no-database', message);
  if (!status || status === 500 || /fetch|network|ECONNREFUSED|Failed/i.test(message))
    return new SyncError('unreachable', message);
  return new SyncError('server', `${status} ${message}`);
}

/**
 * Turns sync on: checks the server, the user's database and the passphrase (against the server's
 * check value, or sets it on the first device), then stores the configuration. Nothing is stored and
 * nothing synced when any check fails.
 */
export async function turnOn(store: SyncRecords, setup: SyncSetup, now = Date.now()): Promise<void> {
  const serverUrl = serverAddress(setup.serverUrl);
  const username = setup.username.trim();
  if (!username || !setup.password || !setup.passphrase) throw new SyncError('unauthorized', 'missing');
  const database = userDatabase(username);
  const remote = remoteDb(serverUrl, database, username, setup.password);
  let salt: string;
  try {
    await (remote as unknown as { info(): Promise<unknown> }).info();
    const existing = await remote.get('marginalia-keycheck').catch((e: { status?: number }) => {
      if (e.status === 404) return null;
      throw e;
    });
    salt = (existing as { salt?: string } | null)?.salt ?? newSalt();
    const iterations = (existing as { iterations?: number } | null)?.iterations ?? PBKDF2_ITERATIONS;
    if ((existing as { v?: number } | null)?.v && ((existing as { v: number }).v ?? 0) > SYNC_VERSION)
      throw new SyncError('newer-format');
    const keys = await deriveKeys(setup.passphrase, salt, iterations);
    await ensureKeycheck(
      remote,
      (sealed) => verifyCheck(keys, sealed),
      async () => ({ v: SYNC_VERSION, salt, iterations, check: await sealCheck(keys) }) as never,
    );
    const config: SyncConfig = {
      key: 'config',
      serverUrl,
      username,
      database,
      keys,
      password: await seal(keys, setup.password, 'password'),
      since: now,
    };
    await store.putSyncRow(config);
  } catch (e) {
    throw syncErrorOf(e);
  }
}

/** The stored configuration, if sync is on. */
export async function syncConfig(store: SyncRecords): Promise<SyncConfig | null> {
  return ((await store.syncRow('config')) as SyncConfig | undefined) ?? null;
}

async function status(store: SyncRecords): Promise<SyncStatus> {
  return (
    ((await store.syncRow('status')) as SyncStatus | undefined) ?? {
      key: 'status',
      lastSync: null,
      lastError: null,
      lastReport: null,
    }
  );
}

/** Runs sync once, if it is on; one run at a time per browser profile. Records the outcome. */
export async function runSync(store: SyncRecords): Promise<SyncStatus | null> {
  const run = async () => {
    const config = await syncConfig(store);
    if (!config) return null;
    const before = await status(store);
    const at = Date.now();
    try {
      const password = (await open(config.keys, config.password, 'password')) as string;
      const remote = remoteDb(config.serverUrl, config.database, config.username, password);
      const mirror = new Pouch(MIRROR_NAME, { adapter: 'idb' }) as unknown as PouchLike;
      const report = await syncOnce({ store, keys: config.keys, mirror, remote });
      const next: SyncStatus = { key: 'status', lastSync: at, lastError: null, lastReport: report };
      await store.putSyncRow(next);
      return next;
    } catch (e) {
      const error = syncErrorOf(e);
      const next: SyncStatus = { ...before, lastError: { code: error.code, detail: error.detail, at } };
      await store.putSyncRow(next);
      return next;
    }
  };
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  return locks ? locks.request('marginalia-sync', run) : run();
}

/**
 * Sync's state for the settings panel: on or off, server and user, last run, and (when `countPending`:
 * it reads the whole library) how many changes are not yet synced; null when not counted.
 */
export async function syncState(
  store: SyncRecords,
  countPending = true,
): Promise<{
  on: boolean;
  serverUrl: string | null;
  username: string | null;
  status: SyncStatus;
  pending: number | null;
}> {
  const config = await syncConfig(store);
  return {
    on: !!config,
    serverUrl: config?.serverUrl ?? null,
    username: config?.username ?? null,
    status: await status(store),
    pending: config && countPending ? await pendingCount(store) : config ? null : 0,
  };
}

/** Turns sync off: forgets the server, keys and sync state; every article and highlight stays. */
export async function turnOff(store: SyncRecords): Promise<void> {
  await store.clearSyncState();
  await (new Pouch(MIRROR_NAME, { adapter: 'idb' }) as unknown as { destroy(): Promise<void> }).destroy();
}
