/**
 * What Obsidian accepts, for the Markdown exports: tag names (in frontmatter and after `#`) and its
 * Date & time property format (help.obsidian.md: Tags; Properties). Pure.
 */

/** `#tag` form of a tag: spaces become hyphens, characters Markdown apps stop at are dropped. */
export function hashtag(tag: string): string {
  const body = tagName(tag);
  return body ? `#${body}` : '';
}

/**
 * A tag as Obsidian accepts it in frontmatter or after `#`: letters (any script), digits, `_`, `-`
 * and `/` for nesting (`politics/asia`); spaces become `-`; at least one character that is not a
 * digit (`2024` → `_2024`: Obsidian ignores a tag of digits only).
 */
export function tagName(tag: string): string {
  // Made once per tag: a library has few tags and many highlights (at 100,000 highlights, making
  // each highlight's tags again was 0.24 s of the export's 4.7 s on the page's thread, profiled).
  let name = tagNames.get(tag);
  if (name === undefined) {
    name = makeTagName(tag);
    if (tagNames.size >= MAX_TAG_NAMES) tagNames.clear();
    tagNames.set(tag, name);
  }
  return name;
}

/** Tag names already made, by tag (cleared when full: a bound, not a cache policy). */
const tagNames = new Map<string, string>();
const MAX_TAG_NAMES = 10_000;

function makeTagName(tag: string): string {
  const name = tag
    .normalize('NFC')
    .trim()
    .replace(/\s+/g, '-')
    .replace(/[^\p{L}\p{M}\p{N}_\-/]/gu, '')
    .replace(/\/{2,}/g, '/')
    .replace(/^\/+|\/+$/g, '');
  if (!name) return '';
  return /^[\p{N}/-]*$/u.test(name) ? `_${name}` : name;
}

/** A date and time as Obsidian's Date & time property reads it: local time, to the second. */
export function obsidianDateTime(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}
