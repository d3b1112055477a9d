/**
 * useLiveQuery with `pauseWhileHidden` (the library's read of everything): a page in the background
 * does not read again on a change, reads once when shown again after one, and not at all when shown
 * again with nothing changed. A query without the option keeps reading (the witness).
 */
import { act, cleanup, render, screen, waitFor } from '@testing-library/preact';
import Dexie, { type Table } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { useLiveQuery } from '@/lib/ui/use-live-query';

class Items extends Dexie {
  items!: Table<{ id: number }, number>;
  constructor() {
    super(`live-query-${Math.random()}`);
    this.version(1).stores({ items: 'id' });
  }
}

let visibility: DocumentVisibilityState = 'visible';
Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => visibility });
function setVisibility(state: DocumentVisibilityState) {
  visibility = state;
  document.dispatchEvent(new Event('visibilitychange'));
}

afterEach(() => {
  cleanup();
  visibility = 'visible';
});

describe('a live query paused while its page is hidden', () => {
  it('reads once when shown again after a change, and not at all after none', async () => {
    const db = new Items();
    let reads = 0;
    function Paused() {
      const [items] = useLiveQuery(
        () => {
          reads++;
          return db.items.toArray();
        },
        [],
        null,
        { pauseWhileHidden: true },
      );
      return <p data-testid="paused">{items ? items.length : 'none'}</p>;
    }
    function Witness() {
      const [items] = useLiveQuery(() => db.items.toArray(), [], null);
      return <p data-testid="witness">{items ? items.length : 'none'}</p>;
    }
    render(
      <>
        <Paused />
        <Witness />
      </>,
    );
    const paused = () => screen.getByTestId('paused').textContent;
    const witness = () => screen.getByTestId('witness').textContent;
    await waitFor(() => expect(paused()).toBe('0'));
    await waitFor(() => expect(witness()).toBe('0'));
    // (Dexie may read twice as the database opens: counted from here.)
    const opened = reads;

    // Hidden: a write reaches the witness, not the paused query (nothing read).
    setVisibility('hidden');
    await db.items.add({ id: 1 });
    await waitFor(() => expect(witness()).toBe('1'));
    await db.items.add({ id: 2 });
    await waitFor(() => expect(witness()).toBe('2'));
    expect(paused()).toBe('0');
    expect(reads).toBe(opened);

    // Shown again: one read, the changes are in.
    setVisibility('visible');
    await waitFor(() => expect(paused()).toBe('2'));
    expect(reads).toBe(opened + 1);

    // Hidden and shown with nothing changed: no read. The next write is read as it comes.
    act(() => setVisibility('hidden'));
    act(() => setVisibility('visible'));
    // A query subscribed again would have been called by the time a read of the table is answered.
    await db.items.count();
    expect(reads).toBe(opened + 1);
    await db.items.add({ id: 3 });
    await waitFor(() => expect(paused()).toBe('3'));
    expect(reads).toBe(opened + 2);
    db.close();
  });
});
