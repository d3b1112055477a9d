/**
 * Anchor hints (lib/anchoring/hint.ts): a highlight found through its hint lands exactly where the
 * whole page's text view puts it, and on a changed page a hint is either not used or finds the
 * quote standing as stored with its context intact, the evidence anchoring's first tier takes.
 */
// @vitest-environment jsdom
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { quoteStandsAt } from '@/lib/anchoring/anchor';
import { describeSpan } from '@/lib/anchoring/describe';
import { HintFinder } from '@/lib/anchoring/hint';
import { PathResolver, textPath } from '@/lib/anchoring/node-path';
import { buildTextIndex } from '@/lib/anchoring/text-index';
import { offsetOf, rangeOf } from '@/lib/anchoring/text-ranges';
import { worthLooking } from '@/lib/paint-item';
import type { TextQuoteSelector } from '@/lib/schema';
import { html, pageTree } from '../support/random-pages';
import { randomSpans } from '../support/spans';

function loadPage(file: string): void {
  const html = readFileSync(join(process.cwd(), 'tests/fixtures', file), 'utf8');
  document.documentElement.innerHTML = new DOMParser().parseFromString(html, 'text/html').documentElement.innerHTML;
}

/** A range's boundaries, comparable. */
const ends = (r: Range) => [r.startContainer, r.startOffset, r.endContainer, r.endOffset];

/** The quotes of `count` random passages of the page, each with where the whole view puts it. */
function passages(count: number, seed: number) {
  const index = buildTextIndex(document.body);
  return randomSpans(index, count, seed).map(([s, e]) => {
    const [quote] = describeSpan(index, s, e) as [TextQuoteSelector, unknown];
    return { quote, start: s, range: rangeOf(index, s, e) };
  });
}

/** Whether a range the hint found is where the page's whole view has the quote standing as stored. */
function standsAsStored(range: Range, quote: TextQuoteSelector): boolean {
  const index = buildTextIndex(document.body);
  return quoteStandsAt(index.text, quote, offsetOf(index, range.startContainer, range.startOffset, 'start'));
}

describe('anchor hints', () => {
  it('find each passage of the Vietnamese seed where the whole text view does', () => {
    loadPage('seed/vinhphuc.html');
    const found = passages(150, 7);
    const index = buildTextIndex(document.body);
    const hints = found.map((p) => new HintFinder(document.body).hintFor(index, p.quote, p.start));
    // Every passage gets a hint on the page it was made on (none is left to the whole text).
    expect(hints.filter(Boolean).length).toBe(found.length);
    const finder = new HintFinder(document.body);
    for (const [i, p] of found.entries()) {
      const hint = hints[i];
      if (!hint) continue;
      expect(ends(finder.range(p.quote, hint) as Range)).toEqual(ends(p.range));
    }
    // All at once, in article order as a page gets them: overlapping stretches looked at together.
    const inOrder = found.map((p, i) => ({ ...p, hint: hints[i] })).sort((a, b) => a.start - b.start);
    const all = new HintFinder(document.body).ranges(
      inOrder.flatMap((p) => (p.hint ? [{ quote: p.quote, hint: p.hint }] : [])),
    );
    expect(all.map((r) => r && ends(r))).toEqual(inOrder.map((p) => ends(p.range)));
  });

  it('on the edited seed, are used only where the quote and its context stand as stored', () => {
    loadPage('seed/vinhphuc.html');
    const found = passages(150, 8);
    const index = buildTextIndex(document.body);
    const made = new HintFinder(document.body);
    const hinted = found.map((p) => ({ ...p, hint: made.hintFor(index, p.quote, p.start) }));
    loadPage('seed/vinhphuc-mutated.html');
    const inOrder = hinted
      .sort((a, b) => a.start - b.start)
      .flatMap((p) => (p.hint ? [{ quote: p.quote, hint: p.hint }] : []));
    const ranges = new HintFinder(document.body).ranges(inOrder);
    let used = 0;
    let refused = 0;
    for (const [i, p] of inOrder.entries()) {
      const range = ranges[i];
      // One by one, each finds the same.
      const alone = new HintFinder(document.body).range(p.quote, p.hint);
      expect(alone && ends(alone)).toEqual(range && ends(range));
      if (range) {
        used++;
        expect(standsAsStored(range, p.quote)).toBe(true);
      } else refused++;
    }
    // The edits leave most passages in place, and change some.
    expect(used).toBeGreaterThan(0);
    expect(refused).toBeGreaterThan(0);
  });

  it('refuse a changed word in the context, a hidden paragraph and a path that leads nowhere', () => {
    document.body.innerHTML =
      '<main><p>Alpha beta gamma delta epsilon zeta.</p><p>The quoted words stand here, between others.</p><p>Omega.</p></main>';
    const index = buildTextIndex(document.body);
    const start = index.text.indexOf('quoted words');
    const [quote] = describeSpan(index, start, start + 'quoted words'.length) as [TextQuoteSelector, unknown];
    const hint = new HintFinder(document.body).hintFor(index, quote, start);
    expect(hint).toEqual({
      from: 'main[1]/p[1]/text()[1]',
      offset: start,
      nodes: 3,
      of: 3,
    });
    if (!hint) return;
    const range = new HintFinder(document.body).range(quote, hint);
    expect(range?.toString()).toBe('quoted words');

    const p2 = document.querySelectorAll('p')[1] as HTMLElement;
    (p2.firstChild as Text).data = 'The quoted words stand there, between others.';
    expect(new HintFinder(document.body).range(quote, hint)).toBeNull();
    (p2.firstChild as Text).data = 'The quoted words stand here, between others.';
    expect(new HintFinder(document.body).range(quote, hint)).not.toBeNull();

    p2.hidden = true;
    expect(new HintFinder(document.body).range(quote, hint)).toBeNull();
    p2.hidden = false;

    expect(new HintFinder(document.body).range(quote, { ...hint, from: 'main[1]/p[9]/text()[1]' })).toBeNull();
    expect(new HintFinder(document.body).range(quote, { ...hint, from: 'main[1]/p[0]/text()[1]' })).toBeNull();
    expect(new HintFinder(document.body).range(quote, { ...hint, from: 'nonsense' })).toBeNull();
    // A stretch that ends before the context after the quote does, or holds nothing.
    expect(new HintFinder(document.body).range(quote, { ...hint, nodes: 2 })).toBeNull();
    expect(new HintFinder(document.body).range(quote, { ...hint, nodes: 0 })).toBeNull();
    // A node added inside the stretch: it runs the same count of nodes and ends before its context.
    document.querySelector('p')?.insertAdjacentHTML('afterend', '<p>New.</p>');
    expect(new HintFinder(document.body).range(quote, hint)).toBeNull();
  });

  it('start at the nearest element with an id of its own, one that does not look made anew on each load', () => {
    document.body.innerHTML =
      '<div id="content"><section id="s-123456"><p>one</p><p>two</p></section></div><div id="twin"><p>x</p></div><div id="twin"><p>y</p></div>';
    const text = (p: number) => document.querySelectorAll('p')[p]?.firstChild as Text;
    expect(textPath(document.body, text(1))).toBe("id('content')/section[1]/p[2]/text()[1]");
    // An id two elements share is no start: the second twin's path runs from the body.
    expect(textPath(document.body, text(3))).toBe('div[3]/p[1]/text()[1]');
    const paths = new PathResolver(document.body);
    expect(paths.resolve("id('content')/section[1]/p[2]/text()[1]")).toBe(text(1));
    expect(paths.resolve("id('nowhere')/p[1]/text()[1]")).toBeNull();
    expect(paths.resolve("p[1]/id('content')")).toBeNull();
    // An element with the id outside the root is not found through it.
    document.head.insertAdjacentHTML('beforeend', '<template id="outside"></template>');
    expect(new PathResolver(document.body).resolve("id('outside')")).toBeNull();
  });

  it('are looked at only when their stretches held well under the page’s text when made', () => {
    const hint = (nodes: number, of: number) => ({
      from: 'p[1]/text()[1]',
      offset: 0,
      nodes,
      of,
    });
    expect(worthLooking([hint(10, 100), hint(30, 100)])).toBe(true);
    // 200 highlights over a short page: their stretches overlap and hold most of its text, counted each time.
    expect(worthLooking(Array.from({ length: 200 }, () => hint(3, 186)))).toBe(false);
    expect(worthLooking([hint(51, 100)])).toBe(false);
    expect(worthLooking([])).toBe(false);
  });

  it('count each kind apart, as XPath does: an element of another kind inserted before keeps the path', () => {
    document.body.innerHTML = '<div><p>one</p>x<p>two <b>bold</b> tail</p></div>';
    const tail = document.querySelector('b')?.nextSibling as Text;
    expect(textPath(document.body, tail)).toBe('div[1]/p[2]/text()[2]');
    document.querySelector('div')?.prepend(document.createElement('aside'));
    expect(new PathResolver(document.body).resolve('div[1]/p[2]/text()[2]')).toBe(tail);
  });

  it('lead back to their nodes on random pages, one resolver asked in any order (300 pages)', () => {
    const tree = pageTree(['alpha ', 'beta', ' ', 'gamma delta'], ['div', 'p', 'span', 'b', 'br', 'comment']);
    fc.assert(
      fc.property(fc.array(tree, { minLength: 1, maxLength: 6 }), fc.integer(), (trees, seed) => {
        document.body.innerHTML = trees.map(html).join('');
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        const nodes: Text[] = [];
        for (let n = walker.nextNode(); n; n = walker.nextNode()) nodes.push(n as Text);
        // In document order, backwards, and shuffled: where one path stopped never misleads the next.
        const shuffled = [...nodes].sort(
          (a, b) => ((nodes.indexOf(a) * 7919 + seed) % 101) - ((nodes.indexOf(b) * 7919 + seed) % 101),
        );
        for (const order of [nodes, [...nodes].reverse(), shuffled]) {
          const paths = new PathResolver(document.body);
          for (const node of order) expect(paths.resolve(textPath(document.body, node) as string)).toBe(node);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('on random pages and random edits, land where the whole view does or are not used (500 pages)', () => {
    const tree = pageTree(['alpha ', 'beta gamma', ' delta ', 'eps', 'zeta eta theta iota ', '  ']);
    fc.assert(
      fc.property(
        fc.array(tree, { minLength: 2, maxLength: 6 }),
        fc.integer({ min: 1, max: 1e6 }),
        fc.constantFrom('text', 'insert', 'remove', 'hide'),
        fc.nat(),
        (trees, seed, edit, at) => {
          document.body.innerHTML = trees.map(html).join('');
          const index = buildTextIndex(document.body);
          if (index.text.length < 12) return;
          const found = passages(5, seed);
          const hinted = found.map((p) => ({
            ...p,
            hint: new HintFinder(document.body).hintFor(index, p.quote, p.start),
          }));
          for (const p of hinted) {
            expect(p.hint).not.toBeNull();
            if (p.hint)
              expect(ends(new HintFinder(document.body).range(p.quote, p.hint) as Range)).toEqual(ends(p.range));
          }
          // One edit somewhere on the page.
          const all = [...document.body.querySelectorAll('*')];
          const texts = index.nodes;
          const el = all[at % Math.max(1, all.length)];
          const node = texts[at % texts.length] as Text;
          if (edit === 'text') node.data = `${node.data.slice(0, 2)}Q${node.data.slice(3)}`;
          else if (edit === 'insert' && el)
            el.before(Object.assign(document.createElement('p'), { textContent: 'eps' }));
          else if (edit === 'remove') node.remove();
          else if (edit === 'hide' && el) el.setAttribute('hidden', '');
          const finder = new HintFinder(document.body);
          for (const p of hinted) {
            if (!p.hint) continue;
            const range = finder.range(p.quote, p.hint);
            if (range) expect(standsAsStored(range, p.quote)).toBe(true);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
