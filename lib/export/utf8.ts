/**
 * Text written as UTF-8 into a buffer the caller keeps, by a loop over the string's code units.
 *
 * Why not TextEncoder.encodeInto: in Chromium, the first time a string goes to a Web API, Blink
 * copies it into a string of its own and makes the JS string point there, and the export's
 * Markdown files each go once. 10,000 fresh files of 4.7 K characters (the 100k library's export):
 * 500–570 ms with encodeInto, 150–160 ms with this loop, same page, same bytes (encodeInto again on
 * the same strings: 165–190 ms). Lone surrogates become U+FFFD, as TextEncoder writes them.
 */

/** At most this many bytes per UTF-16 code unit. */
export const UTF8_MAX_PER_UNIT = 3;

/** Writes `text` as UTF-8 into `out` from `at` (room for `UTF8_MAX_PER_UNIT` bytes a unit); returns the end. */
export function utf8Into(text: string, out: Uint8Array, at: number): number {
  let p = at;
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (c < 0x80) {
      out[p++] = c;
    } else if (c < 0x800) {
      out[p++] = 0xc0 | (c >> 6);
      out[p++] = 0x80 | (c & 0x3f);
    } else {
      if (c >= 0xd800 && c <= 0xdfff) {
        const next = i + 1 < text.length ? text.charCodeAt(i + 1) : 0;
        if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
          // A surrogate pair: one code point of four bytes.
          const cp = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00);
          out[p++] = 0xf0 | (cp >> 18);
          out[p++] = 0x80 | ((cp >> 12) & 0x3f);
          out[p++] = 0x80 | ((cp >> 6) & 0x3f);
          out[p++] = 0x80 | (cp & 0x3f);
          i++;
          continue;
        }
        c = 0xfffd; // a lone surrogate
      }
      out[p++] = 0xe0 | (c >> 12);
      out[p++] = 0x80 | ((c >> 6) & 0x3f);
      out[p++] = 0x80 | (c & 0x3f);
    }
  }
  return p;
}
