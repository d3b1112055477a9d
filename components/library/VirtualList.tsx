import type { ComponentChildren } from 'preact';
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';

/** Props of {@link VirtualList}. */
export interface VirtualListProps<T> {
  items: readonly T[];
  /** Each item's height in pixels before it is drawn (an estimate: drawn rows are measured). */
  height: (item: T) => number;
  render: (item: T, index: number) => ComponentChildren;
  itemKey: (item: T) => string;
  label: string;
  /** Rows drawn beyond the visible ones, above and below. */
  overscan?: number;
}

/**
 * A list that draws only the rows in view, so 100,000 rows cost what 30 do. Rows are absolutely
 * placed from the running sum of their heights: estimated until a row is drawn, then as measured,
 * so each row is as tall as its content (no gaps, nothing cut). The list keeps ARIA list semantics
 * with each row's position and the set size, so assistive technology knows where it is.
 */
export function VirtualList<T>({ items, height, render, itemKey, label, overscan = 8 }: VirtualListProps<T>) {
  const box = useRef<HTMLDivElement>(null);
  const [scroll, setScroll] = useState(0);
  const [viewport, setViewport] = useState(800);
  // Heights of drawn rows, by key; a change re-lays the list out.
  const measured = useRef(new Map<string, number>());
  const [layout, setLayout] = useState(0);
  const drawn = useRef<{ items: readonly T[] | null; render: unknown; rows: Map<number, ComponentChildren> }>({
    items: null,
    render: null,
    rows: new Map(),
  });
  const observer = useMemo(
    () =>
      typeof ResizeObserver === 'undefined'
        ? null
        : new ResizeObserver((entries) => {
            let changed = false;
            for (const entry of entries) {
              const el = entry.target as HTMLElement;
              const key = el.dataset.key;
              // The size the observer measured (every browser the extension runs in reports it): read
              // from the element instead, it laid the page out again when a render had come in
              // between (Preact renders after each callback).
              const h = Math.ceil(entry.borderBoxSize[0]?.blockSize ?? 0);
              if (key && h > 0 && measured.current.get(key) !== h) {
                measured.current.set(key, h);
                changed = true;
              }
            }
            if (changed) setLayout((n) => n + 1);
          }),
    [],
  );
  useEffect(() => () => observer?.disconnect(), [observer]);
  // Where each row starts: laid out exactly (measured heights where known) only as far as rows have
  // been shown, estimated beyond (so a result of 100,000 rows does not look up 100,000 measured
  // heights before its first rows can be drawn). `layout` changes when drawn rows were measured anew.
  // The estimate of every row's height is summed once for a result, not again each time drawn rows
  // are measured (a search drawn and then measured went through every row of its result twice).
  const estimated = useMemo(() => {
    let sum = 0;
    for (let i = 0; i < items.length; i++) sum += height(items[i] as T);
    return sum;
  }, [items, height]);
  const geometry = useMemo(
    () => ({ offsets: new Float64Array(items.length + 1), known: 0, estimatedKnown: 0, estimated }),
    [items, estimated, itemKey, layout],
  );
  // Measure the rows drawn now (and only those: rows scrolled away are let go). A row already
  // watched is left watched: observed anew, every row drawn was reported again after every render
  // (the observer's first report of a target), and measured again, though its size had not changed.
  const watched = useRef(new Set<Element>());
  useLayoutEffect(() => {
    if (!observer || !box.current) return;
    const now = new Set<Element>(box.current.querySelectorAll('li.vrow'));
    for (const li of watched.current) if (!now.has(li)) observer.unobserve(li);
    for (const li of now) if (!watched.current.has(li)) observer.observe(li);
    watched.current = now;
  });
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    setViewport(el.clientHeight || 800);
    // The list's height as the observer measured it (it has no padding): not read from the element,
    // which laid the page out again when the rows' measuring had rendered in between.
    const observer = new ResizeObserver((entries) => setViewport(entries[0]?.contentRect.height || 800));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  // A new result set starts at the top.
  useEffect(() => {
    if (box.current) box.current.scrollTop = 0;
    setScroll(0);
  }, [items]);
  /** Lays rows out exactly up to row `to` (exclusive). */
  const layOut = (to: number) => {
    const g = geometry;
    const end = Math.min(to, items.length);
    for (let i = g.known; i < end; i++) {
      const item = items[i] as T;
      const estimate = height(item);
      g.estimatedKnown += estimate;
      g.offsets[i + 1] = (g.offsets[i] as number) + (measured.current.get(itemKey(item)) ?? estimate);
    }
    if (end > g.known) g.known = end;
  };
  /** The index of the row at `y` (rows laid out exactly up to it). */
  const find = (y: number) => {
    const g = geometry;
    while (g.known < items.length && (g.offsets[g.known] as number) <= y) layOut(g.known + 256);
    let lo = 0;
    let hi = g.known;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((g.offsets[mid + 1] as number) <= y) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const first = Math.max(0, find(scroll) - overscan);
  const last = Math.min(items.length, find(scroll + viewport) + overscan + 1);
  layOut(last);
  const { offsets } = geometry;
  // The rows not laid out yet count with their estimated heights.
  const total = (offsets[geometry.known] as number) + geometry.estimated - geometry.estimatedKnown;
  // The rows drawn last time, for this result and this `render`: a render of the list alone (rows
  // measured, the list scrolled) hands Preact the same elements, and it skips them; only the rows
  // that come into view are made. Only the drawn rows are kept.
  const before = drawn.current;
  const reuse = before.items === items && before.render === render ? before.rows : null;
  const made = new Map<number, ComponentChildren>();
  drawn.current = { items, render, rows: made };
  const rows: ComponentChildren[] = [];
  for (let i = first; i < last; i++) {
    const item = items[i] as T;
    let content = reuse?.get(i);
    if (content === undefined) content = render(item, i);
    made.set(i, content);
    rows.push(
      <li
        key={itemKey(item)}
        aria-setsize={items.length}
        aria-posinset={i + 1}
        class="vrow"
        data-key={itemKey(item)}
        style={{ top: `${offsets[i]}px` }}
      >
        {content}
      </li>,
    );
  }
  return (
    <div ref={box} class="vlist" onScroll={(e) => setScroll(e.currentTarget.scrollTop)}>
      <ul class="vlist-inner" aria-label={label} style={{ height: `${total}px` }}>
        {rows}
      </ul>
    </div>
  );
}
