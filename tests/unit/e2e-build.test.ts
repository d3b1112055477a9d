/** The end-to-end suite builds first when the build is missing or older than the sources. */
import { mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { staleBuild } from '../support/e2e-build';

function tree(): string {
  const root = mkdtempSync(join(tmpdir(), 'marginalia-stale-'));
  for (const dir of ['lib/ui', 'components', 'entrypoints', 'public', '.output/chrome-mv3', '.output/firefox-mv2'])
    mkdirSync(join(root, dir), { recursive: true });
  writeFileSync(join(root, 'lib/ui/a.ts'), 'x');
  writeFileSync(join(root, 'wxt.config.ts'), 'x');
  return root;
}

const at = (root: string, path: string, seconds: number) => utimesSync(join(root, path), seconds, seconds);

describe('the build the end-to-end tests drive', () => {
  it('is built when missing, or older than any source, and left alone when current', () => {
    const root = tree();
    expect(staleBuild(root)).toBe('there is no build in .output/');
    writeFileSync(join(root, '.output/chrome-mv3/manifest.json'), '{}');
    writeFileSync(join(root, '.output/firefox-mv2/manifest.json'), '{}');
    for (const p of ['lib/ui/a.ts', 'wxt.config.ts']) at(root, p, 1_000);
    at(root, '.output/chrome-mv3/manifest.json', 2_000);
    at(root, '.output/firefox-mv2/manifest.json', 2_000);
    expect(staleBuild(root)).toBeNull();
    at(root, 'lib/ui/a.ts', 3_000);
    expect(staleBuild(root)).toBe('the build in .output/ is older than the sources');
  });
});
