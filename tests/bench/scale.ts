/**
 * `npm run bench:scale`: only the scale part of the benchmark (tests/bench/scale-run.ts), with
 * SCALE_HIGHLIGHTS highlights (100,000 by default). Needs `npm run build` first. Prints a table and
 * writes test-results/bench-scale.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runScale } from './scale-run';

const results = await runScale(Number(process.env.SCALE_HIGHLIGHTS ?? 100_000));
console.table(results);
mkdirSync(join(process.cwd(), 'test-results'), { recursive: true });
writeFileSync(join(process.cwd(), 'test-results/bench-scale.json'), `${JSON.stringify(results, null, 2)}\n`);
