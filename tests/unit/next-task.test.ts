/**
 * The page side's way of giving the thread back (lib/page/next-task.ts): a task later, in order,
 * once per waiter; not held back like timers in a tab in the background (see the e2e reload test,
 * which reloads the article behind the sidebar's tab).
 */
import { describe, expect, it } from 'vitest';
import { nextTask } from '@/lib/next-task';

describe('nextTask', () => {
  it('resolves each waiter once, in order, after the current task and its microtasks', async () => {
    const seen: string[] = [];
    const all = [nextTask().then(() => seen.push('a')), nextTask().then(() => seen.push('b'))];
    await Promise.resolve();
    seen.push('microtask');
    await Promise.all(all);
    expect(seen).toEqual(['microtask', 'a', 'b']);
    await nextTask();
    expect(seen).toHaveLength(3);
  });
});
