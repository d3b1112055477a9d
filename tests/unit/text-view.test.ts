/**
 * The text view's fast paths against its one reference loop: building the view copies the common
 * characters in one scan and mapping an offset back adds a shift, and both must say exactly what
 * the character-by-character rules say, on any text. Then the DOM side: blocks, hidden subtrees,
 * and every character of a hostile page mapped to the DOM and back.
 */
// @vitest-environment jsdom
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BLOCK, MAYBE_ODD, ODD, SKIP } from '@/lib/anchoring/characters';
import { locate, nodeMap } from '@/lib/anchoring/node-map';
import { type FoldState, foldNode, ViewWriter } from '@/lib/anchoring/node-text';
import { buildTextIndex } from '@/lib/anchoring/text-index';
import { offsetOf, rangeOf } from '@/lib/anchoring/text-ranges';
import { html, pageTree } from '../support/random-pages';

/** Pieces that exercise every rule: ASCII, each kind of space, marks, NFC changes, invisibles. */
const PIECES = [
  'a',
  'Z',
  '.',
  ' ',
  '  ',
  '\n',
  '\t',
  '\r\n',
  '\u00a0',
  '\u2003',
  '\u00ad',
  '\u200b',
  '\ufeff',
  '\u0301',
  '\u0323',
  'e\u0323\u0302',
  'ệ',
  'Đ',
  '\u212b',
  '😀',
  '\ud83d',
  '漢字',
  'عربي',
  '\u0001',
  '\u007f',
];
const nodeData = fc.array(fc.constantFrom(...PIECES), { maxLength: 12 }).map((xs) => xs.join(''));

/** The reference: every node through `foldNode`, one code unit at a time. */
function referenceView(datas: string[]): { text: string; starts: number[] } {
  const state: FoldState = { pending: false, empty: true };
  const units: number[] = [];
  const starts: number[] = [];
  for (const data of datas) {
    let own = -1;
    foldNode(data, state, (unit, start) => {
      if (start >= 0 && own < 0) own = units.length;
      units.push(unit);
    });
    starts.push(own < 0 ? units.length : own);
  }
  // The view is decoded as UTF-16, so a lone surrogate reads as U+FFFD, one unit for one.
  return { text: new TextDecoder('utf-16le').decode(Uint16Array.from(units)), starts };
}

function referenceMap(data: string): [number, number][] {
  const out: [number, number][] = [];
  foldNode(data, { pending: false, empty: true }, (_unit, s, e) => {
    out.push([s, e]);
  });
  return out;
}

describe('text view fast paths', () => {
  it('writes exactly what the reference loop writes, node after node (3,000 random pages)', () => {
    fc.assert(
      fc.property(fc.array(nodeData, { maxLength: 8 }), (datas) => {
        const view = new ViewWriter();
        const starts = datas.map((d) => view.append(d));
        const ref = referenceView(datas);
        expect(view.text()).toBe(ref.text);
        expect(starts).toEqual(ref.starts);
      }),
      { numRuns: 3000 },
    );
  });

  it('locates each character at the same raw offsets as the reference map (3,000 random nodes)', () => {
    fc.assert(
      fc.property(nodeData, (data) => {
        const ref = referenceMap(data);
        const map = nodeMap(data);
        expect([...map.start]).toEqual(ref.map(([s]) => s));
        expect([...map.end]).toEqual(ref.map(([, e]) => e));
        ref.forEach(([s, e], j) => {
          expect(locate(data, j)).toEqual(s < 0 ? null : [s, e]);
        });
        expect(locate(data, ref.length)).toBeNull();
        // A node the writer calls a plain copy maps by adding its shift.
        const view = new ViewWriter();
        view.append(data);
        if (view.shift >= 0) {
          ref.forEach(([s], j) => {
            if (s >= 0) expect(s).toBe(view.shift + j);
          });
        }
      }),
      { numRuns: 3000 },
    );
  });
});

function view(html: string): string {
  document.body.innerHTML = html;
  return buildTextIndex(document.body).text;
}

describe('the first look at a node (MAYBE_ODD)', () => {
  it('lets through only text with nothing ODD looks for, already NFC: every code unit below U+0300, alone and in pairs', () => {
    const below: string[] = [];
    for (let u = 0; u < 0x300; u++) {
      const c = String.fromCharCode(u);
      if (!MAYBE_ODD.test(c)) below.push(c);
    }
    expect(below.length).toBeGreaterThan(0x300 - 32);
    let wrong = 0;
    for (const a of below) {
      if (ODD.test(a) || a.normalize('NFC') !== a) wrong++;
      for (const b of below) {
        const pair = a + b;
        if (pair.normalize('NFC') !== pair) wrong++;
      }
    }
    expect(wrong).toBe(0);
    // What it sends on is looked at as before: marks, NFC changes, invisibles, astral characters.
    for (const c of ['\u0301', '\u212b', '\u200b', '😀', 'ệ', '漢', '\u00ad', '\u0001'])
      expect(MAYBE_ODD.test(c)).toBe(true);
  });
});

/** A random page of text of letters and spaces (tests/support/random-pages.ts). */
const tree = pageTree(['a', 'bc', ' d ', 'e ', ' f', '  ']);

/** The reference: the page read recursively, a space at each visible block's edges, then folded. */
function referenceText(root: Node): string {
  const out: string[] = [];
  const read = (node: Node) => {
    if (node.nodeType === 3) {
      out.push((node as Text).data);
      return;
    }
    if (node.nodeType !== 1) return;
    const el = node as Element;
    if (SKIP.has(el.localName) || el.hasAttribute('hidden')) return;
    const block = BLOCK.has(el.localName);
    if (block) out.push(' ');
    for (const kid of el.childNodes) read(kid);
    if (block) out.push(' ');
  };
  for (const kid of root.childNodes) read(kid);
  return out.join('').replace(/\s+/g, ' ').trim();
}

describe('text view of the DOM', () => {
  it('puts a space exactly at the edges of visible blocks, as a recursive reading does (2,000 random pages)', () => {
    fc.assert(
      fc.property(fc.array(tree, { maxLength: 5 }), (trees) => {
        document.body.innerHTML = trees.map(html).join('');
        expect(buildTextIndex(document.body).text).toBe(referenceText(document.body));
      }),
      { numRuns: 2000 },
    );
  });

  it('breaks at the start and end of blocks, not at inline elements', () => {
    expect(view('<div><p>one</p>two</div>')).toBe('one two');
    expect(view('<p>one<br>two</p>')).toBe('one two');
    expect(view('<p>one<span>two</span><b>three</b></p><p>four</p>')).toBe('onetwothree four');
    expect(view('<p>a<em>b<span>c</span></em></p>d')).toBe('abc d');
    expect(view('<p>a<div></div>b</p>')).toBe('a b');
    expect(view('<ul><li>x</li><li>y</li></ul>z')).toBe('x y z');
    // A block's end is seen at the first node after it the walk visits: not a comment.
    expect(view('<div><p>one</p><!-- note -->two</div>')).toBe('one two');
    expect(view('<p>one<!-- a --><!-- b --></p><!-- c -->two')).toBe('one two');
  });

  it('leaves out what a reader never sees, with everything inside it', () => {
    expect(view('a<div hidden>x<p>y</p></div>b')).toBe('ab');
    expect(view('a<span style="color: red; DISPLAY : none">x<b>y</b></span>b')).toBe('ab');
    expect(view('a<span style="border: none">x</span>b')).toBe('axb');
    expect(view('a<script>var x = 1;</script><style>p{}</style><select><option>o</option></select>b')).toBe('ab');
    expect(view('<p>a</p><div hidden><p>x</p></div>b')).toBe('a b');
  });

  it('maps every character of a hostile page to the DOM and back', () => {
    document.body.innerHTML =
      '<p>  Vie\u0323\u0302t   Nam\u00a0<b>ha\u0300\n\tnội</b></p>\u00ad<div>漢字 😀 <i>عربي</i>\u200b end </div>';
    const index = buildTextIndex(document.body);
    expect(index.text).toBe('Việt Nam hà nội 漢字 😀 عربي end');
    for (let k = 0; k < index.text.length; k++) {
      const unit = index.text.charCodeAt(k);
      // Spaces are folded (no DOM characters of their own); a surrogate pair is one character.
      if (unit === 0x20 || (unit >= 0xdc00 && unit <= 0xdfff)) continue;
      const end = unit >= 0xd800 && unit <= 0xdbff ? k + 2 : k + 1;
      const range = rangeOf(index, k, end);
      expect(range.toString().normalize('NFC')).toBe(index.text.slice(k, end));
      expect(offsetOf(index, range.startContainer, range.startOffset, 'start')).toBe(k);
      expect(offsetOf(index, range.endContainer, range.endOffset, 'end')).toBe(end);
    }
  });
});
