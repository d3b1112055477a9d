/**
 * How the page side gives the page's thread back between slices of its work: to the reader's input
 * and the browser's rendering, its own time counted until its first paint (lib/page/timing.ts).
 * Page side.
 */
import { nextTask } from '../next-task';
import { timing, waiting } from './timing';

/**
 * How long the page side's work runs in one task before `pageTaskWhenDue` gives the thread back:
 * well under a long task (50 ms), with room for the step that overruns it (a slice of the index
 * looks at the clock every 512 nodes) and a garbage collection landing in it.
 */
export const TASK_BUDGET_MS = 16;

/**
 * When the task the page side now runs in began, as far as its budget counts: the first from the
 * script's first line. The browser compiled the script in that task before (3 ms for the page side's
 * 100 KB, traced on wikipedia-2); a task of its own for the first answer's check, forced, added a
 * pause and the page's own tasks to every first paint (the page side's first task ran 8–9 ms).
 */
let taskStart = timing.start;

/**
 * `scheduler.yield()` where the browser has it (Chromium 129 on): the page side goes on ahead of the
 * page's own queued tasks (its timers, its network callbacks), after input and rendering, which a
 * task posted at the back of the queue waited behind too. Elsewhere a task of its own.
 */
const schedulerYield = (() => {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  return typeof scheduler?.yield === 'function' ? () => (scheduler.yield as () => Promise<void>).call(scheduler) : null;
})();

/** Gives the thread back to input and rendering (and, without `scheduler.yield`, the page's tasks). */
export async function pageTask(): Promise<void> {
  await waiting(schedulerYield ? schedulerYield() : nextTask());
  taskStart = performance.now();
}

/**
 * Gives the thread back only once the page side's current task has run `TASK_BUDGET_MS` (counted
 * from the last pause: a task begun since is younger, never older): the first paint's steps (what
 * was handed checked, the text index built) run in as few tasks as keep each one short. Paused every
 * 8 ms of the index and every 50 items checked, the page side's own time before its first paint on
 * the seed was 17–19 ms; this way 10–11 (9 loads in each of four rounds), its wall time within the
 * pages' spread either way.
 */
export function pageTaskWhenDue(): Promise<void> {
  return performance.now() - taskStart < TASK_BUDGET_MS ? Promise.resolve() : pageTask();
}
