/**
 * The page side's own time until its first paint (lib/page/timing.ts, lib/page/page-task.ts): the
 * time in its own tasks counts, the time it waits with the thread given back (the page's tasks, the
 * browser's rendering, the background's answer) does not, and nothing counts after its first paint.
 * `npm run bench` reports it beside the wall time.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';

afterEach(() => {
  vi.restoreAllMocks();
  vi.resetModules();
});

describe('the page side’s own time', () => {
  it('counts its tasks, not its waits, until its first paint', async () => {
    let now = 100;
    vi.spyOn(performance, 'now').mockImplementation(() => now);
    const { timing, waiting, firstPainted } = await import('@/lib/page/timing');
    const { pageTask } = await import('@/lib/page/page-task');
    expect(timing.start).toBe(100);
    now = 110; // its script ran 10 ms, then gives the thread back for a task of its own
    const slice = pageTask();
    now = 140; // the page's tasks ran 30 ms meanwhile
    await slice;
    now = 145; // a slice of 5 ms, then it waits for the background's answer
    let answer = (_: string) => {};
    const asked = waiting(new Promise<string>((r) => (answer = r)));
    now = 190;
    answer('items');
    expect(await asked).toBe('items');
    now = 192; // 2 ms to paint
    firstPainted();
    expect(timing.painted).toBe(192);
    expect(timing.busy).toBe(10 + 5 + 2);
    now = 300;
    await pageTask();
    now = 310;
    firstPainted();
    expect(timing).toMatchObject({ painted: 192, busy: 17 });
  });

  it('counts its time even when what it waited for failed', async () => {
    let now = 0;
    vi.spyOn(performance, 'now').mockImplementation(() => now);
    const { timing, waiting, firstPainted } = await import('@/lib/page/timing');
    now = 4;
    const failed = waiting(Promise.reject(new Error('no answer')));
    now = 50;
    await expect(failed).rejects.toThrow('no answer');
    now = 53;
    firstPainted();
    expect(timing.busy).toBe(4 + 3);
  });

  it('pauses when due: once a task has run its budget, the first counted from the script’s first line', async () => {
    let now = 0;
    vi.spyOn(performance, 'now').mockImplementation(() => now);
    const tasks = { count: 0 };
    vi.doMock('@/lib/next-task', () => ({
      nextTask: async () => {
        tasks.count++;
      },
    }));
    const { pageTaskWhenDue, TASK_BUDGET_MS } = await import('@/lib/page/page-task');
    now = TASK_BUDGET_MS - 1; // the task that started the page side, its first line at 0: within its budget
    await pageTaskWhenDue();
    expect(tasks.count).toBe(0);
    now = TASK_BUDGET_MS; // its budget run out: a task of its own, begun at 16
    await pageTaskWhenDue();
    expect(tasks.count).toBe(1);
    now += TASK_BUDGET_MS - 1; // within the budget of the task that began at 16
    await pageTaskWhenDue();
    expect(tasks.count).toBe(1);
    now += 1; // the budget run out
    await pageTaskWhenDue();
    expect(tasks.count).toBe(2);
    now += 2;
    await pageTaskWhenDue();
    expect(tasks.count).toBe(2);
    vi.doUnmock('@/lib/next-task');
  });

  it('gives the thread back through scheduler.yield where the browser has it, a task at the back of the queue elsewhere', async () => {
    const posted = { count: 0 };
    vi.doMock('@/lib/next-task', () => ({
      nextTask: async () => {
        posted.count++;
      },
    }));
    const scheduler = {
      calls: 0,
      yield(this: { calls: number }) {
        this.calls++;
        return Promise.resolve();
      },
    };
    vi.stubGlobal('scheduler', scheduler);
    const { pageTask } = await import('@/lib/page/page-task');
    await pageTask();
    expect(scheduler.calls).toBe(1);
    expect(posted.count).toBe(0);
    vi.unstubAllGlobals();
    vi.resetModules();
    const { pageTask: withoutScheduler } = await import('@/lib/page/page-task');
    await withoutScheduler();
    expect(scheduler.calls).toBe(1);
    expect(posted.count).toBe(1);
    vi.doUnmock('@/lib/next-task');
  });
});
