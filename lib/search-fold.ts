/**
 * Folding text for library search: lower case, no diacritics ("Đảng" → "dang", "café" → "cafe"), NFC
 * and NFD alike, every run of white space one space; optionally with the way back from each folded
 * character to the text it came from (to mark matches in the original). One tight loop over the
 * text, its character classes made once.
 */

/** Letters that are not a base letter plus marks in Unicode, folded by hand. */
const SPECIAL: Record<string, string> = { đ: 'd', ð: 'd', ł: 'l', ø: 'o', æ: 'ae', œ: 'oe', ß: 'ss', ı: 'i', ħ: 'h' };

/**
 * For every UTF-16 code unit: 0 keep, 1 drop (a combining mark), 2 white space, 3 special (SPECIAL).
 * Built once, on first use, so folding is one tight loop over the text.
 */
let classes: Uint8Array | null = null;
/** Each BMP character lower-cased and decomposed, filled in as characters are met. */
const PIECES: (string | undefined)[] = [];
function codeClasses(): Uint8Array {
  if (classes) return classes;
  classes = new Uint8Array(65536);
  for (let c = 0; c < 65536; c++) {
    if (c >= 0xd800 && c <= 0xdfff) continue;
    const ch = String.fromCharCode(c);
    if (/\p{M}/u.test(ch)) classes[c] = 1;
    else if (/\s/.test(ch)) classes[c] = 2;
  }
  for (const ch of Object.keys(SPECIAL)) classes[ch.charCodeAt(0)] = 3;
  return classes;
}

/**
 * Folds text for matching: lower case, no diacritics (NFKD, then marks dropped), NFC and NFD alike,
 * white space as one space, trimmed. With `map`, also records for each folded code unit where in
 * `text` its character starts and ends, so matches can be shown in the original.
 */
function foldCore(text: string, map?: { from: number[]; to: number[] }): string {
  const cls = codeClasses();
  const out: number[] = [];
  const chunks: string[] = [];
  const flush = () => {
    chunks.push(String.fromCharCode(...out));
    out.length = 0;
  };
  let pendingSpace = -1;
  let started = false;
  // Fold per original character so the map stays exact; characters are short, NFKD is per char.
  const lower = text.toLowerCase();
  // toLowerCase can change length (İ → i̇); map through the original only when lengths agree.
  const source = lower.length === text.length ? lower : text;
  for (let i = 0; i < source.length; ) {
    const code = source.codePointAt(i) as number;
    const width = code > 0xffff ? 2 : 1;
    let piece: string;
    if (code < 0x80) piece = String.fromCharCode(code >= 65 && code <= 90 ? code + 32 : code);
    else {
      const cached = code <= 0xffff ? PIECES[code] : undefined;
      if (cached !== undefined) piece = cached;
      else {
        const ch = source.slice(i, i + width);
        piece = cls[code] === 3 ? (SPECIAL[ch] as string) : ch.toLowerCase().normalize('NFKD');
        if (code <= 0xffff) PIECES[code] = piece;
      }
    }
    for (let k = 0; k < piece.length; k++) {
      const c = piece.charCodeAt(k);
      const kind = cls[c];
      if (kind === 1) continue;
      if (kind === 2 || c === 0x20) {
        if (started && pendingSpace < 0) pendingSpace = i;
        continue;
      }
      if (kind === 3) {
        const special = SPECIAL[String.fromCharCode(c)] as string;
        for (let j = 0; j < special.length; j++) {
          out.push(special.charCodeAt(j));
          map?.from.push(i);
          map?.to.push(i + width);
        }
        continue;
      }
      if (pendingSpace >= 0) {
        out.push(0x20);
        map?.from.push(pendingSpace);
        map?.to.push(i);
        pendingSpace = -1;
      }
      started = true;
      out.push(c);
      map?.from.push(i);
      map?.to.push(i + width);
      if (out.length >= 8192) flush();
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
