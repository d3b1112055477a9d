/**
 * How the page side gives the page's thread back between slices of its work: a task of its own
 * (lib/next-task.ts), its own time counted until its first paint (lib/page/timing.ts). Page side.
 */
import { nextTask } from '../next-task';
import { waiting } from './timing';

export function pageTask(): Promise<void> {
  return waiting(nextTask());
}
