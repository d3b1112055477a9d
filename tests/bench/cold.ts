/**
 * `npm run bench:cold`: only the cold-page part of the benchmark (tests/bench/cold-page.ts): a
 * freshly loaded tab of wikipedia-2, yahoo-2 and the seed with 200 stored highlights, 5 loads each
 * (COLD_PAGES=comma,separated,paths and COLD_RUNS=N to change), and the seed with a photo that takes
 * 2 s (COLD_SLOW=0 to leave it out). Needs `npm run build` first. Prints
 * a table and writes test-results/bench-cold.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer } from '../support/server';
import { measureColdPages, slowPhotoPage } from './cold-page';
import { measureColdValidation } from './validation-cold';

const pages = (
  process.env.COLD_PAGES ?? 'news/wikipedia-2/source.html,news/yahoo-2/source.html,seed/vinhphuc.html'
).split(',');
const server = await startServer();
try {
  const rows = await measureColdPages(
    [
      ...pages.map((p) => ({
        name: p.startsWith('seed/') ? 'seed' : (p.split('/')[1] ?? p),
        url: `${server.origin}/${p}`,
      })),
      ...(process.env.COLD_SLOW === '0' ? [] : [slowPhotoPage(server)]),
    ],
    Number(process.env.COLD_RUNS ?? 5),
  );
  console.table(rows);
  const validation = await measureColdValidation(Number(process.env.COLD_RUNS ?? 5));
  console.table(validation);
  mkdirSync(join(process.cwd(), 'test-results'), { recursive: true });
  writeFileSync(
    join(process.cwd(), 'test-results/bench-cold.json'),
    `${JSON.stringify({ rows, validation }, null, 2)}\n`,
  );
} finally {
  await server.close();
}
