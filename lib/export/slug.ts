/**
 * File names for exports: the title as a readable slug in its own script (Vietnamese keeps its
 * diacritics, CJK and Arabic stay as they are), safe on Windows, macOS and Linux and inside a zip,
 * and unique within one export.
 */

/** Characters no file system or zip tool should see in a name, plus controls and bidi overrides. */
const UNSAFE = /[\\/:*?"<>|#%&{}$!'`@=+^~[\]\p{Cc}\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;
/** Names Windows reserves, whatever the extension. */
const RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)$/i;
const MAX_CHARS = 100;

/** The title as a slug (no extension); `fallback` when nothing readable is left. */
export function slugify(title: string, fallback = 'article'): string {
  const slug = title
    .normalize('NFC')
    .replace(UNSAFE, ' ')
    .trim()
    .replace(/[\s.]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '');
  // Cut long titles between words where possible, by characters (never inside a code point).
  const chars = [...slug];
  let cut = chars.slice(0, MAX_CHARS).join('');
  if (chars.length > MAX_CHARS && cut.lastIndexOf('-') > 40) cut = cut.slice(0, cut.lastIndexOf('-'));
  cut = cut.replace(/-+$/, '');
  if (!cut || RESERVED.test(cut)) return cut ? `${cut}-${fallback}` : fallback;
  return cut;
}

/** Hands out file names, adding ` -2`, `-3`… so that no two are equal (case-insensitively). */
export class UniqueNames {
  private readonly taken = new Set<string>();

  /** A name for `title` with the extension, unique among the names given so far. */
  next(title: string, extension: string, fallback = 'article'): string {
    const base = slugify(title, fallback);
    let name = `${base}.${extension}`;
    for (let n = 2; this.taken.has(name.toLocaleLowerCase('en')); n++) name = `${base}-${n}.${extension}`;
    this.taken.add(name.toLocaleLowerCase('en'));
    return name;
  }
}
