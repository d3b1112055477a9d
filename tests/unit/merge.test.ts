/**
 * One highlight, one record, wherever it was made (lib/merge.ts): a backup from another browser,
 * where the same passages were highlighted too, merges into the library instead of doubling it;
 * and the merge rule itself converges whatever order two devices apply it in, losing nothing.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mergeHighlights, mergeNotes } from '@/lib/merge';
import type { Highlight } from '@/lib/schema';
import { dbOf, freshRepository, highlightRecord, highlightsIn, selectors } from '../support/factories';

const URL_ = 'http://127.0.0.1:4173/seed/vinhphuc.html';
const PASSAGES = [
  { exact: 'Từ đầu năm 2021 đến nay', start: 0, type: 'claim' },
  { exact: '100% chi bộ', start: 120, type: 'statistic' },
  { exact: 'Ban Tổ chức Huyện ủy', start: 300, type: 'evidence' },
] as const;

/** A browser's library with the seed article and its three highlights, each with a note and tag. */
async function browserLibrary(name: string, start: number) {
  const { repo, clock } = freshRepository(start);
  for (const p of PASSAGES) {
    const h = await repo.createHighlight({
      url: URL_,
      title: 'Thực hiện công tác tổ chức xây dựng Đảng',
      target: { source: URL_, selector: selectors(p.exact, p.start, 'trước ', ' sau') },
      claimType: p.type,
    });
    clock.now += 1000;
    await repo.updateHighlight(h.id, { note: `ghi chú trên ${name}`, tags: [name, 'chung'] });
  }
  return repo;
}

describe('restore into a browser where the same passages were highlighted', () => {
  it('gives one highlight per passage: tags united, both notes kept, no duplicate cards', async () => {
    const chrome = await browserLibrary('Chrome', Date.UTC(2026, 10, 28, 9));
    const firefox = await browserLibrary('Firefox', Date.UTC(2026, 10, 29, 9));
    const chromeBackup = await chrome.createBackup();
    const backup = JSON.stringify(chromeBackup);
    const result = await firefox.importBackup(backup);
    expect(result).toMatchObject({ ok: true, report: { highlightsAdded: 0, highlightsMerged: 3 } });
    const all = await highlightsIn(dbOf(firefox)).toArray();
    expect(all).toHaveLength(3);
    expect(await dbOf(firefox).articles.count()).toBe(1);
    for (const p of PASSAGES) {
      const mine = all.filter((h) => h.claimType === p.type);
      expect(mine).toHaveLength(1);
      const [h] = mine as [Highlight];
      expect(h.tags).toEqual(['Chrome', 'Firefox', 'chung']);
      // The later edit's note first (Firefox's, made a day later), the earlier one kept after it.
      expect(h.note).toBe('ghi chú trên Firefox\n\nghi chú trên Chrome');
      // The earlier highlight's identity (Chrome's): every device merging the pair keeps the same.
      expect(chromeBackup.highlights.map((c) => c.id)).toContain(h.id);
    }
    // The same backup again: nothing new, nothing doubled.
    const again = await firefox.importBackup(backup);
    expect(again).toMatchObject({ ok: true, report: { highlightsAdded: 0, highlightsMerged: 0 } });
    expect(await highlightsIn(dbOf(firefox)).count()).toBe(3);
  });

  it('keeps passages that differ: another passage, or the same words elsewhere in the article', async () => {
    const chrome = await browserLibrary('Chrome', Date.UTC(2026, 10, 28, 9));
    const { repo: firefox } = freshRepository(Date.UTC(2026, 10, 29, 9));
    await firefox.createHighlight({
      url: URL_,
      title: 't',
      target: { source: URL_, selector: selectors('100% chi bộ', 900, 'khác ', ' khác') },
      claimType: null,
    });
    await firefox.importBackup(JSON.stringify(await chrome.createBackup()));
    expect(await highlightsIn(dbOf(firefox)).count()).toBe(4);
  });
});

describe('the merge rule', () => {
  const arb = fc.record({
    id: fc.constantFrom('a', 'b', 'c'),
    createdAt: fc.integer({ min: 0, max: 5 }),
    edit: fc.integer({ min: 0, max: 5 }),
    tags: fc.uniqueArray(fc.constantFrom('x', 'y', 'z', 'kinh tế'), { maxLength: 3 }),
    note: fc.constantFrom('', 'một', 'hai', 'ba bốn'),
    claimType: fc.constantFrom(null, 'claim', 'quote'),
    status: fc.constantFrom(null, 'supported' as const, 'disputed' as const),
    sourceUrl: fc.constantFrom(null, 'https://factcheck.example/a'),
  });
  type Draw = {
    id: string;
    createdAt: number;
    edit: number;
    tags: string[];
    note: string;
    claimType: string | null;
    status: 'supported' | 'disputed' | null;
    sourceUrl: string | null;
  };
  const make = (r: Draw) =>
    highlightRecord({
      id: r.id,
      createdAt: r.createdAt,
      updatedAt: r.createdAt + r.edit,
      tags: r.tags,
      note: r.note,
      claimType: r.claimType,
      status: r.status,
      sourceUrl: r.sourceUrl,
    });

  it('converges: either device merging the pair gets the same record; merging again changes nothing; no tag or note is lost', () => {
    fc.assert(
      fc.property(arb, arb, (x, y) => {
        const a = make(x);
        const b = make(y);
        const ab = mergeHighlights(a, b);
        const ba = mergeHighlights(b, a);
        expect(ab.id).toBe(ba.id);
        expect(ab.tags).toEqual(ba.tags);
        expect(mergeHighlights(ab, b)).toEqual(ab);
        for (const t of [...a.tags, ...b.tags]) expect(ab.tags).toContain(t);
        for (const n of [a.note, b.note]) expect(ab.note).toContain(n.trim());
        // Every type, status and source link either side had is in the record or in its kept versions.
        const kept = [ab, ...(ab.merges ?? [])];
        for (const h of [a, b]) {
          if (h.claimType) expect(kept.map((k) => k.claimType)).toContain(h.claimType);
          if (h.status) expect(kept.map((k) => k.status)).toContain(h.status);
          if (h.sourceUrl) expect(kept.map((k) => k.sourceUrl)).toContain(h.sourceUrl);
        }
        expect(ab).toEqual(ba);
      }),
      { numRuns: 1000 },
    );
  });

  it('keeps the losing version (type, status, source link, note, tags) in the highlight, once', () => {
    const a = highlightRecord({
      id: 'a',
      createdAt: 1,
      updatedAt: 5,
      claimType: 'claim',
      status: 'disputed',
      note: 'A',
    });
    const b = highlightRecord({ id: 'b', createdAt: 2, updatedAt: 9, claimType: 'statistic', status: null, note: 'B' });
    const m = mergeHighlights(a, b);
    expect(m).toMatchObject({ id: 'a', claimType: 'statistic', status: null, note: 'B\n\nA' });
    expect(m.merges).toEqual([{ at: 5, claimType: 'claim', status: 'disputed', sourceUrl: null, note: 'A', tags: [] }]);
    expect(mergeHighlights(m, b)).toEqual(m);
    expect(mergeHighlights(b, a)).toEqual(m);
  });

  it('keeps a note once when one already holds the other', () => {
    expect(mergeNotes('một\n\nhai', 'hai')).toBe('một\n\nhai');
    expect(mergeNotes('', 'hai')).toBe('hai');
    expect(mergeNotes('một', 'hai')).toBe('một\n\nhai');
  });
});
