/**
 * Sync between devices through CouchDB's replication protocol (lib/sync/engine.ts), with PouchDB's
 * own replicator: here two devices (each a Dexie library and a PouchDB mirror) and a server (a
 * PouchDB database), in memory. What the server holds is opaque; edits made apart converge by the
 * written rule and nothing is lost; a wrong passphrase writes nothing; a failed run loses nothing and
 * the next one resumes. The same engine runs against a real server over HTTP in tests/e2e/sync.e2e.ts.
 */
import fc from 'fast-check';
import memory from 'pouchdb-adapter-memory';
import PouchDB from 'pouchdb-core';
import replication from 'pouchdb-replication';
import { describe, expect, it } from 'vitest';
import type { Repository } from '@/lib/store/repository';
import {
  deriveKeys,
  newSalt,
  opaqueId,
  type SyncKeys,
  seal,
  sealCheck,
  verifyCheck,
  WrongPassphrase,
} from '@/lib/sync/crypto';
import { ensureKeycheck, type PouchLike, pendingCount, syncOnce } from '@/lib/sync/engine';
import { dbOf, freshRepository, highlightsIn, selectors } from '../support/factories';

PouchDB.plugin(memory).plugin(replication);

let n = 0;
const memoryDb = (name: string) =>
  new PouchDB(`${name}-${++n}-${Math.random()}`, { adapter: 'memory' }) as unknown as PouchLike;
const URL_ = 'https://baotintuc.example/bai-viet/kinh-te-2026.html';
const SALT = newSalt();
// Fewer iterations than the product's 600,000 keep these tests quick; the product's count is checked below.
const KEYS = deriveKeys('đúng mật khẩu', SALT, 1000);

interface Device {
  repo: Repository;
  clock: { now: number };
  mirror: PouchLike;
}

function device(start: number): Device {
  const { repo, clock } = freshRepository(start);
  return { repo, clock, mirror: memoryDb('mirror') };
}

async function sync(d: Device, server: PouchLike, keys?: SyncKeys) {
  return syncOnce({
    store: d.repo,
    keys: keys ?? (await KEYS),
    mirror: d.mirror,
    remote: server,
    now: () => d.clock.now,
  });
}

async function highlight(d: Device, exact: string, start: number, url = URL_) {
  return d.repo.createHighlight({
    url,
    title: 'Kinh tế tỉnh tăng trưởng 8%',
    target: { source: url, selector: selectors(exact, start, 'trước ', ' sau') },
    claimType: 'claim',
  });
}

/** A server and two devices that both hold one highlight made on the first, synced. */
async function bothWithOneHighlight() {
  const server = memoryDb('server');
  const a = device(Date.UTC(2026, 10, 28));
  const b = device(Date.UTC(2026, 10, 28, 1));
  const h = await highlight(a, 'GRDP tăng 8,2%', 100);
  await sync(a, server);
  await sync(b, server);
  return { server, a, b, h };
}

/** The server, answering reads, gone as soon as anything is written to it. */
function refusingWrites(server: PouchLike): PouchLike {
  const gone = async () => {
    throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5984'), { status: 500 });
  };
  return new Proxy(server as object, {
    get(target, name) {
      const value = Reflect.get(target, name);
      if (name === 'bulkDocs') return gone;
      return typeof value === 'function' ? value.bind(target) : value;
    },
  }) as PouchLike;
}

/** A library's content as both devices must agree on it (ids, passages, notes, tags, articles). */
async function content(d: Device) {
  const db = dbOf(d.repo);
  const highlights = (await highlightsIn(db).byId()).map((h) => ({
    id: h.id,
    articleId: h.articleId,
    exact: h.target.selector[0].exact,
    note: h.note,
    tags: h.tags,
    claimType: h.claimType,
  }));
  const articles = (await db.articles.orderBy('id').toArray()).map((a) => ({ id: a.id, urls: a.urls, note: a.note }));
  return { articles, highlights };
}

describe('two devices and a server', () => {
  it('a highlight made on one device is on the other after sync; an edit comes back; a delete propagates', async () => {
    const server = memoryDb('server');
    const chrome = device(Date.UTC(2026, 10, 28));
    const firefox = device(Date.UTC(2026, 10, 29));
    const h = await highlight(chrome, 'GRDP tăng 8,2%', 100);
    await chrome.repo.updateHighlight(h.id, { note: 'kiểm tra số liệu', tags: ['kinh tế'] });
    expect(await pendingCount(chrome.repo)).toBe(2);
    expect((await sync(chrome, server)).pushed).toBe(2);
    expect(await pendingCount(chrome.repo)).toBe(0);
    expect((await sync(firefox, server)).pulled).toBe(2);
    const there = await highlightsIn(dbOf(firefox.repo)).get(h.id);
    expect(there).toMatchObject({ note: 'kiểm tra số liệu', tags: ['kinh tế'], claimType: 'claim' });
    expect(await dbOf(firefox.repo).articles.get(h.articleId)).toMatchObject({ url: URL_ });

    await firefox.repo.updateHighlight(h.id, { note: 'đã kiểm tra: đúng' });
    await sync(firefox, server);
    await sync(chrome, server);
    expect((await highlightsIn(dbOf(chrome.repo)).get(h.id))?.note).toBe('đã kiểm tra: đúng');

    await chrome.repo.deleteHighlight(h.id);
    await sync(chrome, server);
    expect((await sync(firefox, server)).deleted).toBe(1);
    expect(await highlightsIn(dbOf(firefox.repo)).get(h.id)).toBeUndefined();
    expect(await content(chrome)).toEqual(await content(firefox));
  });

  it('both offline, both edit the same highlight: converged by the rule, both notes kept, tags united', async () => {
    const { server, a, b, h } = await bothWithOneHighlight();
    await a.repo.updateHighlight(h.id, { note: 'ghi chú ở máy A', tags: ['A'] });
    await b.repo.updateHighlight(h.id, { note: 'ghi chú ở máy B', tags: ['B'] });
    await sync(a, server);
    await sync(b, server);
    await sync(a, server);
    const [ca, cb] = [await content(a), await content(b)];
    expect(ca).toEqual(cb);
    expect(ca.highlights).toHaveLength(1);
    expect(ca.highlights[0]?.tags).toEqual(['A', 'B']);
    expect(ca.highlights[0]?.note).toContain('ghi chú ở máy A');
    expect(ca.highlights[0]?.note).toContain('ghi chú ở máy B');
  });

  it('the same passage and article highlighted on both devices apart: one article, one highlight, the earlier id', async () => {
    const server = memoryDb('server');
    const a = device(Date.UTC(2026, 10, 28));
    const b = device(Date.UTC(2026, 10, 29));
    const ha = await highlight(a, 'GRDP tăng 8,2%', 100);
    const hb = await highlight(b, 'GRDP tăng 8,2%', 100);
    await highlight(b, 'xuất khẩu tăng 12%', 400);
    await sync(a, server);
    await sync(b, server);
    await sync(a, server);
    await sync(b, server);
    const [ca, cb] = [await content(a), await content(b)];
    expect(ca).toEqual(cb);
    expect(ca.articles).toHaveLength(1);
    expect(ca.articles[0]?.id).toBe(ha.articleId);
    expect(ca.highlights.map((h) => h.exact).sort()).toEqual(['GRDP tăng 8,2%', 'xuất khẩu tăng 12%']);
    expect(ca.highlights.map((h) => h.id)).toContain(ha.id);
    expect(ca.highlights.map((h) => h.id)).not.toContain(hb.id);
    expect(ca.highlights.every((h) => h.articleId === ha.articleId)).toBe(true);
  });

  it('the server holds no quote, note, tag, title or URL in clear, and opaque ids', async () => {
    const server = memoryDb('server');
    const a = device(Date.UTC(2026, 10, 28));
    const h = await highlight(a, 'GRDP tăng 8,2%', 100);
    await a.repo.updateHighlight(h.id, { note: 'ghi chú bí mật', tags: ['thẻ-riêng'] });
    await a.repo.updateArticleNote(h.articleId, 'ghi chú trang');
    await sync(a, server);
    const docs = await (server as unknown as import('pouchdb-core').PouchDatabase).allDocs({ include_docs: true });
    const text = JSON.stringify(docs);
    for (const secret of ['GRDP', 'ghi chú', 'thẻ-riêng', 'baotintuc', 'Kinh tế', h.id, h.articleId, 'claim'])
      expect(text).not.toContain(secret);
    expect(docs.rows.length).toBe(2);
    for (const row of docs.rows) expect(row.id).toMatch(/^r[0-9a-f]{64}$/);
  });

  it('a wrong passphrase is refused by the check value, and nothing is written', async () => {
    const server = memoryDb('server');
    const keys = await KEYS;
    await ensureKeycheck(
      server,
      (s) => verifyCheck(keys, s),
      async () => ({ v: 1, salt: SALT, check: await sealCheck(keys) }) as never,
    );
    const wrong = await deriveKeys('sai mật khẩu', SALT, 1000);
    await expect(
      ensureKeycheck(
        server,
        (s) => verifyCheck(wrong, s),
        async () => ({}) as never,
      ),
    ).rejects.toThrow(WrongPassphrase);
    const docs = await (server as unknown as import('pouchdb-core').PouchDatabase).allDocs();
    expect(docs.rows.map((r) => r.id)).toEqual(['marginalia-keycheck']);
  });

  it('a run that fails half way (the server gone) loses nothing here, and the next run completes', async () => {
    const server = memoryDb('server');
    const a = device(Date.UTC(2026, 10, 28));
    for (let i = 0; i < 30; i++) await highlight(a, `đoạn số ${i}`, i * 50);
    const before = await content(a);
    // The server accepts reads, then goes away as the first batch is written to it.
    await expect(sync(a, refusingWrites(server))).rejects.toThrow();
    expect(await content(a)).toEqual(before);
    await sync(a, server);
    const b = device(Date.UTC(2026, 10, 29));
    await sync(b, server);
    expect(await content(b)).toEqual(before);
  });

  it('a run that merged a conflict sends the merge to the server in the same run', async () => {
    const { server, a, b, h } = await bothWithOneHighlight();
    // B's edit is sealed into its mirror, but the server goes away before it is sent.
    await b.repo.updateHighlight(h.id, { note: 'ghi chú ở máy B' });
    await expect(sync(b, refusingWrites(server))).rejects.toThrow();
    // A's edit of the same highlight reaches the server meanwhile: B's next run meets two revisions.
    await a.repo.updateHighlight(h.id, { note: 'ghi chú ở máy A' });
    await sync(a, server);
    await sync(b, server);
    const id = await opaqueId(await KEYS, `h:${h.id}`);
    const get = (db: PouchLike) =>
      (db as unknown as { get(id: string, o: object): Promise<{ _rev: string; _conflicts?: string[] }> }).get(id, {
        conflicts: true,
      });
    const [there, here] = [await get(server), await get(b.mirror)];
    expect(here._conflicts ?? []).toEqual([]);
    expect(there._conflicts ?? []).toEqual([]);
    expect(there._rev).toBe(here._rev);
    await sync(a, server);
    const note = (await highlightsIn(dbOf(a.repo)).get(h.id))?.note ?? '';
    expect(note).toContain('ghi chú ở máy A');
    expect(note).toContain('ghi chú ở máy B');
  });

  it('a run that brings nothing reads no record to pull: only the push looks at the library', async () => {
    const server = memoryDb('server');
    const counted = (d: Device) => {
      const reads = { n: 0 };
      const store = {
        syncSnapshot: () => {
          reads.n++;
          return d.repo.syncSnapshot();
        },
        syncRow: (key: string) => d.repo.syncRow(key),
        applySync: (w: Parameters<Repository['applySync']>[0]) => d.repo.applySync(w),
      };
      const run = async () =>
        syncOnce({ store, keys: await KEYS, mirror: d.mirror, remote: server, now: () => d.clock.now });
      return { reads, run };
    };
    const a = device(Date.UTC(2026, 10, 28));
    const b = device(Date.UTC(2026, 10, 29));
    for (let i = 0; i < 3; i++) await highlight(a, `đoạn số ${i}`, i * 50);
    const [ca, cb] = [counted(a), counted(b)];
    expect((await ca.run()).pushed).toBe(4);
    // A's own writes into its mirror are behind its applied sequence: its next run has nothing to read.
    ca.reads.n = 0;
    expect(await ca.run()).toMatchObject({ pushed: 0, pulled: 0 });
    expect(ca.reads.n).toBe(1);
    expect((await cb.run()).pulled).toBe(4);
    cb.reads.n = 0;
    expect(await cb.run()).toMatchObject({ pushed: 0, pulled: 0 });
    expect(cb.reads.n).toBe(1);
    // And a change still arrives: B's next run reads the library to apply it.
    const [h] = await highlightsIn(dbOf(a.repo)).toArray();
    await a.repo.updateHighlight(h?.id as string, { note: 'sửa sau' });
    const sent = (await ca.run()).pushed;
    expect(sent).toBeGreaterThan(0);
    expect((await cb.run()).pulled).toBe(sent);
    expect(await content(b)).toEqual(await content(a));
  });

  it('a record a newer Marginalia wrote is neither applied nor written over, even when edited here', async () => {
    const server = memoryDb('server');
    const a = device(Date.UTC(2026, 10, 28));
    const h = await highlight(a, 'GRDP tăng 8,2%', 100);
    await sync(a, server);
    // A newer version rewrites the record on the server in a format this one does not know.
    const keys = await KEYS;
    const id = await opaqueId(keys, `h:${h.id}`);
    const raw = server as unknown as { get(id: string): Promise<{ _rev: string }>; put(d: object): Promise<unknown> };
    const current = await raw.get(id);
    const future = { ...(await seal(keys, { kind: 'highlight-v2', record: { id: h.id, fields: 'new' } }, id)), v: 2 };
    await raw.put({ _id: id, _rev: current._rev, ...future });
    await a.repo.updateHighlight(h.id, { note: 'sửa ở bản cũ' });
    const report = await sync(a, server);
    expect(report.newer).toBe(1);
    expect(((await raw.get(id)) as unknown as { v: number }).v).toBe(2);
    expect((await highlightsIn(dbOf(a.repo)).get(h.id))?.note).toBe('sửa ở bản cũ');
    await sync(a, server);
    expect(((await raw.get(id)) as unknown as { v: number }).v).toBe(2);
  });

  it('the product derives its keys with PBKDF2-SHA-256 at 600,000 iterations', async () => {
    const { PBKDF2_ITERATIONS } = await import('@/lib/sync/crypto');
    expect(PBKDF2_ITERATIONS).toBeGreaterThanOrEqual(600_000);
  });
});

describe('property: random concurrent edits on two devices', () => {
  type Op =
    | { kind: 'make'; dev: 0 | 1; passage: number }
    | { kind: 'note'; dev: 0 | 1; passage: number; text: string }
    | { kind: 'tag'; dev: 0 | 1; passage: number; tag: string }
    | { kind: 'delete'; dev: 0 | 1; passage: number }
    | { kind: 'sync'; dev: 0 | 1 };
  const op = fc.oneof(
    fc.record({
      kind: fc.constant('make' as const),
      dev: fc.constantFrom(0 as const, 1 as const),
      passage: fc.integer({ min: 0, max: 3 }),
    }),
    fc.record({
      kind: fc.constant('note' as const),
      dev: fc.constantFrom(0 as const, 1 as const),
      passage: fc.integer({ min: 0, max: 3 }),
      text: fc.constantFrom('một', 'hai', 'ba', 'bốn'),
    }),
    fc.record({
      kind: fc.constant('tag' as const),
      dev: fc.constantFrom(0 as const, 1 as const),
      passage: fc.integer({ min: 0, max: 3 }),
      tag: fc.constantFrom('x', 'y', 'kinh tế'),
    }),
    fc.record({
      kind: fc.constant('delete' as const),
      dev: fc.constantFrom(0 as const, 1 as const),
      passage: fc.integer({ min: 0, max: 3 }),
    }),
    fc.record({ kind: fc.constant('sync' as const), dev: fc.constantFrom(0 as const, 1 as const) }),
  ) as fc.Arbitrary<Op>;

  it('converge, and every note and tag written and not deleted after is still there', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 30 }), async (ops) => {
        const server = memoryDb('server');
        const devs = [device(Date.UTC(2026, 10, 28)), device(Date.UTC(2026, 10, 28, 0, 0, 0, 500))];
        // Every note and tag write, and which writes each device (and the server) has seen: a write
        // is superseded only by a later note or a delete on a device that had already seen it.
        interface Write {
          passage: number;
          note?: string;
          tag?: string;
          superseded: boolean;
        }
        const writes: Write[] = [];
        const seen: Set<Write>[] = [new Set(), new Set()];
        const onServer = new Set<Write>();
        const find = async (d: Device, p: number) =>
          (await highlightsIn(dbOf(d.repo)).toArray()).find((h) => h.target.selector[0].exact === `đoạn ${p}`);
        let count = 0;
        for (const o of ops) {
          const d = devs[o.dev] as Device;
          const knows = seen[o.dev] as Set<Write>;
          d.clock.now += 1000;
          const h = o.kind === 'sync' ? undefined : await find(d, o.passage);
          if (o.kind === 'make' && !h) await highlight(d, `đoạn ${o.passage}`, o.passage * 100);
          else if (o.kind === 'note' && h) {
            const text = `${o.text}-${++count}`;
            await d.repo.updateHighlight(h.id, { note: text });
            for (const w of knows) if (w.passage === o.passage && w.note) w.superseded = true;
            const w: Write = { passage: o.passage, note: text, superseded: false };
            writes.push(w);
            knows.add(w);
          } else if (o.kind === 'tag' && h) {
            await d.repo.updateHighlight(h.id, { tags: [...h.tags, o.tag] });
            const w: Write = { passage: o.passage, tag: o.tag, superseded: false };
            writes.push(w);
            knows.add(w);
          } else if (o.kind === 'delete' && h) {
            await d.repo.deleteHighlight(h.id);
            for (const w of knows) if (w.passage === o.passage) w.superseded = true;
          } else if (o.kind === 'sync') {
            await sync(d, server);
            for (const w of knows) onServer.add(w);
            for (const w of onServer) knows.add(w);
          }
        }
        for (let i = 0; i < 3; i++) for (const d of devs) await sync(d, server);
        const [c0, c1] = [await content(devs[0] as Device), await content(devs[1] as Device)];
        expect(c0).toEqual(c1);
        // One highlight per passage, whatever was made where.
        const exacts = c0.highlights.map((h) => h.exact);
        expect(new Set(exacts).size).toBe(exacts.length);
        // A highlight that survived keeps every note and tag written to it and not superseded.
        for (const w of writes) {
          const h = c0.highlights.find((x) => x.exact === `đoạn ${w.passage}`);
          if (!h || w.superseded) continue;
          if (w.note) expect(h.note).toContain(w.note);
          if (w.tag) expect(h.tags).toContain(w.tag);
        }
      }),
      { numRuns: 200 },
    );
  }, 120_000);
});
