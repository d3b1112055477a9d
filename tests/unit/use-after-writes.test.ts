// @vitest-environment jsdom
/**
 * lib/ui/use-after-writes.ts: a panel's figures are read again once the writes of a burst (a
 * restore's parts, from its worker) are over, once, and not after the panel is gone.
 */
import { cleanup, renderHook } from '@testing-library/preact';
import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useAfterWrites } from '@/lib/ui/use-after-writes';

/** A write as another context reports it (Dexie's event, with the keys it touched). */
const write = () => Dexie.on.storagemutated.fire({ 'idb://marginalia/highlights/': { from: 'h1', to: 'h1', d: 1 } });

describe('useAfterWrites', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => {
    cleanup();
    vi.useRealTimers();
  });

  it('reads again once a burst of writes has been quiet for a second, once for the burst', () => {
    const refresh = vi.fn();
    renderHook(() => useAfterWrites(refresh));
    write();
    vi.advanceTimersByTime(600);
    write();
    vi.advanceTimersByTime(600);
    write();
    vi.advanceTimersByTime(999);
    expect(refresh).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(refresh).toHaveBeenCalledTimes(1);
    write();
    vi.advanceTimersByTime(1000);
    expect(refresh).toHaveBeenCalledTimes(2);
  });

  it('calls the latest callback, and nothing once unmounted', () => {
    const first = vi.fn();
    const second = vi.fn();
    const { rerender, unmount } = renderHook(({ f }) => useAfterWrites(f), { initialProps: { f: first } });
    rerender({ f: second });
    write();
    vi.advanceTimersByTime(1000);
    expect(first).not.toHaveBeenCalled();
    expect(second).toHaveBeenCalledTimes(1);
    write();
    unmount();
    vi.advanceTimersByTime(5000);
    expect(second).toHaveBeenCalledTimes(1);
  });
});
