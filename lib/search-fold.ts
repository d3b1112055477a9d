/**
 * Folding text for library search: lower case, no diacritics ("Đảng" → "dang", "café" → "cafe"), NFC
 * and NFD alike, every run of white space one space; optionally with the way back from each folded
 * character to the text it came from (to mark matches in the original). One tight loop over the
 * text, its character classes made once.
 */

/**
 * Letters that are not a base letter plus marks in Unicode, folded by hand; and the Greek final
 * sigma, which is a sigma for matching (as Unicode case folding has it: "ΟΔΟΣ", "οδος" and "οδοσ"
 * alike, since characters are lower-cased one at a time, not in their words).
 */
const SPECIAL: Record<string, string> = {
  đ: 'd',
  ð: 'd',
  ł: 'l',
  ø: 'o',
  æ: 'ae',
  œ: 'oe',
  ß: 'ss',
  ı: 'i',
  ħ: 'h',
  ς: 'σ',
};
const SPECIALS = new RegExp(`[${Object.keys(SPECIAL).join('')}]`, 'g');

/**
 * For every UTF-16 code unit once met: 1 keep, 2 drop (a combining mark), 3 white space; 0 not met
 * yet. Filled as units are met (a library's text uses a few hundred): the whole table made up front,
 * two regular expressions over 65,536 units, was 12–49 ms of the library's first rows.
 */
const CLASSES = new Uint8Array(65536);
function classOf(c: number): number {
  let kind: number;
  // ASCII, and the combining diacritical marks every accented Latin letter decomposes into, without
  // the Unicode pattern (its first use compiles it).
  if (c < 0x80) kind = c === 0x20 || (c >= 0x09 && c <= 0x0d) ? 3 : 1;
  else if (c >= 0x0300 && c <= 0x036f) kind = 2;
  else if (c >= 0xd800 && c <= 0xdfff) kind = 1;
  else {
    const ch = String.fromCharCode(c);
    kind = /\p{M}/u.test(ch) ? 2 : /\s/.test(ch) ? 3 : 1;
  }
  CLASSES[c] = kind;
  return kind;
}

/** The folded code units before they are made a string (see foldCore). */
const OUT = new Uint16Array(8192);
/** Each BMP character lower-cased and decomposed, filled in as characters are met. */
const PIECES: (string | undefined)[] = [];

/**
 * Folds text for matching: lower case, no diacritics (NFKD, then marks dropped), NFC and NFD alike,
 * white space as one space, trimmed. With `map`, also records for each folded code unit where in
 * `text` its character starts and ends, so matches can be shown in the original.
 */
function foldCore(text: string, map?: { from: number[]; to: number[] }): string {
  // The folded code units go into one buffer, reused by every call (folding is synchronous), and
  // out as a string each time it fills: a growing array of numbers, emptied at each string, was
  // half of what the library allocated while it loaded (259 of 514 MB at 100,000 highlights).
  const out = OUT;
  let n = 0;
  const chunks: string[] = [];
  const flush = () => {
    chunks.push(String.fromCharCode.apply(null, out.subarray(0, n) as unknown as number[]));
    n = 0;
  };
  const put = (c: number) => {
    if (n === out.length) flush();
    out[n++] = c;
  };
  let pendingSpace = -1;
  let started = false;
  // Fold per original character so the map stays exact: each is lower-cased and decomposed on its
  // own (a character met before is looked up), the text is not copied lower-cased first (that copy
  // was a ninth of what the library allocated while loading everything).
  for (let i = 0; i < text.length; ) {
    const code = text.codePointAt(i) as number;
    const width = code > 0xffff ? 2 : 1;
    let piece: string;
    if (code < 0x80) piece = String.fromCharCode(code >= 65 && code <= 90 ? code + 32 : code);
    else {
      const cached = code <= 0xffff ? PIECES[code] : undefined;
      if (cached !== undefined) piece = cached;
      else {
        // Lower-cased and decomposed, each special letter in it (an upper-case one lower-cased,
        // "Ł" → "ł") folded by hand: a piece holds no special letter.
        const ch = text.slice(i, i + width);
        piece = ch
          .toLowerCase()
          .normalize('NFKD')
          .replace(SPECIALS, (s) => SPECIAL[s] as string);
        if (code <= 0xffff) PIECES[code] = piece;
      }
    }
    for (let k = 0; k < piece.length; k++) {
      const c = piece.charCodeAt(k);
      const kind = CLASSES[c] || classOf(c);
      if (kind === 2) continue;
      if (kind === 3 || c === 0x20) {
        if (started && pendingSpace < 0) pendingSpace = i;
        continue;
      }
      if (pendingSpace >= 0) {
        put(0x20);
        map?.from.push(pendingSpace);
        map?.to.push(i);
        pendingSpace = -1;
      }
      started = true;
      put(c);
      map?.from.push(i);
      map?.to.push(i + width);
    }
    i += width;
  }
  flush();
  return chunks.join('');
}

/** Folds text for matching: lower case, no diacritics, NFC/NFD alike, white space as one space. */
export function fold(text: string): string {
  return foldCore(text);
}

/**
 * Folded text with, for each folded character, where in `text` the character it came from starts
 * (`from`) and ends (`to`).
 */
export function foldWithMap(text: string): { folded: string; from: number[]; to: number[] } {
  const map = { from: [] as number[], to: [] as number[] };
  const folded = foldCore(text, map);
  return { folded, ...map };
}

/**
 * How many records a sliced build folds at a time. Not a fixed number: the same chunk takes the
 * library's thread ten times as long while the folding code is still cold (interpreted, before V8
 * has compiled it) as it does a second later. At 100,000 highlights a fixed 2,000 records (about
 * 0.4 MB of text) was one task of 240–320 ms on a fresh page, every key pressed meanwhile waiting
 * for it. So the first chunk is small, and each next one is sized from the time the last took.
 */
export const FOLD_CHUNK = { first: 64, most: 4000, targetMs: 4 } as const;

/**
 * The next chunk's size, from the last one's size and the milliseconds it took: what would take
 * `targetMs` at the same speed, growing at most fourfold at a time (a chunk timed faster than the
 * clock can tell is not taken at its word), between `first / 2` and `most` records.
 */
export function nextFoldChunk(size: number, ms: number): number {
  const fits = ms > 0 ? Math.floor((size * FOLD_CHUNK.targetMs) / ms) : Number.POSITIVE_INFINITY;
  return Math.max(FOLD_CHUNK.first / 2, Math.min(FOLD_CHUNK.most, size * 4, fits));
}

/**
 * Folds the records' texts (`textOf`) end to end, each followed by a separator no folded text
 * contains (so no match spans two records), a chunk of records at a time (`chunk` records each, or
 * sized by the time each takes: {@link nextFoldChunk}), yielding between chunks when `yieldNow()`
 * says so; each text is made with its chunk, so only a chunk's are held at a time. The text is what
 * folding all of them joined in one pass makes (`fold(texts.join('\u0000 ')) + '\u0000'`, a test
 * checks): a chunk ends with its separator, which keeps a space owed before it, and the space after
 * each separator starts the next chunk.
 */
export function* foldRecords<T>(
  records: readonly T[],
  textOf: (record: T) => string,
  yieldNow: () => boolean,
  chunk: number | 'timed' = 'timed',
): Generator<void, { text: string; starts: Int32Array }, void> {
  const parts: string[] = [];
  const starts = new Int32Array(records.length + 1);
  let length = 0;
  let record = 1;
  let size = chunk === 'timed' ? FOLD_CHUNK.first : chunk;
  for (let from = 0; ; ) {
    const began = chunk === 'timed' ? performance.now() : 0;
    const to = Math.min(records.length, from + size);
    // Each record's text made here, a chunk at a time: garbage of this chunk alone.
    const joined = records.slice(from, to).map(textOf).join('\u0000 ');
    let piece: string;
    if (to < records.length) piece = fold(`${joined}\u0000`);
    else {
      // The last chunk: folding in one pass trims a space owed at the very end, and the space after
      // the separator before it goes unwritten when nothing but white space follows.
      const body = fold(joined);
      piece = `${body}\u0000`;
      if (body === '' && parts.length > 0) {
        parts.pop();
        length--;
      }
    }
    for (
      let at = piece.indexOf('\u0000');
      at !== -1 && record <= records.length;
      at = piece.indexOf('\u0000', at + 1)
    ) {
      starts[record++] = length + at + 1;
    }
    if (to >= records.length) {
      parts.push(piece);
      return { text: parts.join(''), starts };
    }
    parts.push(piece, ' ');
    length += piece.length + 1;
    from = to;
    if (chunk === 'timed') size = nextFoldChunk(size, performance.now() - began);
    if (yieldNow()) yield;
  }
}
