/**
 * The library's records kept up to date (lib/ui/use-library-records.ts): read once, then each write
 * read back by the keys Dexie reports (lib/store/mutations.ts) and patched in, nothing read while the
 * page is hidden, and everything read again only for a write known as a range.
 */
import { cleanup, render, screen, waitFor } from '@testing-library/preact';
import Dexie, { RangeSet } from 'dexie';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { patchList } from '@/lib/library-records';
import { touchedKeys } from '@/lib/store/mutations';
import type { Repository } from '@/lib/store/repository';
import { type Records, useLibraryRecords } from '@/lib/ui/use-library-records';
import { dbOf, freshRepository, highlightRecord, highlightsIn, selectors } from '../support/factories';

let visibility: DocumentVisibilityState = 'visible';
Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => visibility });
function setVisibility(state: DocumentVisibilityState) {
  visibility = state;
  document.dispatchEvent(new Event('visibilitychange'));
}

afterEach(() => {
  cleanup();
  visibility = 'visible';
  delivered = [];
});

/** Every records object the hook delivered, in order. */
let delivered: Records[] = [];

function Shown({ repo }: { repo: Repository }) {
  const [records, error] = useLibraryRecords(repo, true);
  if (records && delivered.at(-1) !== records) delivered.push(records);
  const notes = records?.highlights.map((h) => `${h.target.selector[0].exact}:${h.note}`).sort();
  return (
    <>
      {error ? <p data-testid="error">{error.message}</p> : null}
      {records ? (
        <p data-testid="records">
          {records.articles.length} {notes?.join('|')}
        </p>
      ) : (
        <p>loading</p>
      )}
    </>
  );
}
const shown = () => screen.getByTestId('records').textContent;

async function seeded() {
  const { repo } = freshRepository();
  const url = 'https://news.example/a';
  const one = await repo.createHighlight({
    url,
    title: 'Bài',
    target: { source: url, selector: selectors('một', 1) },
    claimType: null,
  });
  const two = await repo.createHighlight({
    url,
    title: 'Bài',
    target: { source: url, selector: selectors('hai', 9) },
    claimType: null,
  });
  const everything = vi.spyOn(repo, 'everything');
  const byIds = vi.spyOn(repo, 'byIds');
  render(<Shown repo={repo} />);
  await waitFor(() => expect(shown()).toBe('1 hai:|một:'));
  return { repo, one, two, everything, byIds };
}

describe("the library's records", () => {
  it('follow each write by reading back what it touched, not everything', async () => {
    const { repo, one, two, everything, byIds } = await seeded();
    await repo.updateHighlight(one.id, { note: 'Cần kiểm chứng' });
    await waitFor(() => expect(shown()).toBe('1 hai:|một:Cần kiểm chứng'));
    const url = 'https://news.example/b';
    await repo.createHighlight({
      url,
      title: 'Khác',
      target: { source: url, selector: selectors('ba', 2) },
      claimType: null,
    });
    await waitFor(() => expect(shown()).toBe('2 ba:|hai:|một:Cần kiểm chứng'));
    await repo.deleteHighlight(two.id);
    await waitFor(() => expect(shown()).toBe('2 ba:|một:Cần kiểm chứng'));
    expect(everything).toHaveBeenCalledTimes(1);
    expect(byIds.mock.calls.length).toBeGreaterThanOrEqual(3);
    // Only the touched records were asked for.
    for (const [articles, highlights] of byIds.mock.calls) expect(articles.length + highlights.length).toBeLessThan(4);
  });

  it('say, when only patched, which records were read back since the records delivered before', async () => {
    const { repo, one, two } = await seeded();
    expect(delivered[0]?.patch).toBeUndefined(); // a read of everything
    await repo.updateHighlight(one.id, { note: 'vá' });
    await waitFor(() => expect(shown()).toBe('1 hai:|một:vá'));
    const last = delivered.at(-1) as Records;
    expect(last.patch?.base).toBe(delivered.at(-2));
    // Highlights are stored, and read back, by article: the patch holds that article's highlights.
    expect(new Set(last.patch?.highlights.keys())).toEqual(new Set([one.id, two.id]));
    expect(last.patch?.highlights.get(one.id)?.note).toBe('vá');
    expect(last.patch?.highlights.get(two.id)).toEqual(two);
    expect([...(last.patch?.articles.keys() ?? [])]).toEqual([one.articleId]);
  });

  it('read nothing while hidden, and what changed meanwhile once shown again', async () => {
    const { repo, one, everything, byIds } = await seeded();
    // A listener after the library's: once it has heard both writes, so has the library.
    const heard = vi.fn();
    Dexie.on('storagemutated', heard);
    setVisibility('hidden');
    await repo.updateHighlight(one.id, { note: 'ẩn' });
    await repo.updateHighlight(one.id, { note: 'vẫn ẩn' });
    await waitFor(() => expect(heard).toHaveBeenCalledTimes(2));
    Dexie.on.storagemutated.unsubscribe(heard);
    // Nothing is read for them while the page is hidden.
    expect(byIds).not.toHaveBeenCalled();
    expect(shown()).toBe('1 hai:|một:');
    setVisibility('visible');
    await waitFor(() => expect(shown()).toBe('1 hai:|một:vẫn ẩn'));
    expect(byIds).toHaveBeenCalledTimes(1);
    expect(everything).toHaveBeenCalledTimes(1);
  });

  it('after a failed read, say so and read everything on the next write', async () => {
    const { repo, one, two, everything, byIds } = await seeded();
    byIds.mockRejectedValueOnce(new Error('The database went away'));
    await repo.updateHighlight(one.id, { note: 'lỗi' });
    await waitFor(() => expect(screen.getByTestId('error').textContent).toBe('The database went away'));
    await repo.updateHighlight(two.id, { note: 'sau' });
    await waitFor(() => expect(shown()).toBe('1 hai:sau|một:lỗi'));
    expect(everything).toHaveBeenCalledTimes(2);
    expect(screen.queryByTestId('error')).toBeNull();
  });

  it('read everything again after a write known only as a range', async () => {
    const { repo, everything } = await seeded();
    // Sixty records (one per article) in one bulk write: Dexie reports the table, not each key.
    await highlightsIn(dbOf(repo)).bulkPut(
      Array.from({ length: 60 }, (_, i) =>
        highlightRecord({
          id: `bulk-${i}`,
          articleId: `none-${i}`,
          target: { source: 'x', selector: selectors(`b${i}`, i) },
        }),
      ),
    );
    await waitFor(() => expect(shown()).toContain('b59:'));
    expect(everything).toHaveBeenCalledTimes(2);
  });
});

describe('what a write touched', () => {
  it('is the keys of a table, also from another context (a structured clone), or all for a range', () => {
    const keys = new RangeSet().addKeys(['h2', 'h1', 'h3']);
    const parts = { 'idb://marginalia/highlights/': keys, 'idb://marginalia/highlights/articleId': new RangeSet('a1') };
    expect((touchedKeys(parts, 'highlights') as string[]).slice().sort()).toEqual(['h1', 'h2', 'h3']);
    expect((touchedKeys(structuredClone(parts), 'highlights') as string[]).slice().sort()).toEqual(['h1', 'h2', 'h3']);
    expect(touchedKeys(parts, 'articles')).toBeNull();
    expect(touchedKeys(parts, 'highlights', 'other-db')).toBeNull();
    expect(touchedKeys({ 'idb://marginalia/highlights/': new RangeSet() }, 'highlights')).toBeNull();
    const range = new RangeSet().addKeys(['h1']).add({ from: 'k', to: 'm' });
    expect(touchedKeys({ 'idb://marginalia/highlights/': range }, 'highlights')).toBe('all');
  });

  it('patches a list in place, adds new records at the end, drops those no longer stored', () => {
    const list = [
      { id: 'a', v: 1 },
      { id: 'b', v: 1 },
      { id: 'c', v: 1 },
    ];
    const read = new Map([
      ['b', { id: 'b', v: 2 }],
      ['c', undefined],
      ['d', { id: 'd', v: 1 }],
      ['e', undefined],
    ]);
    expect(patchList(list, read)).toEqual([
      { id: 'a', v: 1 },
      { id: 'b', v: 2 },
      { id: 'd', v: 1 },
    ]);
    expect(patchList(list, new Map())).toBe(list);
  });
});
