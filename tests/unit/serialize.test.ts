/**
 * The page's markup for extraction, made in pieces across tasks, must be the very string the
 * browser makes at once (`outerHTML`): on every page of the news corpus and on a page of the cases the serialisation treats apart
 * (escaped text, comments, raw-text elements, SVG, templates), split as finely as it goes; and a
 * page that changes between two slices is written again, never stitched from two versions.
 */
// @vitest-environment jsdom
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chunkPieces, serializeSliced } from '@/lib/page/serialize';
import { Snapshots } from '@/lib/page/snapshots';

const NEWS = join(__dirname, '../fixtures/news');

function load(html: string): Document {
  return new DOMParser().parseFromString(html, 'text/html');
}

const newsPages = () =>
  readdirSync(NEWS, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name);

const never = () => false;
const pause = () => Promise.resolve();

const EDGES = `<!doctype html><html lang="vi"><head><title>A &amp; B</title>
<style>p > a { color: red }</style><script>if (1 < 2 && 3 > 2) {}</script>
<script type="application/ld+json">{"datePublished": "2026-11-30", "name": "A < B"}</script></head>
<body class="x" data-q='"quoted" &amp; <b>'>
<!-- a comment --><p>Tôi &amp; bạn &lt;b&gt; không\u00a0phải &gt; 3</p>
<div><p>one<script src="a.js">var x = "<p>";</script></p><p>two <em>three</em></p>text &amp; between\u00a0a &lt;b&gt;<!--c2--><br><img alt="a<b"></div>
<svg viewBox="0 0 10 10"><style>a &gt; b {}</style><script>1 &lt; 2</script><foreignObject><p>in svg</p></foreignObject><path d="M0 0L10 10"/></svg>
<template><p>inside a template</p></template><textarea>
 raw &amp; text</textarea><pre>
 pre</pre><noscript><p>no script</p></noscript></body></html>`;

describe('the page markup, made in slices', () => {
  it('is exactly outerHTML on a page of edge cases, split at every element', async () => {
    const doc = load(EDGES);
    const html = (await serializeSliced(doc, never, pause, { sliceMs: 0, splitOver: 0 })).join('');
    expect(html).toBe(doc.documentElement.outerHTML);
  });

  it('is exactly outerHTML on every page of the news corpus, split and sliced', async () => {
    const pages = newsPages();
    expect(pages.length).toBeGreaterThan(20);
    for (const name of pages) {
      const doc = load(readFileSync(join(NEWS, name, 'source.html'), 'utf8'));
      const expected = doc.documentElement.outerHTML;
      expect((await serializeSliced(doc, never, pause, { sliceMs: 0, splitOver: 50 })).join(''), name).toBe(expected);
    }
  }, 120_000);

  it('is made again when the page changes between two slices, and holds only the page as it is', async () => {
    const doc = load(EDGES);
    let pauses = 0;
    let mutated = false;
    const pieces = await serializeSliced(
      doc,
      () => {
        const changed = mutated;
        mutated = false;
        return changed;
      },
      async () => {
        pauses++;
        // Between the third and fourth slice the page adds a paragraph and drops a block.
        if (pauses === 3) {
          doc.body.append(Object.assign(doc.createElement('p'), { textContent: 'late' }));
          doc.body.querySelector('div')?.remove();
          mutated = true;
        }
      },
      { sliceMs: 0, splitOver: 0 },
    );
    const html = pieces.join('');
    expect(pauses).toBeGreaterThan(3);
    expect(html).toBe(doc.documentElement.outerHTML);
    expect(html).toContain('<p>late</p>');
    expect(html).not.toContain('text &amp; between');
  });

  it('makes a page that keeps changing in one task after two tries', async () => {
    const doc = load(EDGES);
    let pauses = 0;
    const pieces = await serializeSliced(
      doc,
      () => true,
      async () => {
        pauses++;
        doc.body.append(doc.createElement('hr'));
      },
      { sliceMs: 0, splitOver: 0 },
    );
    const html = pieces.join('');
    expect(pauses).toBe(2);
    expect(html).toBe(doc.documentElement.outerHTML);
  });
});

describe('the snapshot, fetched a chunk per message', () => {
  it('cuts the pieces into chunks of at most the size asked, never inside a character, which joined are the markup', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: 'grapheme', maxLength: 40 }), { maxLength: 12 }),
        fc.integer({ min: 2, max: 16 }),
        (pieces, size) => {
          const chunks = chunkPieces(pieces, size).map((c) => c.join(''));
          expect(chunks.join('')).toBe(pieces.join(''));
          for (const chunk of chunks) {
            expect(chunk.length).toBeLessThanOrEqual(size);
            expect(chunk.isWellFormed()).toBe(true);
          }
          // Full but for a character that would not fit whole.
          for (const chunk of chunks.slice(0, -1)) expect(chunk.length).toBeGreaterThanOrEqual(size - 1);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('hands each chunk in turn and forgets the snapshot after its last one', async () => {
    const doc = load(EDGES);
    const snapshots = new Snapshots(100);
    const made = snapshots.keep(await serializeSliced(doc, never, pause));
    const whole = doc.documentElement.outerHTML;
    expect(made.chunks).toBe(Math.ceil(whole.length / 100));
    const texts = Array.from({ length: made.chunks }, (_, i) => snapshots.chunk(made.id, i));
    expect(texts.join('')).toBe(whole);
    expect(() => snapshots.chunk(made.id, 0)).toThrow(/No chunk/);
    expect(() => snapshots.chunk('snapshot-none', 0)).toThrow(/No chunk/);
  });
});
