/**
 * What the text view reads of a page, element by element and character by character: which
 * elements a reader never sees, which break lines, and each character's class (white space,
 * combining mark, invisible, changed by NFC), cached because the index visits every character.
 */

/** Elements whose text a reader never sees. */
export const SKIP = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'iframe',
  'object',
  'canvas',
  'select',
  'textarea',
  'marginalia-toolbar',
]);

/** Elements that start a new line when rendered: their edges read as white space. */
export const BLOCK = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'body',
  'br',
  'caption',
  'dd',
  'details',
  'dialog',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hgroup',
  'hr',
  'img',
  'li',
  'main',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'summary',
  'table',
  'tbody',
  'td',
  'tfoot',
  'th',
  'thead',
  'tr',
  'ul',
  'video',
  'audio',
  'input',
  'button',
  'option',
  'legend',
  'menu',
  'picture',
  'svg',
]);

/**
 * Characters the native path leaves to the loops: controls the rules drop (all but tab, line feed,
 * form feed and carriage return), invisible characters, combining marks, and anything beyond the
 * BMP or a lone surrogate half. Every kind of white space (JavaScript's `\s`, as the rules' class)
 * is folded by the native path itself.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: the controls the rules drop are what it looks for.
export const ODD = /[\0-\x08\x0b\x0e-\x1f\u00ad\u200b\u2060\ud800-\udfff\p{M}\u{10000}-\u{10ffff}]/u;
/**
 * The cheap first look at a node: the controls and soft hyphen ODD looks for, or any code unit from
 * U+0300 on. A node with none of them (most nodes of pages in Latin scripts) holds nothing ODD looks
 * for and is NFC already: every code point below U+0300 is its own NFC form, has combining class 0
 * and composes with nothing before it (checked for every one and every pair in
 * tests/unit/text-view.test.ts). The look needs no Unicode mode, so the engine runs it as a plain
 * character class, and no normalised copy is made to compare.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex lint/suspicious/noMisleadingCharacterClass: the controls the rules drop, and every code unit from U+0300 on (a range, not a character and its mark).
export const MAYBE_ODD = /[\0-\x08\x0b\x0e-\x1f\u00ad\u0300-\uffff]/;

/** Characters that render as nothing and that pages insert inconsistently. */
const INVISIBLE = new Set([0x00ad, 0x200b, 0x2060, 0xfeff]);

const MARK = /\p{M}/u;
const SPACE = /\s/u;

/**
 * Character classes, cached per BMP code unit (the index visits every character of a page, and a
 * regular expression per character is too slow on long non-Latin pages). 0 unknown, then bits:
 * 1 known, 2 white space, 4 combining mark, 8 changed by NFC on its own, 16 invisible.
 */
const classes = new Uint8Array(0x10000);
const KNOWN = 1;
export const WS = 2;
export const MRK = 4;
export const NFC = 8;
export const INV = 16;

export function classOf(cp: number): number {
  if (cp > 0xffff) {
    const ch = String.fromCodePoint(cp);
    return KNOWN | (MARK.test(ch) ? MRK : 0) | (ch.normalize('NFC') !== ch ? NFC : 0);
  }
  let c = classes[cp] as number;
  if (c === 0) {
    const ch = String.fromCharCode(cp);
    c = KNOWN;
    if (SPACE.test(ch)) c |= WS;
    else if (INVISIBLE.has(cp)) c |= INV;
    else {
      if (MARK.test(ch)) c |= MRK;
      // A lone surrogate half is never changed by NFC on its own.
      if ((cp < 0xd800 || cp > 0xdfff) && ch.normalize('NFC') !== ch) c |= NFC;
    }
    classes[cp] = c;
  }
  return c;
}
for (const cp of [0x20, 0x09, 0x0a, 0x0c, 0x0d]) classes[cp] = KNOWN | WS;
for (let cp = 0x21; cp < 0x7f; cp++) classes[cp] = KNOWN;

/** Hidden by its own attributes: `hidden`, or an inline `display: none`. */
export function hiddenByAttribute(el: Element): boolean {
  if (el.hasAttribute('hidden')) return true;
  const style = el.getAttribute('style');
  return style !== null && /display\s*:\s*none/i.test(style);
}
