/**
 * Work written as a generator that yields where it may pause (the text index, the library's
 * data): run to its end at once, or in slices of the thread given back between them.
 */

/** Runs the steps to their end without pausing. */
export function runSteps<T>(steps: Generator<void, T, void>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * Runs the steps in slices of about `sliceMs`: `make` is handed the question its steps ask to know
 * whether to yield, and `pause` gives the thread back between slices. Null when `stop()` says so
 * after a pause.
 */
export async function runStepsSliced<T>(
  make: (yieldNow: () => boolean) => Generator<void, T, void>,
  sliceMs: number,
  pause: () => Promise<void>,
  stop: () => boolean,
): Promise<T | null> {
  let until = performance.now() + sliceMs;
  const steps = make(() => performance.now() > until);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    await pause();
    if (stop()) return null;
    until = performance.now() + sliceMs;
  }
}
