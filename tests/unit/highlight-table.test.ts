/**
 * Highlights stored one record per article (lib/store/highlight-table.ts): every operation the store
 * asks of them gives what a table of one record per highlight gave, with each article's record
 * holding exactly its highlights, and none for an article without any.
 */
import { describe, expect, it, vi } from 'vitest';
import { readBackByArticle } from '@/lib/library-records';
import type { Highlight } from '@/lib/schema';
import { MarginaliaDB } from '@/lib/store/db';
import { HighlightTable } from '@/lib/store/highlight-table';
import { highlightRecord, selectors } from '../support/factories';
import { seededRandom } from '../support/random';

function fresh() {
  const db = new MarginaliaDB(`highlight-table-${Math.random()}`);
  const table = new HighlightTable(db);
  // An async scope, as the store's own: Dexie keeps its transaction across the awaits inside.
  const rw = <T>(f: () => Promise<T>) => db.transaction('rw', ...table.tables, async () => await f());
  return { db, table, rw };
}

const h = (id: string, articleId: string, extra: Partial<Highlight> = {}) =>
  highlightRecord({
    id,
    articleId,
    target: { source: `https://news.example/${articleId}`, selector: selectors(`đoạn ${id} 北京`, 10) },
    ...extra,
  });

/** Each article's record: its id and its highlights' ids, as stored. */
async function layout(db: MarginaliaDB): Promise<[string, string[], string[]][]> {
  return (await db.articleHighlights.orderBy('articleId').toArray()).map((g) => [
    g.articleId,
    g.ids,
    g.tags.slice().sort(),
  ]);
}

describe('highlights stored one record per article', () => {
  it('groups highlights by article, finds them by id, and counts them without reading records', async () => {
    const { db, table, rw } = fresh();
    await rw(() =>
      table.bulkPut([
        h('h1', 'a1', { tags: ['kinh tế'] }),
        h('h2', 'a2'),
        h('h3', 'a1', { tags: ['经济', 'kinh tế'] }),
        h('h4', 'a3'),
      ]),
    );
    expect(await layout(db)).toEqual([
      ['a1', ['h1', 'h3'], ['kinh tế', '经济']],
      ['a2', ['h2'], []],
      ['a3', ['h4'], []],
    ]);
    expect((await rw(() => table.get('h3')))?.tags).toEqual(['经济', 'kinh tế']);
    expect(await rw(() => table.get('nope'))).toBeUndefined();
    expect(await rw(() => table.count())).toBe(4);
    expect((await rw(() => table.tags())).sort()).toEqual(['kinh tế', '经济']);
    expect((await rw(() => table.storedOf(['h4', 'x', 'h1']))).map((r) => r?.id)).toEqual(['h4', undefined, 'h1']);
    expect((await rw(() => table.ofArticles(['a3', 'a9', 'a1']))).map((r) => r.id).sort()).toEqual(['h1', 'h3', 'h4']);
    expect(await rw(() => table.hasAny('a2'))).toBe(true);
    expect(await rw(() => table.hasAny('a9'))).toBe(false);
    db.close();
  });

  it('replaces a highlight in its article in place; a highlight whose article changed leaves the old one', async () => {
    const { db, table, rw } = fresh();
    await rw(() => table.bulkPut([h('h1', 'a1'), h('h2', 'a1'), h('h3', 'a2')]));
    await rw(() => table.put(h('h1', 'a1', { note: 'sửa' })));
    expect(await layout(db)).toEqual([
      ['a1', ['h1', 'h2'], []],
      ['a2', ['h3'], []],
    ]);
    // Articles merged (sync's alias): h3 now belongs to a1, and a2 has no highlight left.
    await rw(() => table.put(h('h3', 'a1', { note: 'chuyển' })));
    expect(await layout(db)).toEqual([['a1', ['h1', 'h2', 'h3'], []]]);
    expect((await rw(() => table.get('h3')))?.note).toBe('chuyển');
    expect(await rw(() => table.count())).toBe(3);
    // The same with the caller telling where the highlights were (a restore): the same layout.
    await rw(() => table.bulkPut([h('h2', 'a4')], { previous: new Map([['h2', h('h2', 'a1')]]) }));
    expect(await layout(db)).toEqual([
      ['a1', ['h1', 'h3'], []],
      ['a4', ['h2'], []],
    ]);
    // The last of an id wins, as in one bulk write of records.
    await rw(() => table.bulkPut([h('h5', 'a4', { note: 'cũ' }), h('h5', 'a4', { note: 'mới' })]));
    expect((await rw(() => table.get('h5')))?.note).toBe('mới');
    expect(await rw(() => table.count())).toBe(4);
    db.close();
  });

  it('refuses to add a highlight whose id is taken, in any article', async () => {
    const { db, table, rw } = fresh();
    await rw(() => table.add(h('h1', 'a1')));
    await expect(rw(() => table.add(h('h1', 'a2')))).rejects.toThrow(/stored already/);
    expect(await layout(db)).toEqual([['a1', ['h1'], []]]);
    db.close();
  });

  it('deletes across articles, and an article left without highlights has no record', async () => {
    const { db, table, rw } = fresh();
    await rw(() => table.bulkPut([h('h1', 'a1'), h('h2', 'a1'), h('h3', 'a2'), h('h4', 'a3')]));
    await rw(() => table.bulkDelete(['h2', 'h3', 'missing']));
    expect(await layout(db)).toEqual([
      ['a1', ['h1'], []],
      ['a3', ['h4'], []],
    ]);
    await rw(() => table.delete('h4'));
    expect(await rw(() => table.hasAny('a3'))).toBe(false);
    expect(await rw(() => table.count())).toBe(1);
    await rw(() => table.delete('h1'));
    expect(await rw(() => table.isEmpty())).toBe(true);
    db.close();
  });

  it('changes every highlight carrying a tag, counts them, and keeps the tag index true', async () => {
    const { db, table, rw } = fresh();
    await rw(() =>
      table.bulkPut([
        h('h1', 'a1', { tags: ['cũ', 'giữ'] }),
        h('h2', 'a1', { tags: ['giữ'] }),
        h('h3', 'a2', { tags: ['cũ'] }),
      ]),
    );
    const changed = await rw(() =>
      table.modifyTagged('cũ', (x) => {
        x.tags = x.tags.filter((t) => t !== 'cũ');
      }),
    );
    expect(changed).toBe(2);
    expect((await rw(() => table.tags())).sort()).toEqual(['giữ']);
    expect(await layout(db)).toEqual([
      ['a1', ['h1', 'h2'], ['giữ']],
      ['a2', ['h3'], []],
    ]);
    db.close();
  });

  it('keeps its count and each tag’s count equal to a recount of the records, after every kind of write', async () => {
    const { db, table, rw } = fresh();
    const rand = seededRandom(20);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)] as T;
    const TAGS = ['kinh tế', '经济', 'خبر', 'y tế', 'x'];
    const recount = async () => {
      const all = await rw(() => table.all());
      const tags = new Map<string, number>();
      for (const x of all) for (const t of x.tags) tags.set(t, (tags.get(t) ?? 0) + 1);
      return { count: all.length, tags: [...tags.keys()].sort(), perTag: [...tags].sort() };
    };
    const tallied = async () => ({
      count: await rw(() => table.count()),
      tags: (await rw(() => table.tags())).sort(),
      perTag: ((await db.highlightTallies.get('highlights'))?.tags ?? []).slice().sort(),
    });
    const kinds = new Set<string>();
    for (let step = 0; step < 120; step++) {
      const id = `h${Math.floor(rand() * 30)}`;
      const tags = TAGS.filter(() => rand() < 0.3);
      const kind = pick(['put', 'put', 'puts', 'move', 'delete', 'deletes', 'rename', 'untag']);
      kinds.add(kind);
      if (kind === 'put') await rw(() => table.put(h(id, pick(['a1', 'a2', 'a3']), { tags })));
      else if (kind === 'puts')
        await rw(() =>
          table.bulkPut([h(id, 'a4', { tags }), h(`h${Math.floor(rand() * 30)}`, 'a1'), h(id, 'a2', { tags })]),
        );
      else if (kind === 'move') {
        const was = await rw(() => table.get(id));
        if (was) await rw(() => table.bulkPut([{ ...was, articleId: 'a5' }], { previous: new Map([[id, was]]) }));
      } else if (kind === 'delete') await rw(() => table.delete(id));
      else if (kind === 'deletes') await rw(() => table.bulkDelete([id, `h${Math.floor(rand() * 30)}`, 'none']));
      else {
        const tag = pick(TAGS);
        const to = kind === 'rename' ? pick(TAGS) : null;
        await rw(() =>
          table.modifyTagged(tag, (x) => {
            x.tags = [...new Set(x.tags.map((t) => (t === tag ? to : t)).filter((t): t is string => t !== null))];
          }),
        );
      }
      expect(await tallied(), `after step ${step} (${kind})`).toEqual(await recount());
    }
    expect(kinds.size).toBe(7);
    expect((await recount()).count).toBeGreaterThan(5);
    db.close();
  });

  it('writes many articles’ records as the caller read them, in parts, saying how far, as a write that reads', async () => {
    // The same library in two databases: 100 of 600 articles already hold highlights.
    const seed = Array.from({ length: 300 }, (_, i) =>
      h(`s${i}`, `a${(i % 100) * 6}`, { tags: i % 2 ? ['y tế'] : [] }),
    );
    // 1,200 incoming over the 600 articles: new ones, and 60 of the stored moved to other articles.
    const incoming = [
      ...Array.from({ length: 1_140 }, (_, i) => h(`n${i}`, `a${i % 600}`, { tags: i % 3 ? [] : ['经济'] })),
      ...Array.from({ length: 60 }, (_, i) => h(`s${i}`, `a${(i * 7) % 600}`, { tags: ['kinh tế'] })),
    ];
    const plain = fresh();
    const told = fresh();
    for (const { rw, table } of [plain, told]) await rw(() => table.bulkPut(seed));
    await plain.rw(() => plain.table.bulkPut(incoming));
    const articleIds = [...new Set(incoming.map((x) => x.articleId))];
    const done: number[] = [];
    await told.rw(async () => {
      const current = await told.table.storedOf(incoming.map((x) => x.id));
      const previous = new Map(incoming.map((x, i) => [x.id, current[i]]));
      const involved = new Set([...articleIds, ...current.flatMap((x) => (x ? [x.articleId] : []))]);
      const read = await told.table.read([...involved]);
      // What was read: each article's stored highlights, none for the 500 without a record.
      expect([...read.groups.values()].filter((list) => list.length > 0)).toHaveLength(100);
      expect(
        read.groups
          .get('a6')
          ?.map((x) => x.id)
          .sort(),
      ).toEqual(['s1', 's101', 's201']);
      expect(read.tallies?.count).toBe(300);
      // Given what was read, the write reads nothing more.
      const reads = [
        vi.spyOn(told.db.articleHighlights, 'bulkGet'),
        vi.spyOn(told.db.articleHighlights, 'get'),
        vi.spyOn(told.db.articleHighlights, 'where'),
        vi.spyOn(told.db.articleHighlights, 'toCollection'),
        vi.spyOn(told.db.highlightTallies, 'get'),
      ];
      const puts = vi.spyOn(told.db.articleHighlights, 'bulkPut');
      await told.table.bulkPut(incoming, { previous, read, written: (n) => done.push(n) });
      for (const spy of reads) expect(spy).not.toHaveBeenCalled();
      for (const spy of reads) spy.mockRestore();
      // The records written in key order (read back faster after), across the parts.
      const order = puts.mock.calls.flatMap(([records]) =>
        (records as readonly { articleId: string }[]).map((g) => g.articleId),
      );
      expect(order).toHaveLength(600);
      expect(order).toEqual(order.slice().sort());
      puts.mockRestore();
    });
    expect(await layout(told.db)).toEqual(await layout(plain.db));
    expect(await told.db.highlightTallies.get('highlights')).toEqual(await plain.db.highlightTallies.get('highlights'));
    expect(await told.rw(() => told.table.count())).toBe(1_440);
    // 600 records in parts of 500, and the 60 moved highlights' records rewritten: more than one
    // part, each telling a larger count, ending at every incoming highlight.
    expect(done.length).toBeGreaterThan(1);
    expect(done.every((n, i) => i === 0 || n > (done[i - 1] as number))).toBe(true);
    expect(done.at(-1)).toBe(1_200);
    plain.db.close();
    told.db.close();
  });

  it('reads every highlight once, a page of articles at a time, at any page size', async () => {
    const { db, table, rw } = fresh();
    const all = Array.from({ length: 57 }, (_, i) => h(`h${i}`, `a${i % 13}`));
    await rw(() => table.bulkPut(all));
    const whole = await rw(() => table.all());
    expect(whole.map((x) => x.id).sort()).toEqual(all.map((x) => x.id).sort());
    for (const page of [1, 5, 10, 11, 57, 1000]) {
      const got: Highlight[] = [];
      let pages = 0;
      await rw(() =>
        table.eachPage(page, (batch) => {
          pages++;
          got.push(...batch);
        }),
      );
      expect(got).toEqual(whole);
      if (page <= 10) expect(pages).toBe(13);
    }
    db.close();
  });
});

describe('the library reading highlights back by article', () => {
  it('gives each read article’s highlights, and drops those it held there that are gone', () => {
    const held = [h('h1', 'a1'), h('h2', 'a1'), h('h3', 'a2'), h('h4', 'a3')];
    const read = readBackByArticle(
      held,
      new Map([
        ['a1', [h('h1', 'a1', { note: 'sửa' }), h('h5', 'a1'), h('h4', 'a1')]],
        ['a3', []],
      ]),
    );
    expect(read.get('h1')?.note).toBe('sửa');
    expect(read.has('h2')).toBe(true);
    expect(read.get('h2')).toBeUndefined();
    // Moved from a3 to a1: read back under a1, not dropped.
    expect(read.get('h4')?.articleId).toBe('a1');
    expect(read.get('h5')?.id).toBe('h5');
    // An article not read back is left as held.
    expect(read.has('h3')).toBe(false);
    expect(readBackByArticle(held, new Map()).size).toBe(0);
  });
});
