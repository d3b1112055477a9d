// @vitest-environment jsdom
/** The article's baseline (block fingerprints and a compressed copy) and what changed since. */
import { diffArrays } from 'diff';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { articleBlocks, baselineBlocks, blockHash, compareBlocks, makeBaseline } from '@/lib/article-blocks';
import { extractArticle, parseSnapshot, textHash } from '@/lib/extract';
import { fixture } from '../support/fixtures';

const T = Date.UTC(2021, 7, 6, 9, 0);

function blocksOf(path: string): string[] {
  const content = extractArticle(parseSnapshot(fixture(path), 'https://baovinhphuc.example/x.html')).content;
  return articleBlocks(content ?? '');
}

describe('article baseline', () => {
  it('keeps the blocks compressed and reads them back exactly', () => {
    const blocks = blocksOf('seed/vinhphuc.html');
    expect(blocks.length).toBeGreaterThan(10);
    const baseline = makeBaseline(blocks, T);
    expect(baselineBlocks(baseline)).toEqual(blocks);
    expect(baseline.copy?.length ?? 0).toBeLessThan(blocks.join('').length);
    expect(makeBaseline(blocks, T, false).copy).toBeUndefined();
  });

  it('finds the seed mutation: one paragraph edited (kỹ → kĩ), the re-wrapped one unchanged', () => {
    const baseline = makeBaseline(blocksOf('seed/vinhphuc.html'), T);
    const changes = compareBlocks(baseline, blocksOf('seed/vinhphuc-mutated.html'));
    const edits = changes.steps.filter((s) => s.kind === 'edited');
    expect(changes.edited).toBe(1);
    expect(edits[0]).toMatchObject({ kind: 'edited' });
    expect(edits[0]?.kind === 'edited' && edits[0].before).toContain('rà soát kỹ lưỡng');
    expect(edits[0]?.kind === 'edited' && edits[0].after).toContain('rà soát kĩ lưỡng');
    // Fingerprints as kept baselines made them (textHash of each block), so they still compare.
    const blocks = blocksOf('seed/vinhphuc-nfd.html');
    expect(blocks.map(blockHash)).toEqual(blocks.map(textHash));
    // The same page in NFD is no change at all.
    expect(compareBlocks(baseline, blocksOf('seed/vinhphuc-nfd.html'))).toMatchObject({
      edited: 0,
      added: 0,
      removed: 0,
    });
  });

  it('counts added and removed blocks, and pairs a removal followed by an addition as an edit', () => {
    const baseline = makeBaseline(['Một.', 'Hai.', 'Ba.', 'Bốn.'], T);
    expect(compareBlocks(baseline, ['Một.', 'Hai sửa.', 'Ba.', 'Bốn.', 'Năm.'])).toMatchObject({
      edited: 1,
      added: 1,
      removed: 0,
    });
    expect(compareBlocks(baseline, ['Một.', 'Bốn.'])).toMatchObject({ edited: 0, added: 0, removed: 2 });
    const without = { ...makeBaseline(['Một.', 'Hai.'], T, false) };
    expect(compareBlocks(without, ['Một.', 'Hai khác.']).steps).toContainEqual({
      kind: 'edited',
      before: null,
      after: 'Hai khác.',
    });
  });
});

describe('the change check', () => {
  it('counts from fingerprints alone: the kept copy is unpacked only when the steps are read', () => {
    const baseline = makeBaseline(['Một.', 'Hai.', 'Ba.'], T);
    // A copy that cannot be unpacked shows when (and only when) it is read: the before texts are null.
    const broken = { ...baseline, copy: 'not base64 zlib!' };
    const changes = compareBlocks(broken, ['Một.', 'Hai sửa.', 'Ba.']);
    expect(changes).toMatchObject({ edited: 1, added: 0, removed: 0 });
    expect(changes.steps[1]).toEqual({ kind: 'edited', before: null, after: 'Hai sửa.' });
    const good = compareBlocks(baseline, ['Một.', 'Hai sửa.', 'Ba.']);
    expect(good.steps[1]).toEqual({ kind: 'edited', before: 'Hai.', after: 'Hai sửa.' });
    expect(good.steps).toBe(good.steps);
  });
});

describe('the change check on any edit', () => {
  // Blocks from a small alphabet, so that edits often repeat blocks (the hard case for a diff).
  const blocks = fc.array(fc.constantFrom('A.', 'B.', 'C.', 'Đ.', 'E.', 'Ư.'), { maxLength: 30 });
  it('reads back both versions from its steps, and edits no more blocks than a diff of the whole needs', () => {
    fc.assert(
      fc.property(blocks, blocks, (was, is) => {
        const baseline = makeBaseline(was, T);
        const changes = compareBlocks(baseline, is);
        const steps = changes.steps;
        // Every block now in order, and every block before in order: nothing dropped or moved.
        const after = steps.flatMap((s) => (s.kind === 'same' ? [s.text] : s.kind === 'removed' ? [] : [s.after]));
        const same = steps.flatMap((s) => (s.kind === 'same' ? [s.text] : []));
        const before = steps.flatMap((s) => (s.kind === 'same' ? [s.text] : s.kind === 'added' ? [] : [s.before]));
        expect(after).toEqual(is);
        expect(before).toEqual(was);
        // The counts are the steps' and as small as Myers' diff of the whole (the common start
        // and end taken out first cannot make it longer).
        const count = (kind: string) => steps.filter((s) => s.kind === kind).length;
        expect([changes.edited, changes.added, changes.removed]).toEqual([
          count('edited'),
          count('added'),
          count('removed'),
        ]);
        const whole = diffArrays(was, is).reduce(
          (n, part) => n + (part.added || part.removed ? part.value.length : 0),
          0,
        );
        expect(2 * changes.edited + changes.added + changes.removed).toBe(whole);
        expect(same.length).toBe(was.length - changes.edited - changes.removed);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('text copies in the repository', () => {
  /** A fresh repository holding one highlight on `url`. */
  async function oneHighlight(url: string) {
    const { freshRepository, selectors } = await import('../support/factories');
    const { repo } = freshRepository();
    const h = await repo.createHighlight({
      url,
      title: 'Bài',
      target: { source: url, selector: selectors('đoạn một', 10) },
      claimType: null,
    });
    return { repo, h };
  }

  it('the library reads articles without their baseline; the sidebar reads it, and a library edit keeps it', async () => {
    const { repo, h } = await oneHighlight('https://news.example/b');
    await repo.setBaseline(h.articleId, makeBaseline(['Đoạn một của bài.', 'Đoạn hai.'], T));
    const everything = await repo.everything();
    expect(everything.articles.map((a) => [a.id, a.baseline])).toEqual([[h.articleId, undefined]]);
    expect(everything.highlights.map((x) => x.id)).toEqual([h.id]);
    expect((await repo.recent(5)).articles.map((a) => [a.id, a.baseline])).toEqual([[h.articleId, undefined]]);
    const back = await repo.byIds([h.articleId], [h.id]);
    expect(back.articles.get(h.articleId)?.title).toBe('Bài');
    expect(back.articles.get(h.articleId)?.baseline).toBeUndefined();
    expect((await repo.getArticle(h.articleId))?.baseline?.hashes).toHaveLength(2);
    await repo.updateArticleNote(h.articleId, 'ghi chú cho cả bài');
    const after = await repo.getArticle(h.articleId);
    expect(after?.note).toBe('ghi chú cho cả bài');
    expect(after?.baseline?.hashes).toHaveLength(2);
    expect(after?.baseline?.copy).toBeTruthy();
  });

  it('counts the copies, keeps a baseline once, and drops the copies but not the fingerprints', async () => {
    const { repo, h } = await oneHighlight('https://news.example/a');
    const blocks = ['Đoạn một của bài.', 'Đoạn hai.'];
    await repo.setBaseline(h.articleId, makeBaseline(blocks, T));
    await repo.setBaseline(h.articleId, makeBaseline(['Khác.'], T + 1));
    const stored = await repo.getArticle(h.articleId);
    expect(stored?.baseline?.at).toBe(T);
    expect(await repo.textCopies()).toEqual({ chars: stored?.baseline?.copy?.length, articles: 1 });
    expect(await repo.dropTextCopies()).toBe(1);
    expect(await repo.textCopies()).toEqual({ chars: 0, articles: 0 });
    const after = await repo.getArticle(h.articleId);
    expect(after?.baseline?.hashes).toHaveLength(2);
    expect(
      compareBlocks(after?.baseline as NonNullable<typeof after>['baseline'] & object, [
        'Đoạn một của bài.',
        'Đoạn hai sửa.',
      ]),
    ).toMatchObject({
      edited: 1,
    });
  });
});
