import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BACKUP_FORMAT, parseBackup } from '@/lib/backup';
import { CLAIM_STATUSES, CLAIM_TYPES } from '@/lib/claim-types';
import type { Highlight } from '@/lib/schema';
import type { MarginaliaDB } from '@/lib/store/db';
import { articleRecord, dbOf, freshRepository, highlightsIn, selectors } from '../support/factories';

async function seeded() {
  const { repo } = freshRepository();
  const a = await repo.createHighlight({
    url: 'https://news.example/a',
    title: 'Bài một',
    target: { source: 'https://news.example/a', selector: selectors('đoạn một', 10) },
    claimType: 'claim',
  });
  await repo.updateHighlight(a.id, { note: 'ghi chú', tags: ['kinh tế'] });
  await repo.createHighlight({
    url: 'https://news.example/b',
    title: 'Bài hai',
    target: { source: 'https://news.example/b', selector: selectors('đoạn hai', 20) },
    claimType: null,
  });
  return repo;
}

const counts = async (db: MarginaliaDB) => [await db.articles.count(), await highlightsIn(db).count()];

describe('backup and import', () => {
  it('round-trips a database into an empty one, and re-importing adds nothing', async () => {
    const repo = await seeded();
    const text = JSON.stringify(await repo.createBackup());
    const target = freshRepository().repo;
    const first = await target.importBackup(text);
    expect(first).toMatchObject({ ok: true, report: { articlesAdded: 2, highlightsAdded: 2 } });
    expect(await highlightsIn(dbOf(target)).byId()).toEqual(await highlightsIn(dbOf(repo)).byId());
    const again = await target.importBackup(text);
    expect(again).toMatchObject({ ok: true, report: { articlesAdded: 0, highlightsAdded: 0, unchanged: 4 } });
    expect(await counts(dbOf(target))).toEqual([2, 2]);
  });

  it('keeps the newer edit on a conflict', async () => {
    const repo = await seeded();
    const backup = await repo.createBackup();
    const [h] = backup.highlights;
    if (!h) throw new Error('no highlight');
    await repo.updateHighlight(h.id, { note: 'newer, on this machine' });
    await repo.applyBackup(backup);
    expect((await highlightsIn(dbOf(repo)).get(h.id))?.note).toBe('newer, on this machine');
    const newer = {
      ...backup,
      highlights: backup.highlights.map((x) => ({ ...x, note: 'newest, from backup', updatedAt: Date.now() + 1e9 })),
    };
    await repo.applyBackup(newer);
    expect((await highlightsIn(dbOf(repo)).get(h.id))?.note).toBe('newest, from backup');
  });

  it('merges an article made separately under another id (same URL), and the same passages in it, instead of duplicating them', async () => {
    const mine = await seeded();
    const theirs = await seeded();
    const report = await mine.applyBackup(await theirs.createBackup());
    expect(report.articlesAdded).toBe(0);
    expect(report.highlightsAdded).toBe(0);
    expect(await dbOf(mine).articles.count()).toBe(2);
    // The same two passages, highlighted on both machines: one highlight each (lib/merge.ts).
    expect(await highlightsIn(dbOf(mine)).count()).toBe(2);
    const ids = new Set((await dbOf(mine).articles.toArray()).map((a) => a.id));
    for (const h of await highlightsIn(dbOf(mine)).toArray()) expect(ids.has(h.articleId)).toBe(true);
  });

  it('restores two highlights of the same short quote with the same context as two (found by the property below)', async () => {
    const { repo } = freshRepository();
    const url = 'https://news.example/4';
    for (const start of [0, 1]) {
      await repo.createHighlight({
        url,
        title: 'Bài 4',
        target: { source: url, selector: selectors('l', start) },
        claimType: null,
      });
    }
    const target = freshRepository().repo;
    const result = await target.importBackup(JSON.stringify(await repo.createBackup()));
    expect(result.ok && result.report.highlightsAdded).toBe(2);
    expect(await highlightsIn(dbOf(target)).byId()).toEqual(await highlightsIn(dbOf(repo)).byId());
  });

  it('property: random databases → backup → import into an empty database → equal', async () => {
    const record = fc.record({
      exact: fc.string({ minLength: 1, maxLength: 40 }).filter((s) => s.trim().length > 0),
      note: fc.string({ maxLength: 60 }),
      tags: fc.uniqueArray(fc.stringMatching(/^[a-zà-ỹ0-9]{1,12}$/), { maxLength: 3 }),
      claim: fc.constantFrom(null, ...CLAIM_TYPES, 'misleading-0abc'),
      status: fc.constantFrom(null, ...CLAIM_STATUSES),
      source: fc.constantFrom(null, 'https://factcheck.example/a?b=1', 'http://x.example/đ'),
      pageNote: fc.string({ maxLength: 30 }),
      article: fc.integer({ min: 0, max: 4 }),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(record, { maxLength: 12 }),
        fc.constantFrom('auto', 'en', 'vi'),
        async (items, language) => {
          const { repo } = freshRepository();
          await repo.saveSettings({
            language,
            claimTypes: [{ id: 'misleading-0abc', label: 'Gây hiểu lầm', slot: 9, glyph: '≈', hidden: false }],
          });
          for (const [i, it] of items.entries()) {
            const url = `https://news.example/${it.article}`;
            const h = await repo.createHighlight({
              url,
              title: `Bài ${it.article}`,
              target: { source: url, selector: selectors(it.exact, i) },
              claimType: it.claim,
            });
            await repo.updateHighlight(h.id, { note: it.note, tags: it.tags, status: it.status, sourceUrl: it.source });
            await repo.updateArticleNote(h.articleId, it.pageNote);
          }
          const target = freshRepository().repo;
          const result = await target.importBackup(JSON.stringify(await repo.createBackup()));
          expect(result.ok).toBe(true);
          expect(await dbOf(target).articles.orderBy('id').toArray()).toEqual(
            await dbOf(repo).articles.orderBy('id').toArray(),
          );
          expect(await highlightsIn(dbOf(target)).byId()).toEqual(await highlightsIn(dbOf(repo)).byId());
          expect(await target.getSettings()).toEqual(await repo.getSettings());
        },
      ),
      { numRuns: 40 },
    );
  });

  it('imports a version 1 backup (before claim status, sources, page notes and settings)', async () => {
    const current = await (await seeded()).createBackup();
    const v1 = {
      format: BACKUP_FORMAT,
      version: 1,
      exportedAt: current.exportedAt,
      articles: current.articles.map(({ note: _n, ...a }) => a),
      highlights: current.highlights.map(({ status: _s, sourceUrl: _u, ...h }) => h),
    };
    const { repo } = freshRepository();
    const result = await repo.importBackup(JSON.stringify(v1));
    expect(result).toMatchObject({ ok: true, report: { articlesAdded: 2, highlightsAdded: 2 } });
    expect(await highlightsIn(dbOf(repo)).byId()).toEqual(
      [...current.highlights].sort((a, b) => a.id.localeCompare(b.id)),
    );
    expect((await dbOf(repo).articles.toArray()).every((a) => a.note === '')).toBe(true);
  });

  it('names what is wrong and where', () => {
    const bad = { format: BACKUP_FORMAT, version: 1, exportedAt: 'x', articles: [], highlights: [{ id: 1 }] };
    const result = parseBackup(JSON.stringify(bad));
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.error).toMatch(/highlight 1 \(no id\): the id is not valid/);
    expect(parseBackup('{"format":"marginalia-backup","version":9}')).toMatchObject({ ok: false, error: /version 9/ });
    expect(parseBackup('{not json')).toMatchObject({ ok: false, error: /not valid JSON/ });
  });

  it('says in words which record and which field are wrong, by the quote a person recognises', async () => {
    const repo = await seeded();
    const backup = JSON.parse(JSON.stringify(await repo.createBackup())) as {
      highlights: Record<string, unknown>[];
      articles: Record<string, unknown>[];
    };
    const [first, second] = backup.highlights as { target: unknown; claimType: unknown }[];
    delete (second as Record<string, unknown>).target;
    (first as Record<string, unknown>).claimType = 'Propaganda!';
    const result = parseBackup(JSON.stringify(backup));
    const error = result.ok ? '' : result.error;
    expect(error).toMatch(
      /highlight 1 \(“đoạn (một|hai)”\): the claim type is not one this Marginalia knows \("Propaganda!"\)/,
    );
    expect(error).toContain('highlight 2 (id "');
    expect(error).toContain('its place on the page (target) is missing.');
    expect(error).not.toMatch(/✖|→|expected object, received/);
    backup.highlights = backup.highlights.map((h) => ({ ...h, note: 1 }));
    backup.articles[0] = { ...backup.articles[0], title: 7 };
    const many = parseBackup(JSON.stringify(backup));
    expect(many.ok ? '' : many.error).toMatch(/… and \d+ more problems\.$/);
  });
});

describe('the backup file', () => {
  const T = Date.UTC(2026, 11, 3, 20, 0);

  it('is the JSON of the whole backup, byte for byte, though made a page of records at a time', async () => {
    const { repo } = freshRepository();
    const at = new Date(T);
    // Empty: the same skeleton.
    expect(await (await repo.backupFile(at)).blob.text()).toBe(JSON.stringify(await repo.createBackup(at)));
    // 1,000 articles (two pages exactly) and 2,345 highlights (a page and a part), some articles
    // with a baseline and its text copy, text in Vietnamese, Chinese and Arabic, and settings.
    const db = dbOf(repo);
    await db.articles.bulkPut(
      Array.from({ length: 1000 }, (_, i) =>
        articleRecord({
          id: `a${String(i).padStart(4, '0')}`,
          url: `https://news.example/${i}`,
          title: ['Bài một', '北京新闻', 'خبر اليوم'][i % 3] as string,
          ...(i % 7 === 0
            ? { baseline: { at: T, hashes: ['ab12', 'cd34'], copy: `eJx${'Đảng bộ'.repeat(i % 50)}` } }
            : {}),
        }),
      ),
    );
    await highlightsIn(db).bulkPut(
      Array.from(
        { length: 2345 },
        (_, i): Highlight => ({
          id: `h${i}`,
          articleId: `a${String(i % 1000).padStart(4, '0')}`,
          target: { source: `https://news.example/${i % 1000}`, selector: selectors(`đoạn ${i} 引用 "quoted"\n`, i) },
          claimType: i % 2 ? 'claim' : null,
          status: null,
          sourceUrl: null,
          tags: i % 3 ? ['kinh tế'] : [],
          note: i % 5 ? '' : 'ghi chú \u2028 với dòng',
          createdAt: T,
          updatedAt: T,
        }),
      ),
    );
    await repo.saveSettings({ autoBackup: 'daily' });
    const file = await repo.backupFile(at);
    const whole = JSON.stringify(await repo.createBackup(at));
    const text = await file.blob.text();
    expect(text.length).toBe(whole.length);
    expect(text === whole).toBe(true);
    expect([file.articles, file.highlights]).toEqual([1000, 2345]);
    expect(file.blob.type).toBe('application/json');
    expect(file.blob.size).toBe(new TextEncoder().encode(whole).length);
    // And it restores.
    const target = freshRepository().repo;
    expect(await target.importBackup(text)).toMatchObject({
      ok: true,
      report: { articlesAdded: 1000, highlightsAdded: 2345 },
    });
  }, 60_000);
});
