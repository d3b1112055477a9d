/**
 * A sync server to try Marginalia's sync with, and the one its tests start: PouchDB Server (a
 * CouchDB-compatible server on express-pouchdb, from npm), in memory, on 127.0.0.1 only. It has an
 * admin `admin` / `admin` and a user `demo` / `demo` with a database of their own that only they can
 * read (named as CouchDB's couch_peruser names it), so it behaves as a real CouchDB set up for
 * Marginalia would.
 *
 * `npm run sync-server` (PORT, default 5984) prints its URL and runs until stopped (Ctrl+C). Its
 * data lives in memory: stopping it forgets everything on it (each device keeps its own).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { userDatabase } from '../../lib/sync/names';

export const ADMIN = { name: 'admin', password: 'admin' };
export const DEMO = { name: 'demo', password: 'demo' };

export interface SyncServer {
  url: string;
  /** Adds a user with a database only they can read. */
  addUser(name: string, password: string): Promise<void>;
  /** Every document in a user's database, as stored (for tests that look at what the server holds). */
  dump(name: string): Promise<unknown>;
  stop(): Promise<void>;
  process: ChildProcess;
}

async function call(url: string, method: string, body?: unknown, auth = ADMIN): Promise<Response> {
  return fetch(url, {
    method,
    headers: {
      'content-type': 'application/json',
      authorization: `Basic ${Buffer.from(`${auth.name}:${auth.password}`).toString('base64')}`,
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

/** A free port on 127.0.0.1. */
export async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as { port: number };
  await new Promise((r) => s.close(r));
  return port;
}

/** Starts the server and waits until it answers; the admin and the demo user are set up. */
export async function startSyncServer(port = Number(process.env.PORT ?? 5984)): Promise<SyncServer> {
  const dir = mkdtempSync(join(tmpdir(), 'marginalia-sync-server-'));
  const bin = join(process.cwd(), 'node_modules/pouchdb-server/bin/pouchdb-server');
  const child = spawn(
    process.execPath,
    [
      bin,
      '--in-memory',
      '--host',
      '127.0.0.1',
      '--port',
      String(port),
      '--config',
      join(dir, 'config.json'),
      '--no-stdout-logs',
    ],
    { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (d) => {
    stderr += String(d);
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`The sync server stopped at start: ${stderr}`);
    const up = await fetch(url)
      .then((r) => r.ok)
      .catch(() => false);
    if (up) break;
    if (Date.now() > deadline) {
      child.kill();
      throw new Error(`The sync server did not answer on ${url} within 20 s: ${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  // The first admin is set without credentials (the server starts in "admin party"), then required.
  await fetch(`${url}/_config/admins/${ADMIN.name}`, { method: 'PUT', body: JSON.stringify(ADMIN.password) });
  const server: SyncServer = {
    url,
    process: child,
    async addUser(name, password) {
      const user = await call(`${url}/_users/org.couchdb.user:${encodeURIComponent(name)}`, 'PUT', {
        name,
        password,
        roles: [],
        type: 'user',
      });
      if (!user.ok && user.status !== 409) throw new Error(`Could not add user ${name}: ${await user.text()}`);
      const db = `${url}/${userDatabase(name)}`;
      const made = await call(db, 'PUT');
      if (!made.ok && made.status !== 412) throw new Error(`Could not make ${name}'s database: ${await made.text()}`);
      const security = await call(`${db}/_security`, 'PUT', {
        admins: { names: [], roles: [] },
        members: { names: [name], roles: [] },
      });
      if (!security.ok) throw new Error(`Could not restrict ${name}'s database: ${await security.text()}`);
    },
    async dump(name) {
      const r = await call(`${url}/${userDatabase(name)}/_all_docs?include_docs=true`, 'GET');
      return r.json();
    },
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill();
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
  await server.addUser(DEMO.name, DEMO.password);
  return server;
}

// Run as a program: `npm run sync-server`.
if (process.argv[1] && /sync-server\.ts$/.test(process.argv[1])) {
  const server = await startSyncServer();
  console.log(`Sync server (PouchDB Server, in memory) at ${server.url}`);
  console.log(
    `  user ${DEMO.name} / ${DEMO.password}, database ${userDatabase(DEMO.name)}; admin ${ADMIN.name} / ${ADMIN.password}`,
  );
  console.log('In Marginalia: Library → Settings → Sync: Server URL as above, User name demo, Password demo,');
  console.log('and a sync passphrase of your own (the same on every device). Ctrl+C stops the server.');
  const stop = () => void server.stop().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
