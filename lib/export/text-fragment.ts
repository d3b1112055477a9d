/**
 * Links back to the passage: a URL text fragment (`#:~:text=prefix-,start,end,-suffix`, WICG
 * scroll-to-text-fragment), built from a highlight's TextQuoteSelector. Chrome, Edge and Safari
 * scroll to and mark the passage; other browsers open the page.
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

/** The words of text whose white space is already single spaces. */
function words(text: string): string[] {
  return text.split(' ').filter(Boolean);
}

/** The last few whole words of `prefix` (a partial first word is dropped). */
function tailWords(prefix: string, count: number): string {
  const clean = prefix.replace(/\s+/g, ' ');
  if (unspaced(clean)) return [...clean.trim()].slice(-6).join('');
  const all = words(clean);
  if (!/^\s/.test(clean) && all.length > 1) all.shift();
  return all.slice(-count).join(' ');
}

function headWords(suffix: string, count: number): string {
  const clean = suffix.replace(/\s+/g, ' ');
  if (unspaced(clean)) return [...clean.trim()].slice(0, 6).join('');
  const all = words(clean);
  if (!/\s$/.test(clean) && all.length > 1) all.pop();
  return all.slice(0, count).join(' ');
}

/** The `text=` directive for a quote: short quotes whole, long ones by their first and last words. */
export function textDirective(selector: TextQuoteSelector): string {
  const exact = selector.exact.replace(/\s+/g, ' ').trim();
  const parts: string[] = [];
  const before = tailWords(selector.prefix, 3);
  if (before) parts.push(`${encodeTerm(before)}-`);
  if (unspaced(exact)) {
    const chars = [...exact];
    if (chars.length > 60) parts.push(encodeTerm(chars.slice(0, 20).join('')), encodeTerm(chars.slice(-20).join('')));
    else parts.push(encodeTerm(exact));
  } else {
    const w = words(exact);
    if (w.length > 12) parts.push(encodeTerm(w.slice(0, 5).join(' ')), encodeTerm(w.slice(-5).join(' ')));
    else parts.push(encodeTerm(exact));
  }
  const after = headWords(selector.suffix, 3);
  if (after) parts.push(`-${encodeTerm(after)}`);
  return `text=${parts.join(',')}`;
}

/** The page URL with a text fragment for the quote (kept after an existing `#fragment`). */
export function passageLink(url: string, selector: TextQuoteSelector): string {
  const directive = `:~:${textDirective(selector)}`;
  const hash = url.indexOf('#');
  if (hash < 0) return `${url}#${directive}`;
  const base = url.slice(0, hash + 1) + url.slice(hash + 1).replace(/:~:.*$/, '');
  return base + directive;
}
