/**
 * A passage link (`#:~:text=…`, WICG scroll-to-text-fragment) made on the page, for the passage as
 * the page shows it, that the algorithm finds first: the shortest start/end terms and context that
 * find this passage before anything else, checked against the algorithm's own reading of the page
 * (lib/page/fragment-view.ts) with a matcher that follows text-fragments-polyfill step by step. The
 * polyfill's own generator does the same, but walks the whole document (computed styles included)
 * once per try: 0.5 s typical and up to 38 s on a 1 MB page, on the page's main thread. This reads
 * the page once and then compares strings.
 *
 * Where the passage cannot be told apart (the same words, block and context, earlier on the page,
 * so that every link finds that earlier one first), the link is made for its longest block part that
 * can be, so it lands inside the passage, never somewhere else; where none can, there is no link.
 * Pure (strings in, strings out) but for passageDirective, which reads the page.
 */
import { encodeTerm } from '../export/text-fragment';
import { type Directive, firstMatch, Words } from './fragment-match';
import { type FragmentView, readFragmentView, STOP, type ViewSpan } from './fragment-view';

/** Longer passages than this (normalized characters) are linked by start and end terms. */
const MAX_EXACT = 300;
/** Tries at most this many term/context lengths before giving up on a span. */
const MAX_LEVELS = 24;

/** The span's terms and context at one level of detail. */
function candidate(words: Words, span: ViewSpan, level: number): Directive | null {
  const text = words.view.text;
  const [s, e] = span;
  const startBlock = words.block(s);
  const endBlock = words.block(e - 1);
  const d: Directive = { textStart: '' };
  const exact = text.slice(s, e);
  if (startBlock === endBlock && e - s <= MAX_EXACT && !exact.includes(STOP)) {
    d.textStart = exact;
  } else {
    // Start and end terms: a few words of the passage's first and last block parts, more each level.
    // A term never holds a spacing mark (STOP, see fragment-view.ts): the start term stops before
    // one, the end term starts after one. A part with no words (a "»", a "^") is a term as it is.
    const count = 3 + level;
    const firstEnd = Math.min(e, words.blockEnd(startBlock));
    const lastStart = Math.max(s, words.view.starts[endBlock] as number);
    const gapA = text.indexOf(STOP, s);
    const firstLimit = gapA >= 0 && gapA < firstEnd ? gapA : firstEnd;
    const gapB = text.lastIndexOf(STOP, e - 1);
    const lastLimit = gapB >= lastStart ? gapB + 1 : lastStart;
    const first = words.wordsIn(s, firstLimit);
    const last = words.wordsIn(lastLimit, e);
    // Once the count covers a part's words, the whole part (its punctuation too: "foam..." is not
    // "foam pillows").
    const aEnd =
      first.length > count ? (first[count - 1] as [number, number])[1] : s + text.slice(s, firstLimit).trimEnd().length;
    const bStart =
      last.length > count
        ? (last[last.length - count] as [number, number])[0]
        : e - text.slice(lastLimit, e).trimStart().length;
    if (aEnd <= s || bStart >= e) return null;
    if (startBlock === endBlock && aEnd >= bStart) {
      if (exact.includes(STOP)) return null;
      d.textStart = exact;
    } else {
      d.textStart = text.slice(s, aEnd);
      d.textEnd = text.slice(bStart, e);
    }
  }
  // Context from the second level on: words just before and after.
  const context = level === 0 ? 0 : 2 + level;
  if (context > 0) {
    const prefix = contextBefore(words, s, context);
    const suffix = contextAfter(words, e, context);
    if (prefix) d.prefix = prefix;
    if (suffix) d.suffix = suffix;
  }
  return d;
}

const blank = (t: string) => /^[ \n]*$/.test(t);

/**
 * The last `count` words before `at` in its block (with what stands between them and `at`); where the
 * block has only white space before it, those of the nearest block before with any text (the
 * algorithm skips white space and block edges between a prefix and the start term); where it has
 * only punctuation, that.
 */
function contextBefore(words: Words, at: number, count: number): string {
  const text = words.view.text;
  const block = words.block(at);
  for (let b = block; b >= 0 && b > block - 50; b--) {
    const start = words.view.starts[b] as number;
    const end = b === block ? at : words.blockEnd(b);
    const whole = text.slice(start, end);
    if (blank(whole)) continue;
    // No context reaches across a spacing mark (see fragment-view.ts).
    if (whole.trimEnd().endsWith(STOP)) return '';
    const cut = start + whole.lastIndexOf(STOP) + 1;
    const inner = words.wordsIn(cut, end);
    if (!inner.length) return text.slice(cut, end).trim();
    return text.slice((inner[Math.max(0, inner.length - count)] as [number, number])[0], end).trim();
  }
  return '';
}

/** The first `count` words after `at`, mirrored from contextBefore. */
function contextAfter(words: Words, at: number, count: number): string {
  const text = words.view.text;
  const block = words.block(at - 1);
  for (let b = block; b < words.view.starts.length && b < block + 50; b++) {
    const start = b === block ? at : (words.view.starts[b] as number);
    const end = words.blockEnd(b);
    const whole = text.slice(start, end);
    if (blank(whole)) continue;
    if (whole.trimStart().startsWith(STOP)) return '';
    const stop = whole.indexOf(STOP);
    const cut = stop < 0 ? end : start + stop;
    const inner = words.wordsIn(start, cut);
    if (!inner.length) return text.slice(start, cut).trim();
    return text.slice(start, (inner[Math.min(inner.length, count) - 1] as [number, number])[1]).trim();
  }
  return '';
}

const same = (a: Directive | null, b: Directive | null) => JSON.stringify(a) === JSON.stringify(b);

/** The least-detailed directive the algorithm finds at `span` first, or null. */
function directiveFor(words: Words, span: ViewSpan): Directive | null {
  let previous: Directive | null = null;
  for (let level = 0; level < MAX_LEVELS; level++) {
    const d = candidate(words, span, level);
    if (!d) return null;
    if (level > 1 && same(d, previous)) return null; // nothing more to add
    previous = d;
    const found = firstMatch(words, d);
    if (found && found[0] === span[0] && found[1] === span[1]) return d;
  }
  return null;
}

/** The passage's parts to link instead when it cannot be told apart: its block parts, then halves. */
function partsOf(words: Words, span: ViewSpan): ViewSpan[] {
  const [s, e] = span;
  const parts: ViewSpan[] = [];
  for (let block = words.block(s); block <= words.block(e - 1); block++) {
    const a = Math.max(s, words.view.starts[block] as number);
    const b = Math.min(e, words.blockEnd(block));
    const inner = words.wordsIn(a, b);
    if (inner.length) parts.push([(inner[0] as [number, number])[0], (inner.at(-1) as [number, number])[1]]);
  }
  // Longest first: the part most likely to be unique and most of the passage.
  return parts.sort((x, y) => y[1] - y[0] - (x[1] - x[0]));
}

export type LinkResult = { directive: string; whole: boolean };

/**
 * The `text=` directive for the span: `whole` when it finds the passage itself, false when it finds
 * a part of it (the whole cannot be told apart); null when neither can be found first.
 */
export function makeTextDirective(view: FragmentView, span: ViewSpan): LinkResult | null {
  const words = new Words(view, view.lang);
  const whole = directiveFor(words, span);
  if (whole) return { directive: write(view, words, whole, span), whole: true };
  for (const part of partsOf(words, span)) {
    if (part[0] === span[0] && part[1] === span[1]) continue;
    const d = directiveFor(words, part);
    if (d) return { directive: write(view, words, d, part), whole: false };
  }
  return null;
}

/**
 * The directive as written in a link: terms as the page shows them (case and accents kept, which the
 * algorithm ignores) where the normalized text lines up with the shown text, else as normalized.
 */
function write(view: FragmentView, words: Words, d: Directive, span: ViewSpan): string {
  const shownAt = (from: number, length: number): string => {
    const block = words.block(from);
    const shown = view.shown[block] ?? '';
    const normal = view.text.slice(view.starts[block], words.blockEnd(block));
    if (shown.length !== normal.length) return view.text.slice(from, from + length);
    const a = from - (view.starts[block] as number);
    return shown.slice(a, a + length);
  };
  const [s, e] = span;
  const parts: string[] = [];
  if (d.prefix) {
    const at = view.text.lastIndexOf(d.prefix, s);
    parts.push(`${encodeTerm(at >= 0 ? shownAt(at, d.prefix.length) : d.prefix)}-`);
  }
  parts.push(encodeTerm(shownAt(s, d.textStart.length)));
  if (d.textEnd) parts.push(encodeTerm(shownAt(e - d.textEnd.length, d.textEnd.length)));
  if (d.suffix) {
    const at = view.text.indexOf(d.suffix, e);
    parts.push(`-${encodeTerm(at >= 0 ? shownAt(at, d.suffix.length) : d.suffix)}`);
  }
  return `text=${parts.join(',')}`;
}

/**
 * The directive for a range on this page, as the highlight's `textDirective`: null where no link
 * finds it or any part of it first (its link then opens the page); nothing where it could not be
 * made (none of the range is visible to the algorithm, or reading failed: the export then makes one
 * from the quote). Page side: reads the page once (4 ms typical, 59 ms at most over the test
 * corpus' 1 MB pages).
 */
export function passageDirective(doc: Document, range: Range): { textDirective?: string | null } {
  try {
    const { view, span } = readFragmentView(doc, range);
    if (!span) return {};
    const made = makeTextDirective(view, span);
    if (!made) return { textDirective: null };
    return made.directive.length <= 4096 ? { textDirective: made.directive } : {};
  } catch {
    return {};
  }
}
