/**
 * Links back to the passage: a URL text fragment (`#:~:text=prefix-,start,end,-suffix`, WICG
 * scroll-to-text-fragment), built from a highlight's TextQuoteSelector. Chrome, Edge, Safari and
 * Firefox (131 on) scroll to and mark the passage; other browsers open the page.
 *
 * The WICG algorithm matches a prefix or suffix only within the passage's own block, so the
 * context comes from the paragraph kept with the highlight (`block`), never from the selector's
 * context, which runs across blocks (the seed's first paragraph had the page's "A- A+" buttons as
 * prefix, and matched nothing). Checked with text-fragments-polyfill over the corpus pages
 * (tests/e2e/passage-links.e2e.ts). Highlights made since carry a directive made on the page itself
 * (lib/page/fragment-directive.ts), which is used instead: only the page knows what else on it
 * reads the same.
 */
import type { TextQuoteSelector } from '../schema';

/** Percent-encodes a fragment term: everything encodeURIComponent does, plus `-`, `,` and `&`. */
export function encodeTerm(text: string): string {
  // encodeURIComponent already writes `,` and `&` as %2C and %26; only `-` is left.
  const encoded = encodeURIComponent(text);
  return encoded.includes('-') ? encoded.replace(/-/g, '%2D') : encoded;
}

/** True when the text has a character of a script written without spaces between words (CJK, Thai…). */
function unspaced(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x0e00) continue;
    if (
      (c >= 0x0e00 && c <= 0x0eff) || // Thai, Lao
      (c >= 0x1780 && c <= 0x17ff) || // Khmer
      (c >= 0x3040 && c <= 0x30ff) || // Hiragana, Katakana
      (c >= 0x3400 && c <= 0x9fff) || // CJK ideographs
      (c >= 0xf900 && c <= 0xfaff) || // CJK compatibility ideographs
      (c >= 0xd840 && c <= 0xd87f) // supplementary ideographs (high surrogates of U+20000…)
    )
      return true;
  }
  return false;
}

/** White space other than a space (a tab, a line break, NBSP…). */
const NOT_A_SPACE = /[^\S ]/;

/** Each run of white space as one space (most text has none to change: two scans instead of a rewrite). */
export function oneSpaced(text: string): string {
  return text.includes('  ') || NOT_A_SPACE.test(text) ? text.replace(/\s+/g, ' ') : text;
}

/**
 * The first (or last) `count` words of single-spaced, trimmed text, or null when it has no more
 * than `count` words — found by the spaces between them, without splitting the text into words.
 */
function edgeWords(text: string, count: number, fromEnd: boolean): string | null {
  let at = fromEnd ? text.length : -1;
  for (let n = 0; n < count; n++) {
    at = fromEnd ? text.lastIndexOf(' ', at - 1) : text.indexOf(' ', at + 1);
    if (at < 0) return null;
  }
  return fromEnd ? text.slice(at + 1) : text.slice(0, at);
}

/** The last few whole words of `prefix` (a partial first word is dropped). */
function tailWords(prefix: string, count: number): string {
  const clean = oneSpaced(prefix);
  if (unspaced(clean)) return unspacedEnd(clean, 4, true);
  let text = clean.trim();
  // Not after a space: its first word may be cut (kept when it is the only one).
  const first = clean.startsWith(' ') ? -1 : text.indexOf(' ');
  if (first >= 0) text = text.slice(first + 1);
  return edgeWords(text, count, true) ?? text;
}

/** The first few whole words of `suffix` (a partial last word is dropped). */
function headWords(suffix: string, count: number): string {
  const clean = oneSpaced(suffix);
  if (unspaced(clean)) return unspacedEnd(clean, 4, false);
  let text = clean.trim();
  const last = clean.endsWith(' ') ? -1 : text.lastIndexOf(' ');
  if (last >= 0) text = text.slice(0, last);
  return edgeWords(text, count, false) ?? text;
}

const squash = (text: string) =>
  text
    .normalize('NFC')
    .replace(/[^\S\n]+/g, ' ')
    .trim();

/** Where the quote stands in its block(s): the context in the same block, and the quote's parts by block. */
interface Placed {
  prefix: string;
  suffix: string;
  /** The quote split at block boundaries (one part when it stays in one block). */
  parts: string[];
}

/**
 * The quote inside its kept block text ("\n" between blocks): the text before it in its first block,
 * after it in its last, and its parts per block. Where the quote occurs more than once, the
 * occurrence whose text before it ends like the selector's prefix. No block kept (older
 * highlights): the selector's own context, one part.
 */
export function placeInBlock(selector: TextQuoteSelector, block?: string | null): Placed {
  const exact = oneSpaced(selector.exact.normalize('NFC')).trim();
  // A quote of white space alone has no place to find (searching for "" would never end).
  if (!block || !exact) return { prefix: selector.prefix, suffix: selector.suffix, parts: [exact] };
  const text = squash(block);
  const flat = text.replace(/\n/g, ' ');
  const hint = squash(selector.prefix).replace(/\n/g, ' ').slice(-24);
  let best = -1;
  for (let i = flat.indexOf(exact); i !== -1; i = flat.indexOf(exact, i + 1)) {
    if (best < 0) best = i;
    if (hint && flat.slice(0, i).trimEnd().endsWith(hint.trimEnd())) {
      best = i;
      break;
    }
  }
  // The quote is not in the block as kept (the page changed it since): no context rather than wrong.
  if (best < 0) return { prefix: '', suffix: '', parts: [exact] };
  const before = text.slice(0, best).split('\n').at(-1) ?? '';
  const after = text.slice(best + exact.length).split('\n')[0] ?? '';
  const parts = text
    .slice(best, best + exact.length)
    .split('\n')
    .map((p) => p.trim())
    .filter(Boolean);
  // A block's edges are word edges: a space there keeps its first and last words whole.
  return { prefix: before && ` ${before}`, suffix: after && `${after} `, parts };
}

/** Word segments of text (Intl.Segmenter, as the WICG algorithm finds word boundaries). */
function segments(text: string): string[] {
  // Made once: making a segmenter costs far more than segmenting a quote.
  wordSegmenter ??= new Intl.Segmenter(undefined, { granularity: 'word' });
  return Array.from(wordSegmenter.segment(text), (s) => s.segment);
}
let wordSegmenter: Intl.Segmenter | undefined;

/** The first (or last) whole words of unspaced text, at least `min` characters. */
function unspacedEnd(text: string, min: number, fromEnd: boolean): string {
  const all = segments(text.trim());
  const out: string[] = [];
  for (let i = 0; i < all.length && out.join('').length < min; i++) {
    const s = all[fromEnd ? all.length - 1 - i : i] as string;
    if (fromEnd) out.unshift(s);
    else out.push(s);
  }
  return out.join('').trim();
}

/** A start term (first words) or end term (last words) of a part of the quote (single-spaced, trimmed). */
function edgeTerm(part: string, fromEnd: boolean): string {
  if (unspaced(part)) return [...part].length > 40 ? unspacedEnd(part, 20, fromEnd) : part;
  return edgeWords(part, 5, fromEnd) ?? part;
}

/** The `text=` directive for a quote: short quotes whole, long ones by their first and last words. */
export function textDirective(selector: TextQuoteSelector, block?: string | null): string {
  const placed = placeInBlock(selector, block);
  const exact = placed.parts.join(' ');
  const out: string[] = [];
  const before = tailWords(placed.prefix, 3);
  if (before) out.push(`${encodeTerm(before)}-`);
  if (placed.parts.length > 1) {
    // Across blocks: a term never spans a block boundary, so start in the first, end in the last.
    out.push(
      encodeTerm(edgeTerm(placed.parts[0] as string, false)),
      encodeTerm(edgeTerm(placed.parts.at(-1) as string, true)),
    );
  } else if (unspaced(exact)) {
    if ([...exact].length > 60)
      out.push(encodeTerm(unspacedEnd(exact, 20, false)), encodeTerm(unspacedEnd(exact, 20, true)));
    else out.push(encodeTerm(exact));
  } else if (edgeWords(exact, 12, false) !== null) {
    // More than 12 words: the first five and the last five.
    out.push(encodeTerm(edgeWords(exact, 5, false) as string), encodeTerm(edgeWords(exact, 5, true) as string));
  } else {
    out.push(encodeTerm(exact));
  }
  const after = headWords(placed.suffix, 3);
  if (after) out.push(`-${encodeTerm(after)}`);
  return `text=${out.join(',')}`;
}

/**
 * The page URL with a text fragment for the quote (kept after an existing `#fragment`): the directive
 * made on the page when the passage was highlighted where there is one (`made`), which the algorithm
 * finds there first; the page alone where the page found that no link can tell the passage apart
 * (`made` null); else one made from the quote and its block.
 */
export function passageLink(
  url: string,
  selector: TextQuoteSelector,
  block?: string | null,
  made?: string | null,
): string {
  // No link can find a passage of white space alone.
  if (made === null || (made === undefined && !selector.exact.trim())) return url;
  const directive = `:~:${made ?? textDirective(selector, block)}`;
  const hash = url.indexOf('#');
  if (hash < 0) return `${url}#${directive}`;
  const base = url.slice(0, hash + 1) + url.slice(hash + 1).replace(/:~:.*$/, '');
  return base + directive;
}
