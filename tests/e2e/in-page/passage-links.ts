/**
 * Runs inside a real page (bundled by tests/e2e/passage-links.e2e.ts): makes random highlights as
 * the page side does (selectors, the paragraph kept as `block`, the `text=` directive made on the
 * page), writes each one's passage link as the Markdown export does, and follows it with
 * text-fragments-polyfill (the WICG algorithm's reference implementation).
 *
 * Everything judged here is judged by the polyfill's own reading of the page (its visibility rule,
 * its blocks, its normalization), not by ours: a link finds its passage when the range the polyfill
 * finds first and the passage differ by no text the polyfill sees. Where a link does not, the
 * polyfill is asked whether any link could: the most specific directive there is (the whole first
 * and last block parts as terms, everything before and after in their blocks as context) — if even
 * that finds another place first, no link can find this passage, and the link must then land
 * inside the passage (on a part that can be told apart) or carry no directive at all.
 */
import {
  forTesting,
  getFragmentDirectives,
  parseFragmentDirectives,
  processTextFragmentDirective,
} from 'text-fragments-polyfill/text-fragment-utils';
import { describeSpan } from '@/lib/anchoring/describe';
import { buildTextIndex } from '@/lib/anchoring/text-index';
import { rangeOf } from '@/lib/anchoring/text-ranges';
import { passageLink } from '@/lib/export/text-fragment';
import { blockText } from '@/lib/page/block-text';
import { passageDirective } from '@/lib/page/fragment-directive';
import { readFragmentView } from '@/lib/page/fragment-view';
import { seededRandom } from '../../support/random';

type Verdict = 'found' | 'part' | 'page' | 'wrong' | 'none';

export interface LinkResult {
  made: number;
  /** How many links found their own passage first. */
  found: number;
  /** Passages no link can find (proved with the polyfill), linked to a part of them instead. */
  impossiblePart: number;
  /** … linked to the page alone (no part of them can be found either). */
  impossiblePage: number;
  /** Milliseconds to make each directive on the page. */
  times: number[];
  failures: {
    link: string;
    exact: string;
    got: string | null;
    verdict: Verdict;
    provedImpossible: boolean;
    view?: string;
  }[];
}

const { getAllTextNodes, normalizeString, makeNewSegmenter } = forTesting as {
  getAllTextNodes: (root: Node, range: Range) => Text[][];
  normalizeString: (s: string) => string;
  makeNewSegmenter: () => Intl.Segmenter | undefined;
};

/** The text the polyfill sees inside a range, its blocks joined by "\n", normalized as it compares. */
function seen(range: Range): string[] {
  if (range.collapsed) return [];
  // From the body, as its search does: its walk checks the visibility of what is below its root only.
  return getAllTextNodes(document.body, range).map((list) =>
    normalizeString(
      list
        .map((n) => {
          const from = n === range.startContainer ? range.startOffset : 0;
          const to = n === range.endContainer ? range.endOffset : n.data.length;
          return n.data.slice(from, to);
        })
        .join(''),
    ),
  );
}

function between(a: [Node, number], b: [Node, number]): Range {
  const r = document.createRange();
  r.setStart(...a);
  r.setEnd(...a);
  const order = r.comparePoint(...b);
  if (order >= 0) r.setEnd(...b);
  else r.setStart(...b);
  return r;
}

const blank = (parts: string[]) => parts.every((p) => p.trim() === '');
const startOf = (r: Range): [Node, number] => [r.startContainer, r.startOffset];
const endOf = (r: Range): [Node, number] => [r.endContainer, r.endOffset];

/** Same passage: no seen text between their starts, nor between their ends. */
function samePlace(a: Range, b: Range): boolean {
  return blank(seen(between(startOf(a), startOf(b)))) && blank(seen(between(endOf(a), endOf(b))));
}

/** `inner` lies within `outer`, give or take text the polyfill does not see. */
function inside(inner: Range, outer: Range): boolean {
  const startOk = outer.comparePoint(...startOf(inner)) === 0 || blank(seen(between(startOf(inner), startOf(outer))));
  const endOk = outer.comparePoint(...endOf(inner)) === 0 || blank(seen(between(endOf(inner), endOf(outer))));
  return startOk && endOk && !blank(seen(inner));
}

/**
 * Whether no link can find the passage: the most specific directive the algorithm allows (whole
 * block parts as terms; as prefix all of its block before it, or the block before when its own has
 * nothing there; the suffix likewise) finds another place first.
 */
function provedImpossible(range: Range): boolean {
  if (midWord(range)) return true;
  // Two spaces in a row in the compared text come from a spacing mark ("˙" decomposes to a space and
  // a dropped mark): no term holds them (terms are normalized to single spaces), and the algorithm
  // does not skip the mark as white space, so context cannot reach across one.
  const raw = seen(range).filter((p) => p.trim());
  const parts = raw.map((p) => p.trim());
  if (!parts.length) return false;
  const body = document.body;
  const before = document.createRange();
  before.setStart(body, 0);
  before.setEnd(range.startContainer, range.startOffset);
  const after = document.createRange();
  after.setStart(range.endContainer, range.endOffset);
  after.setEnd(body, body.childNodes.length);
  const prefixBlock = nearest(seen(before).reverse());
  const suffixBlock = nearest(seen(after));
  const prefix =
    prefixBlock.endsWith('  ') || (raw[0] as string).startsWith('  ')
      ? ''
      : (prefixBlock.trimEnd().split('  ').at(-1) ?? '').trim();
  const suffix =
    suffixBlock.startsWith('  ') || (raw.at(-1) as string).endsWith('  ')
      ? ''
      : (suffixBlock.trimStart().split('  ')[0] ?? '').trim();
  const textStart = (parts[0] as string).split('  ')[0] as string;
  const textEnd = (parts.at(-1) as string).split('  ').at(-1) as string;
  const whole = parts.length === 1 && !(parts[0] as string).includes('  ');
  const directive = {
    textStart: whole ? (parts[0] as string) : textStart,
    ...(whole ? {} : { textEnd }),
    ...(prefix ? { prefix } : {}),
    ...(suffix ? { suffix } : {}),
  };
  const first = (processTextFragmentDirective(directive, document) as Range[])[0];
  // Found elsewhere first (an earlier start, or the same start with an earlier end): every less
  // specific directive finds that place or one before it.
  return !!first && !samePlace(first, range);
}

/**
 * Whether the passage starts or ends inside a word as the algorithm segments its block ("Sponsored"
 * and "Flonase" in inline elements of one block read "sponsoredflonase"): a term matches only on
 * word boundaries (a start term right after a prefix excepted, but a prefix must end on one too),
 * so no link can start or end there. The polyfill's own segmenter and its boundary rule.
 */
function midWord(range: Range): boolean {
  const body = document.body;
  const segmenter = makeNewSegmenter() as Intl.Segmenter;
  const inside = (text: string, at: number) => {
    const seg = segmenter.segment(text).containing(at);
    return !!seg?.isWordLike && seg.index !== at;
  };
  const before = document.createRange();
  before.setStart(body, 0);
  before.setEnd(range.startContainer, range.startOffset);
  const through = before.cloneRange();
  through.setEnd(range.endContainer, range.endOffset);

  // The start's block read up to the start, and read on into the passage: if it runs on with no
  // white space, the passage's first character may sit inside a word.
  const a = seen(before);
  const b = seen(through);
  const i = a.length - 1;
  const upTo = a[i];
  const on = b[i];
  if (upTo && on && on.length > upTo.length && on.startsWith(upTo) && !/\s$/.test(upTo)) {
    if (inside(on, upTo.length)) return true;
  }
  const whole = document.createRange();
  whole.setStart(range.startContainer, range.startOffset);
  whole.setEnd(body, body.childNodes.length);
  const parts = seen(range);
  const w = seen(whole);
  const j = parts.length - 1;
  const end = parts[j];
  const runOn = w[j];
  if (end && runOn && runOn.length > end.length && runOn.startsWith(end) && !/^\s/.test(runOn.slice(end.length))) {
    if (inside(runOn, end.length)) return true;
  }
  return false;
}

/** The nearest block with any text, in the order given (nearest first). */
function nearest(blocks: string[]): string {
  return blocks.find((b) => b.trim() !== '') ?? '';
}

/** Word-aligned random spans of 2–25 words, as a reader selects (a drag or double click snaps to words). */
function wordSpans(text: string, count: number, seed: number): [number, number][] {
  const rand = seededRandom(seed);
  const starts: number[] = [];
  for (let i = 0; i < text.length; i++) if (text[i] !== ' ' && (i === 0 || text[i - 1] === ' ')) starts.push(i);
  const spans: [number, number][] = [];
  for (let tries = 0; spans.length < count && tries < count * 20 && starts.length > 30; tries++) {
    const w = Math.floor(rand() * (starts.length - 26));
    const n = 2 + Math.floor(rand() * 24);
    const s = starts[w] as number;
    const next = starts[w + n] as number;
    const e = next - 1;
    if (e > s) spans.push([s, e]);
  }
  return spans;
}

/** DEBUG_LINKS=1: the passage in our reading of the page, with 40 characters either side. */
function debugView(range: Range): string {
  const { view, span } = readFragmentView(document, range);
  return span
    ? `${view.text.slice(span[0] - 40, span[0])}[[${view.text.slice(...span)}]]${view.text.slice(span[1], span[1] + 40)}`
    : 'NO SPAN';
}

function run(url: string, count: number, seed: number): LinkResult {
  const index = buildTextIndex(document.body);
  const result: LinkResult = { made: 0, found: 0, impossiblePart: 0, impossiblePage: 0, times: [], failures: [] };
  const noDirective = (globalThis as { __noDirective?: boolean }).__noDirective;
  for (const [s, e] of wordSpans(index.text, count, seed)) {
    const selectors = describeSpan(index, s, e);
    if (!selectors) continue;
    const range = rangeOf(index, s, e);
    if (blank(seen(range))) continue; // nothing of it is visible to the algorithm: not a passage a reader selects
    const block = blockText(range, selectors[0].exact);
    const t0 = performance.now();
    const { textDirective } = noDirective ? {} : passageDirective(document, range);
    result.times.push(performance.now() - t0);
    const link = passageLink(url, selectors[0], block, textDirective);
    const parsed = parseFragmentDirectives(getFragmentDirectives(new URL(link).hash)) as { text?: unknown[] };
    const first = parsed.text?.[0] ? (processTextFragmentDirective(parsed.text[0], document) as Range[])[0] : undefined;
    result.made++;
    let verdict: Verdict = first ? (samePlace(first, range) ? 'found' : 'wrong') : 'none';
    if (verdict === 'found') {
      result.found++;
      continue;
    }
    const impossible = provedImpossible(range);
    if (impossible && first && inside(first, range)) verdict = 'part';
    if (impossible && !link.includes(':~:')) verdict = 'page';
    if (verdict === 'part') result.impossiblePart++;
    else if (verdict === 'page') result.impossiblePage++;
    result.failures.push({
      link: link.slice(url.length),
      exact: selectors[0].exact,
      got: first ? first.toString() : null,
      verdict,
      provedImpossible: impossible,
      ...((globalThis as { __debug?: boolean }).__debug ? { view: debugView(range) } : {}),
    });
  }
  return result;
}

(globalThis as unknown as { __passageLinks: typeof run }).__passageLinks = run;
