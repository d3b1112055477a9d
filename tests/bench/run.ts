/**
 * `npm run bench`: measures in real Chromium (Debian's /usr/bin/chromium) and prints a table, and
 * writes test-results/bench.json. Each figure is the median of repeated runs.
 *
 * Anchoring: 200 random highlights (10–300 characters, seeded) described on a page, then the page's
 * text index built again and all 200 re-anchored, as on a reload; correctness counted (exact /
 * wrong / none). Painting: the same 200 painted and cleared, and the layout forced after.
 *
 * `BENCH_SMOKE=1` runs one repetition on the small seed page only (CI's smoke test).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { CHROMIUM } from '../support/chromium';
import { newsPages } from '../support/fixtures';
import { startServer } from '../support/server';
import type { InPageResult } from './in-page';

const smoke = process.env.BENCH_SMOKE === '1';
const PAGES = smoke
  ? ['seed/vinhphuc.html']
  : ['news/wikipedia-2/source.html', 'news/lazy-image-2/source.html', 'seed/vinhphuc.html'];
const RUNS = smoke ? 1 : 7;
const COUNT = 200;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
};

const bundle = await build({
  entryPoints: [join(process.cwd(), 'tests/bench/in-page.ts')],
  bundle: true,
  write: false,
  format: 'iife',
  minify: true,
  alias: { '@': process.cwd() },
});
const script = bundle.outputFiles[0]?.text ?? '';

const server = await startServer();
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
});
const rows: Record<string, unknown>[] = [];
for (const path of PAGES) {
  const runs: InPageResult[] = [];
  for (let i = 0; i < RUNS; i++) {
    const page = await browser.newPage();
    // Saved pages point at their original hosts: only our server answers, nothing leaves the machine.
    await page.route(/^(?!http:\/\/127\.0\.0\.1)/, (route) => route.abort());
    await page.goto(`${server.origin}/${path}`, { waitUntil: 'domcontentloaded' });
    await page.addScriptTag({ content: script });
    runs.push(
      await page.evaluate(
        ([n, seed]) =>
          (globalThis as never as { __marginaliaBench: (n: number, s: number) => InPageResult }).__marginaliaBench(
            n,
            seed,
          ),
        [COUNT, 42] as const,
      ),
    );
    await page.close();
  }
  const m = (k: keyof InPageResult) => Number(median(runs.map((r) => r[k])).toFixed(2));
  rows.push({
    page: path.split('/').slice(-2, -1)[0] === 'seed' ? 'seed' : path.split('/')[1],
    'index ms': m('indexMs'),
    'anchor 200 ms': m('anchorMs'),
    'paint 200 ms': m('paintMs'),
    'clear ms': m('clearMs'),
    'layout after ms': m('layoutMs'),
    exact: m('exact'),
    wrong: m('wrong'),
    none: m('none'),
  });
}

// Extraction: the page's thread only serialises its document (Readability runs in the sidebar on
// the copy). Measured with a long-task observer around the snapshot, on every corpus page.
const extraction: Record<string, unknown>[] = [];
const corpus = smoke
  ? ['seed/vinhphuc.html']
  : [...newsPages().map((n) => `news/${n}/source.html`), 'seed/vinhphuc.html'];
for (const path of corpus) {
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < (smoke ? 1 : 5); i++) {
    const page = await browser.newPage();
    await page.route(/^(?!http:\/\/127\.0\.0\.1)/, (route) => route.abort());
    await page.goto(`${server.origin}/${path}`, { waitUntil: 'domcontentloaded' });
    const r = await page.evaluate(() => {
      const t0 = performance.now();
      const html = document.documentElement.outerHTML;
      return { ms: performance.now() - t0, bytes: html.length };
    });
    times.push(r.ms);
    bytes = r.bytes;
    await page.close();
  }
  extraction.push({
    page: path.split('/').slice(-2, -1)[0],
    'html chars': bytes,
    'page thread ms (serialise)': Number(median(times).toFixed(2)),
  });
}
await browser.close();
await server.close();

console.log("\nExtraction cost on the page's main thread (median; parsing runs in the sidebar):");
console.table(extraction);

console.log(`\nMarginalia benchmark, Chromium ${CHROMIUM}, median of ${RUNS} run(s), ${COUNT} highlights\n`);
console.table(rows);
mkdirSync('test-results', { recursive: true });
writeFileSync(
  join('test-results', 'bench.json'),
  `${JSON.stringify({ date: new Date().toISOString(), runs: RUNS, rows }, null, 2)}\n`,
);
console.log('Written to test-results/bench.json');
