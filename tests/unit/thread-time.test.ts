/**
 * The benchmark's reading of a trace (tests/bench/thread-time.ts): of a window of the document's
 * clock, how long the page's main thread was busy, how much of that it ran on a core, and how long
 * V8 collected garbage there; nested events counted once, other threads not at all.
 */
import { describe, expect, it } from 'vitest';
import { type TraceEvent, threadTime } from '../bench/thread-time';

const MAIN = { pid: 1, tid: 1 };
const NAV = 1_000_000; // µs: the document's clock's zero
const at = (ms: number) => NAV + ms * 1000;
const task = (start: number, ms: number, cpu: number, name = 'ThreadControllerImpl::RunTask'): TraceEvent => ({
  name,
  ph: 'X',
  ...MAIN,
  ts: at(start),
  dur: ms * 1000,
  tdur: cpu * 1000,
});
const nav: TraceEvent = {
  name: 'navigationStart',
  ph: 'R',
  ...MAIN,
  ts: NAV,
  args: { data: { isLoadingMainFrame: true } },
};

describe('a traced window of the page’s main thread', () => {
  it('counts top-level events once, in proportion to their part in the window, and its garbage collections', () => {
    const events = [
      nav,
      task(100, 10, 4), // wholly in [100, 130]
      task(102, 3, 3, 'MinorGC'), // inside it: not counted again as busy
      task(125, 10, 10), // half in the window
      task(140, 5, 5), // after it
      { ...task(100, 30, 30), tid: 2 }, // another thread
      { ...task(110, 2, 2, 'MinorGC'), pid: 2 }, // another process
    ];
    const t = threadTime(events, 100, 130);
    expect(t?.busy).toBeCloseTo(15);
    expect(t?.cpu).toBeCloseTo(4 + 5);
    expect(t?.gc).toBeCloseTo(3);
  });

  it('is nothing without the main frame’s navigation mark', () => {
    expect(threadTime([task(100, 10, 4)], 100, 130)).toBeUndefined();
    expect(threadTime([{ ...nav, args: { data: { isLoadingMainFrame: false } } }], 100, 130)).toBeUndefined();
  });
});
