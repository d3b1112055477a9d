/**
 * Work written as a generator that yields where it may pause (the text index, the library's
 * data), run to its end without pausing.
 */
export function runSteps<T>(steps: Generator<void, T, void>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}
