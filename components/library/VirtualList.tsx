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
  const observer = useMemo(
    () =>
      typeof ResizeObserver === 'undefined'
        ? null
        : new ResizeObserver((entries) => {
            let changed = false;
            for (const entry of entries) {
              const el = entry.target as HTMLElement;
              const key = el.dataset.key;
              const h = Math.ceil(el.getBoundingClientRect().height);
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
  // `layout` changes when drawn rows were measured anew.
  const offsets = useMemo(() => {
    const out = new Float64Array(items.length + 1);
    for (let i = 0; i < items.length; i++) {
      const item = items[i] as T;
      out[i + 1] = (out[i] as number) + (measured.current.get(itemKey(item)) ?? height(item));
    }
    return out;
  }, [items, height, itemKey, layout]);
  // Measure the rows drawn now (and only those: rows scrolled away are let go).
  useLayoutEffect(() => {
    if (!observer || !box.current) return;
    observer.disconnect();
    for (const li of box.current.querySelectorAll<HTMLElement>('li.vrow')) observer.observe(li);
  });
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const measure = () => setViewport(el.clientHeight || 800);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  // A new result set starts at the top.
  useEffect(() => {
    if (box.current) box.current.scrollTop = 0;
    setScroll(0);
  }, [items]);
  const find = (y: number) => {
    let lo = 0;
    let hi = items.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((offsets[mid + 1] as number) <= y) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const first = Math.max(0, find(scroll) - overscan);
  const last = Math.min(items.length, find(scroll + viewport) + overscan + 1);
  const rows: ComponentChildren[] = [];
  for (let i = first; i < last; i++) {
    const item = items[i] as T;
    rows.push(
      <li
        key={itemKey(item)}
        aria-setsize={items.length}
        aria-posinset={i + 1}
        class="vrow"
        data-key={itemKey(item)}
        style={{ top: `${offsets[i]}px` }}
      >
        {render(item, i)}
      </li>,
    );
  }
  return (
    <div ref={box} class="vlist" onScroll={(e) => setScroll(e.currentTarget.scrollTop)}>
      <ul class="vlist-inner" aria-label={label} style={{ height: `${offsets[items.length]}px` }}>
        {rows}
      </ul>
    </div>
  );
}
