/**
 * Script sizes of the built Chrome extension, minified and gzipped, by entrypoint: what a page gets
 * (content script, injected only on demand), the background, and each extension page with every
 * chunk its HTML loads at start (lazily imported chunks listed apart).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface BundleRow {
  entry: string;
  files: string;
  minKB: number;
  gzKB: number;
}

const kb = (n: number) => Number((n / 1024).toFixed(1));

function sizes(dir: string, files: string[]) {
  let min = 0;
  let gz = 0;
  for (const f of files) {
    const bytes = readFileSync(join(dir, f));
    min += bytes.length;
    gz += gzipSync(bytes, { level: 9 }).length;
  }
  return { minKB: kb(min), gzKB: kb(gz) };
}

export function bundleSizes(dir = join(process.cwd(), '.output/chrome-mv3')): BundleRow[] {
  if (!existsSync(dir)) throw new Error(`No build in ${dir}: run npm run build first`);
  const rows: BundleRow[] = [];
  const add = (entry: string, files: string[]) =>
    rows.push({ entry, files: files.map((f) => f.replace(/^chunks\//, '')).join(' + '), ...sizes(dir, files) });
  add('page side (injected script)', ['page-side.js']);
  add('background', ['background.js']);
  const started = new Set<string>();
  for (const page of ['sidepanel', 'library']) {
    const html = readFileSync(join(dir, `${page}.html`), 'utf8');
    const files = [...html.matchAll(/(?:src|href)="\/(chunks\/[^"]+\.js)"/g)].map((m) => m[1] as string);
    for (const f of files) started.add(f);
    add(`${page} page (at start)`, files);
  }
  const lazy = readdirSync(join(dir, 'chunks'))
    .map((f) => `chunks/${f}`)
    .filter((f) => !started.has(f));
  for (const f of lazy) add('loaded when used', [f]);
  return rows;
}
