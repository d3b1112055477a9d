/**
 * One highlight, one record, wherever it was made. Two highlights are the same when they belong to
 * the same article and mark the same passage: the same quote (NFC, white space as single spaces) at
 * the same position in the article's text, or — when a position differs (another text model, an
 * older record) — the same quote with the same context on both sides. Restore, import and sync all
 * merge by this rule, so a Chrome backup restored into Firefox, where the same passages were already
 * highlighted, adds none twice.
 *
 * Merging keeps the earlier highlight's id and creation time (the smaller id on a tie, so every
 * device that merges the pair keeps the same one), keeps the losing version (when its type, status
 * or source link differ) in the highlight's `merges`, takes claim type, status and source
 * link from the later edit, unites the tags (sorted, as a set), and keeps both notes: when neither note already holds
 * the other, the later note comes first and the earlier one follows after a blank line. Nothing is
 * dropped. Pure.
 */
import { normaliseTags } from './records';
import type { Highlight } from './schema';

const norm = (text: string) => text.normalize('NFC').replace(/\s+/g, ' ').trim();

/** The passage a highlight marks, as a key: the same key is the same passage of the same article. */
export function passageKey(h: Pick<Highlight, 'articleId' | 'target'>): string {
  const [quote, position] = h.target.selector;
  return `${h.articleId}\u0000${position.start}\u0000${norm(quote.exact)}`;
}

/** The passage by its quote and context alone (positions from another text model differ). */
export function contextKey(h: Pick<Highlight, 'articleId' | 'target'>): string {
  const [quote] = h.target.selector;
  return `${h.articleId}\u0000${norm(quote.prefix)}\u0000${norm(quote.exact)}\u0000${norm(quote.suffix)}`;
}

/** Both notes, neither lost: the later first, the earlier after a blank line (once). */
export function mergeNotes(later: string, earlier: string): string {
  const a = later.trim();
  const b = earlier.trim();
  if (!b || a.includes(b)) return later;
  if (!a || b.includes(a)) return earlier;
  return `${a}\n\n${b}`;
}

/** The fields the later edit decides, as one comparable value. */
const edited = (h: Highlight) => JSON.stringify([h.claimType, h.status, h.sourceUrl]);

/**
 * True when `a` was edited before `b`: by edit time, then (the same millisecond on two devices) by
 * the edited fields themselves and the note, so the choice is the same whichever device makes it,
 * and again on the merged record (which carries the winner's fields).
 */
function editedFirst(a: Highlight, b: Highlight): boolean {
  if (a.updatedAt !== b.updatedAt) return a.updatedAt < b.updatedAt;
  if (edited(a) !== edited(b)) return edited(a) < edited(b);
  return a.note <= b.note;
}

/** The same passage highlighted twice, as one highlight (see the module doc for the rule). */
export function mergeHighlights(a: Highlight, b: Highlight): Highlight {
  // The earlier one's identity: the same on every device that merges the pair (ties by id).
  const aFirst = a.createdAt < b.createdAt || (a.createdAt === b.createdAt && a.id <= b.id);
  const [earlier, later] = aFirst ? [a, b] : [b, a];
  const [older, newer] = editedFirst(a, b) ? [a, b] : [b, a];
  const history = [...(earlier.history ?? []), ...(later.history ?? [])];
  // The later edit's, as it left them (a type removed later stays removed); what the earlier had is kept.
  const { claimType, status, sourceUrl } = newer;
  // The older version lost something when one of its own values is not what the merge keeps.
  const lost =
    (older.claimType !== null && older.claimType !== claimType) ||
    (older.status !== null && older.status !== status) ||
    (older.sourceUrl !== null && older.sourceUrl !== sourceUrl);
  const merges = keptVersions(older, newer, lost);
  return {
    ...newer,
    id: earlier.id,
    articleId: earlier.articleId,
    target: earlier.target,
    createdAt: earlier.createdAt,
    updatedAt: Math.max(a.updatedAt, b.updatedAt),
    // A set: in one order on every device, so merging twice or the other way round changes nothing.
    tags: normaliseTags([...older.tags, ...newer.tags]).sort(),
    note: mergeNotes(newer.note, older.note),
    claimType,
    status,
    sourceUrl,
    ...(history.length ? { history: history.slice(-100) } : {}),
    ...(merges.length ? { merges } : {}),
  };
}

type Kept = NonNullable<Highlight['merges']>[number];

/**
 * The versions both sides kept from earlier merges, and the losing side's own when one of its type,
 * status or source link did not survive: one list, in one order on every device, each once.
 */
function keptVersions(older: Highlight, newer: Highlight, lost: boolean): Kept[] {
  const all: Kept[] = [...(older.merges ?? []), ...(newer.merges ?? [])];
  if (lost) {
    const { claimType, status, sourceUrl, note, tags } = older;
    all.push({ at: older.updatedAt, claimType, status, sourceUrl, note, tags });
  }
  const unique = new Map(all.map((k) => [JSON.stringify(k), k]));
  return [...unique.entries()]
    .sort(([ka, a], [kb, b]) => a.at - b.at || (ka < kb ? -1 : ka > kb ? 1 : 0))
    .map(([, k]) => k)
    .slice(-20);
}

/** True when a merge would change nothing in `stored` (the same record came back). */
export function sameContent(stored: Highlight, merged: Highlight): boolean {
  return JSON.stringify(stored) === JSON.stringify(merged);
}

/**
 * Finds, among stored highlights, the one that marks the same passage as `incoming`: by quote and
 * position first, else by quote and context when exactly one matches.
 */
export class PassageIndex {
  private byPosition = new Map<string, Highlight>();
  private byContext = new Map<string, Highlight[]>();
  /** The articles it holds passages of: a highlight of any other has no key worth making. */
  private articles = new Set<string>();

  constructor(highlights: Iterable<Highlight>) {
    for (const h of highlights) this.add(h);
  }

  add(h: Highlight): void {
    this.articles.add(h.articleId);
    this.byPosition.set(passageKey(h), h);
    const key = contextKey(h);
    const list = this.byContext.get(key);
    if (list) list.push(h);
    else this.byContext.set(key, [h]);
  }

  /** Replaces a stored highlight by its merged version (same id). */
  replace(old: Highlight, merged: Highlight): void {
    this.byPosition.delete(passageKey(old));
    const list = this.byContext.get(contextKey(old));
    if (list) {
      const i = list.findIndex((h) => h.id === old.id);
      if (i >= 0) list.splice(i, 1);
    }
    this.add(merged);
  }

  find(incoming: Highlight): Highlight | undefined {
    // Restoring into a fresh library, or an article new here: nothing to find (the keys normalise
    // every quote and context, 1.7 s of a restore at 100,000 highlights).
    if (!this.articles.has(incoming.articleId)) return undefined;
    const same = this.byPosition.get(passageKey(incoming));
    if (same) return same;
    const candidates = this.byContext.get(contextKey(incoming));
    return candidates?.length === 1 ? candidates[0] : undefined;
  }
}
