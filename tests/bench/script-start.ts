/** Imported first by a script the benchmark puts in a page: when that script's first line ran. */
export const scriptStart = performance.now();
