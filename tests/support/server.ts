/**
 * The local test server: serves tests/fixtures on 127.0.0.1 only, on a free port. A path can be
 * switched to serve another file (the same URL, a changed page), as a live site would change, and
 * held (answered only when the test lets it go), as a slow image or advertisement holds a page's load.
 */
import { readFile } from 'node:fs/promises';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.css': 'text/css',
  '.json': 'application/json',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
};

/**
 * Saved pages keep their original scripts and remote URLs. Served with this policy they load
 * nothing from the network and run no script of their own, so tests are fast, deterministic and
 * stay on this machine (the extension's own scripts are not subject to a page's policy).
 */
const OFFLINE = "default-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; script-src 'none'; frame-src 'none'";

/** A running fixture server. */
export interface FixtureServer {
  origin: string;
  /** Serve `file` (relative to tests/fixtures) at `path` from now on; null restores the default. */
  swap(path: string, file: string | null): void;
  /**
   * Serve this HTML at `path` from now on, under the offline policy (no script of its own), or
   * as the fixture files are served (`offline` false: the bench adds its scripts to the page).
   */
  serveHtml(path: string, html: string, offline?: boolean): void;
  /** Answer requests for `path` only once the returned function is called (or the server closes). */
  hold(path: string): () => void;
  close(): Promise<void>;
}

/** Starts the server on 127.0.0.1 and a free port. */
export async function startServer(root = join(process.cwd(), 'tests/fixtures')): Promise<FixtureServer> {
  const swaps = new Map<string, string>();
  const pages = new Map<string, { html: string; offline: boolean }>();
  const held = new Map<string, { released: Promise<void>; release: () => void }>();
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const hold = held.get(path);
    if (hold) void hold.released.then(() => answer(path, res));
    else answer(path, res);
  });
  const answer = (path: string, res: ServerResponse) => {
    // /slow/<ms>/<name>: nothing there, said after <ms> (a slow image or advertisement, for the bench).
    const slow = /^\/slow\/(\d+)\//.exec(path);
    if (slow) {
      setTimeout(() => res.writeHead(404).end(), Number(slow[1])).unref();
      return;
    }
    const page = pages.get(path);
    if (page !== undefined) {
      res
        .writeHead(200, {
          'content-type': TYPES['.html'] as string,
          'cache-control': 'no-store',
          ...(page.offline ? { 'content-security-policy': OFFLINE } : {}),
        })
        .end(page.html);
      return;
    }
    const file = swaps.get(path) ?? path.slice(1);
    const full = normalize(join(root, file));
    if (!full.startsWith(root)) {
      res.writeHead(403).end();
      return;
    }
    readFile(full)
      .then((body) => {
        res.writeHead(200, {
          'content-type': TYPES[extname(full)] ?? 'application/octet-stream',
          'cache-control': 'no-store',
        });
        res.end(body);
      })
      .catch(() => res.writeHead(404, { 'content-type': 'text/plain' }).end('not found'));
  };
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    swap: (path, file) => {
      pages.delete(path);
      if (file === null) swaps.delete(path);
      else swaps.set(path, file);
    },
    serveHtml: (path, html, offline = true) => pages.set(path, { html, offline }),
    hold: (path) => {
      let release: () => void = () => undefined;
      const released = new Promise<void>((r) => {
        release = r;
      });
      const entry = {
        released,
        release: () => {
          if (held.get(path) === entry) held.delete(path);
          release();
        },
      };
      held.set(path, entry);
      return entry.release;
    },
    close: () => {
      for (const h of [...held.values()]) h.release();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
