/**
 * Passage links checked by the reference: text-fragments-polyfill (the WICG scroll-to-text-fragment
 * algorithm, from npm) follows the link the Markdown export writes for 40 random word-aligned
 * highlights anywhere on every corpus page and the seed (menus, ads and footers included), in real
 * Chromium, and must find exactly its own passage first.
 *
 * The goal is every link. Measured (2026-12-01): 987 of 1160 (85%), every one on the seed page;
 * 490 before links took their context from the passage's own block, 597 with block context only.
 * What still fails: a passage across blocks whose first block part is a short, repeated word (an
 * ad's "ad" after "report this"), MathML text (mathjax), and a few CJK word edges. This test holds
 * the line there (all on the seed, at least 85% overall) and prints each page's figure.
 */
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { withBrowser } from '../support/e2e';
import { newsPages } from '../support/fixtures';
import type { LinkResult } from './in-page/passage-links';

const PAGES = [...newsPages().map((n) => `news/${n}/source.html`), 'seed/vinhphuc.html'];

describe('passage links in chromium', () => {
  const env = withBrowser('chromium');
  let script = '';
  beforeAll(async () => {
    const out = await build({
      entryPoints: ['tests/e2e/in-page/passage-links.ts'],
      bundle: true,
      write: false,
      format: 'iife',
      alias: { '@': process.cwd() },
    });
    script = out.outputFiles[0]?.text ?? '';
  });

  const totals = { made: 0, found: 0 };

  it.each(PAGES)('%s: links find their own passage', async (path) => {
    const url = `${env.server.origin}/${path}`;
    const page = await env.harness.openPage(url);
    await page.evaluate(script);
    // NO_BLOCK=1: links as before they took their context from the passage's block (for comparison).
    if (process.env.NO_BLOCK) await page.evaluate('globalThis.__noBlock = true');
    const result = await page.evaluate<LinkResult>(`__passageLinks(${JSON.stringify(url)}, 40, 7)`);
    await page.close();
    const one = result.failures.filter((f) => f.blocks === 1).length;
    console.log(
      `${path}: ${result.found}/${result.made} found; failures within one block ${one}, across blocks ${result.failures.length - one}`,
    );
    expect(result.made).toBeGreaterThan(0);
    totals.made += result.made;
    totals.found += result.found;
    if (path.startsWith('seed/')) {
      expect(result.failures, JSON.stringify(result.failures.slice(0, 3), null, 1)).toEqual([]);
    }
  });

  it('at least 85% of all links find their own passage', () => {
    console.log(`passage links: ${totals.found} of ${totals.made} find their own passage`);
    expect(totals.made).toBe(PAGES.length * 40);
    expect(totals.found / totals.made).toBeGreaterThanOrEqual(0.85);
  });
});
