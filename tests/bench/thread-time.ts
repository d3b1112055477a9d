/**
 * What a page's main thread did in a window of a traced load (Chrome's trace events): how long it
 * was busy, how much of that it ran on a core (the events' thread time), and how much went to V8
 * collecting garbage. On a machine whose cores are shared with the browser's other processes, a
 * thread busy for 40 ms may have run for 20: the wall time a script takes is its own work plus the
 * time its thread waited for a core. Node side of the benchmark.
 */

/** The trace event fields read here (times in µs; `tdur` is the thread's own time). */
export interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  args?: { data?: { isLoadingMainFrame?: boolean } };
}

/** The categories a load is traced with for `threadTime`. */
export const THREAD_TIME_CATEGORIES = 'toplevel,devtools.timeline,blink.user_timing';

export interface ThreadTime {
  /** Wall time the main thread spent in top-level events within the window, ms. */
  busy: number;
  /** Of that, the time it ran on a core, ms (each event's thread time, in proportion to its part in the window). */
  cpu: number;
  /** Garbage collections on the main thread within the window, ms. */
  gc: number;
}

/**
 * The main thread's time in [from, to], given in ms of the document's clock (`performance.now()` in
 * any of its worlds): the trace's main-frame `navigationStart` is its zero. Undefined when the trace
 * has no such mark.
 */
export function threadTime(events: readonly TraceEvent[], from: number, to: number): ThreadTime | undefined {
  const nav = events.find((e) => e.name === 'navigationStart' && e.args?.data?.isLoadingMainFrame);
  if (!nav) return undefined;
  const zero = nav.ts / 1000;
  const a = zero + from;
  const b = zero + to;
  const complete = events
    .filter((e) => e.pid === nav.pid && e.tid === nav.tid && e.ph === 'X' && e.dur !== undefined)
    .sort((x, y) => x.ts - y.ts || (y.dur as number) - (x.dur as number));
  let busy = 0;
  let cpu = 0;
  let gc = 0;
  let until = Number.NEGATIVE_INFINITY;
  for (const e of complete) {
    const start = e.ts / 1000;
    const end = (e.ts + (e.dur as number)) / 1000;
    const within = Math.max(0, Math.min(b, end) - Math.max(a, start));
    if (e.name === 'MinorGC' || e.name === 'MajorGC') gc += within;
    // Top-level events only: the ones no earlier event holds.
    if (e.ts < until) continue;
    until = e.ts + (e.dur as number);
    busy += within;
    if (within > 0 && end > start) cpu += ((e.tdur ?? 0) / 1000) * (within / (end - start));
  }
  return { busy, cpu, gc };
}
