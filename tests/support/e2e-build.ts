/**
 * Global set-up of the end-to-end suite: the tests drive the build in `.output/`, so a build older
 * than the sources would test yesterday's code. When it is missing or older, it is built first
 * (`npm run build`), and the suite says so.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const SOURCES = ['lib', 'components', 'entrypoints', 'public', 'wxt.config.ts', 'package.json'];
const BUILDS = ['.output/chrome-mv3/manifest.json', '.output/firefox-mv2/manifest.json'];

/** The newest modification time under `path` (a file or a folder), 0 when it does not exist. */
export function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const name of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, name)));
  return newest;
}

/** Why the build must be made again before the suite runs, or null when it is current. */
export function staleBuild(root = process.cwd()): string | null {
  const built = BUILDS.map((b) => (existsSync(join(root, b)) ? statSync(join(root, b)).mtimeMs : 0));
  if (built.some((t) => t === 0)) return 'there is no build in .output/';
  const sources = Math.max(...SOURCES.map((s) => newestMtime(join(root, s))));
  return sources > Math.min(...built) ? 'the build in .output/ is older than the sources' : null;
}

export default function setup(): void {
  const why = staleBuild();
  if (!why) return;
  console.log(`End-to-end tests: ${why}; building first (npm run build).`);
  const result = spawnSync('npm', ['run', 'build'], { stdio: 'inherit' });
  if (result.status !== 0) throw new Error('npm run build failed: the end-to-end tests need the build.');
}
