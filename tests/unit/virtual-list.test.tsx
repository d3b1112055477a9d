// @vitest-environment jsdom
/**
 * The library's virtual list (components/library/VirtualList.tsx): a result of 100,000 rows lays out
 * only the rows it shows (their measured heights looked up), counts the rest with their estimated
 * heights, and still reaches the last row when scrolled to the bottom.
 */
import { act, cleanup, fireEvent, render } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { VirtualList } from '@/components/library/VirtualList';

interface Row {
  key: string;
}

/**
 * A ResizeObserver the test drives: it reports the heights the test gives the observed rows (as the
 * browser does, in the entry, and no other way: the element has no layout here). `rows` is the
 * rows' observer's targets; `observed` counts their `observe` calls.
 */
let report: ((height: number) => void) | null = null;
let rows: Set<Element> = new Set();
let observed = 0;
beforeEach(() => {
  observed = 0;
  globalThis.ResizeObserver = class {
    private readonly observed = new Set<Element>();
    private readonly first: boolean;
    constructor(callback: ResizeObserverCallback) {
      this.first = !report;
      if (this.first) {
        rows = this.observed;
        report = (height) =>
          callback(
            [...this.observed].map(
              (el) =>
                ({
                  target: el,
                  borderBoxSize: [{ blockSize: height, inlineSize: 600 }],
                }) as unknown as ResizeObserverEntry,
            ),
            this as unknown as ResizeObserver,
          );
      }
    }
    observe(el: Element) {
      if (this.first) observed++;
      this.observed.add(el);
    }
    unobserve(el: Element) {
      this.observed.delete(el);
    }
    disconnect() {
      this.observed.clear();
    }
  } as unknown as typeof ResizeObserver;
});
afterEach(() => {
  cleanup();
  report = null;
});

const drawn = () => new Set<Element>(document.querySelectorAll('li.vrow'));

const ROWS: Row[] = Array.from({ length: 100_000 }, (_, i) => ({ key: `r${i}` }));
const tops = () =>
  [...document.querySelectorAll<HTMLElement>('li.vrow')].map((li) => [
    Number(li.getAttribute('aria-posinset')),
    li.style.top,
  ]);

describe('the virtual list', () => {
  it('lays out only the rows it shows, and counts the rest by their estimated heights', () => {
    let keyed = 0;
    const itemKey = (r: Row) => {
      keyed++;
      return r.key;
    };
    render(
      <VirtualList items={ROWS} height={() => 50} itemKey={itemKey} render={(r) => r.key} label="rows" overscan={2} />,
    );
    const list = document.querySelector('ul') as HTMLElement;
    expect(list.style.height).toBe('5000000px');
    // 800 px of 50 px rows and the overscan: rows 1–19 drawn, at their places.
    expect(tops().slice(0, 3)).toEqual([
      [1, '0px'],
      [2, '50px'],
      [3, '100px'],
    ]);
    expect(tops().length).toBeLessThan(25);
    // Not a key looked up per row of the 100,000.
    expect(keyed).toBeLessThan(1_000);
  });

  it('uses the measured heights of drawn rows, and reaches the last row at the bottom', () => {
    let estimates = 0;
    const height = () => {
      estimates++;
      return 50;
    };
    let made = 0;
    const row = (r: Row) => {
      made++;
      return r.key;
    };
    render(<VirtualList items={ROWS} height={height} itemKey={(r) => r.key} render={row} label="rows" />);
    // The drawn rows turn out 80 px tall: the rows after them move down, the list grows.
    const measured = tops().length;
    const before = { estimates, made };
    act(() => report?.(80));
    expect(tops()[1]).toEqual([2, '80px']);
    // Only the rows laid out again are estimated again, not the 100,000; and the rows drawn already
    // are not made again (fewer of the taller rows fit: none is new).
    expect(estimates - before.estimates).toBeLessThan(1_000);
    expect(made).toBe(before.made);
    const list = document.querySelector('ul') as HTMLElement;
    expect(list.style.height).toBe(`${5_000_000 + 30 * measured}px`);
    // Scrolled to the bottom: the last row is drawn, after every row above it.
    const box = document.querySelector('.vlist') as HTMLElement;
    Object.defineProperty(box, 'scrollTop', { configurable: true, value: 5_000_000 });
    act(() => {
      fireEvent.scroll(box);
    });
    const last = tops().at(-1);
    expect(last?.[0]).toBe(100_000);
    expect(last?.[1]).toBe(`${99_999 * 50 + 30 * measured}px`);
  });

  it('watches each drawn row once: a row re-rendered is not observed again, a row let go is no longer watched', () => {
    render(<VirtualList items={ROWS} height={() => 50} itemKey={(r) => r.key} render={(r) => r.key} label="rows" />);
    expect(rows).toEqual(drawn());
    const first = observed;
    expect(first).toBe(drawn().size);
    // Measured taller: the list renders again (rows moved down), with the same rows drawn.
    act(() => report?.(80));
    expect(document.querySelector('li.vrow')?.nextElementSibling?.getAttribute('style')).toContain('top: 80px');
    expect(observed).toBe(first);
    // Scrolled far: the rows drawn now are watched, and only they.
    const box = document.querySelector('.vlist') as HTMLElement;
    Object.defineProperty(box, 'scrollTop', { configurable: true, value: 2_000_000 });
    act(() => {
      fireEvent.scroll(box);
    });
    expect(rows).toEqual(drawn());
    expect(observed).toBe(first + drawn().size);
  });
});
