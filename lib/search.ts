/**
 * Library search: case- and diacritic-insensitive ("dang" finds "Đảng", "kien" finds "kiến", "cafe"
 * finds "café"), over quotes, notes, tags and article titles and page notes. Each query word matches
 * the start of a word ("hung" finds "Hùng", not "chung"); in scripts written without spaces (CJK,
 * Thai) it matches anywhere.
 *
 * The index is the folded text of every record laid end to end in one string, with the offset where
 * each record starts, and where each word starts, listed by its first three characters. Folding
 * happens once, when the index is built; a query is folded, and a word of three characters or more
 * is looked for only where a word starts with the same three (a check of each such place); a
 * shorter word, or one in a script written without spaces, with `indexOf` over the whole string.
 * No record is folded or visited per keystroke.
 */

import { fold, foldRecords, foldWithMap } from './search-fold';
import { blocks, bucketOf, listWordStarts, UNSPACED, WORD_CHAR, type WordStarts } from './search-words';
import { runSteps } from './steps';

/** True when a match of `term` at `at` in folded `text` starts a word (or needs no word break). */
function startsWord(text: string, at: number, term: string): boolean {
  if (at === 0) return true;
  const code = text.charCodeAt(at - 1);
  // Fast path for the common cases: a space or separator before, or an ASCII letter or digit.
  if (code === 0x20 || code === 0) return true;
  const asciiWord = (code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39);
  const first = term.charCodeAt(0);
  if (asciiWord && ((first >= 0x61 && first <= 0x7a) || (first >= 0x30 && first <= 0x39))) return false;
  const before = text[at - 1] as string;
  if (!WORD_CHAR.test(before)) return true;
  // A term starting with punctuation, or text without spaces between words, matches anywhere.
  const head = term[0] as string;
  return !WORD_CHAR.test(head) || UNSPACED.test(head) || UNSPACED.test(before);
}

/** The next match of `term` in `text` from `from` that starts a word, or -1. */
function findWord(text: string, term: string, from: number): number {
  let at = text.indexOf(term, from);
  while (at !== -1 && !startsWord(text, at, term)) at = text.indexOf(term, at + 1);
  return at;
}

/** The words of a query, folded; quotes are ignored (every word must match, anywhere). */
export function queryTerms(query: string): string[] {
  return [
    ...new Set(
      fold(query.replace(/["“”„«»]/g, ' '))
        .split(' ')
        .filter(Boolean),
    ),
  ];
}

/** Where the terms occur in `text`, as [start, end) ranges of `text`, merged and in order. */
export function matchRanges(text: string, terms: readonly string[]): [number, number][] {
  if (!terms.length || !text) return [];
  const { folded, from, to } = foldWithMap(text);
  const ranges: [number, number][] = [];
  for (const term of terms) {
    let at = findWord(folded, term, 0);
    while (at !== -1) {
      ranges.push([from[at] as number, to[at + term.length - 1] as number]);
      at = findWord(folded, term, at + Math.max(1, term.length));
    }
  }
  ranges.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  return merged;
}

/** Folded records end to end, searched with indexOf. */
class Corpus {
  /** Records whose text changed since the corpus was made: their folded text now, looked in alone. */
  private changed: Map<number, string> | null = null;

  /** `text` and `starts` as `foldRecords` makes them, and the word starts of `text`. */
  constructor(
    private readonly text: string,
    private readonly starts: Int32Array,
    private readonly words: WordStarts,
  ) {}

  /** This corpus with these records' texts replaced (the big text shared, not made again). */
  with(changes: ReadonlyMap<number, string>): Corpus {
    const next = Object.create(Corpus.prototype) as Corpus;
    Object.assign(next, this);
    next.changed = new Map(this.changed);
    for (const [record, text] of changes) next.changed.set(record, `${fold(text)}\u0000`);
    return next;
  }

  /** How many records have a replaced text. */
  get replaced(): number {
    return this.changed?.size ?? 0;
  }

  /**
   * Marks in `hits` every record containing `term`; with `among`, only the records marked there
   * (the search skips the others: a second word looks only where the first was found).
   */
  find(term: string, hits: Uint8Array, among: Uint8Array | null = null): void {
    const { changed } = this;
    if (term.length >= 3 && blocks(term.charCodeAt(0))) this.findAtWordStarts(term, hits, among);
    else this.scan(term, hits, among);
    if (!changed) return;
    // Replaced records: their new text decides, whatever their old text above said.
    for (const [r, now] of changed) {
      if (among && !among[r]) continue;
      hits[r] = findWord(now, term, 0) === -1 ? 0 : 1;
    }
  }

  /**
   * `find` for a word of three units or more starting with a letter or digit of a script written
   * with spaces: it can match only where a word starts with the same three, so only those places
   * (and any sharing their bucket) are checked.
   */
  private findAtWordStarts(term: string, hits: Uint8Array, among: Uint8Array | null): void {
    const { text, starts } = this;
    const { first, positions } = this.words;
    const b = bucketOf(term, 0);
    const last = first[b + 1] as number;
    let record = 0;
    for (let k = first[b] as number; k < last; k++) {
      const at = positions[k] as number;
      // Places come in text order: walk forward to the record holding this one.
      while ((starts[record + 1] as number) <= at) record++;
      if (hits[record] || (among && !among[record])) continue;
      if (text.startsWith(term, at)) hits[record] = 1;
    }
  }

  /** `find` by `indexOf` over the whole text: any word (a short one, or in a script without spaces). */
  private scan(term: string, hits: Uint8Array, among: Uint8Array | null): void {
    const { text, starts } = this;
    const records = starts.length - 1;
    let record = 0;
    for (;;) {
      if (among) while (record < records && !among[record]) record++;
      if (record >= records) break;
      const at = findWord(text, term, starts[record] as number);
      if (at === -1) break;
      // Hits come in order: walk forward to the record holding this one.
      while ((starts[record + 1] as number) <= at) record++;
      if (!among || among[record]) hits[record] = 1;
      // One hit per record is enough.
      record++;
    }
  }
}

/** A record of the index: what a highlight says, and which article it belongs to. */
export interface SearchItem {
  articleId: string;
  /** Quote, note and tags of the highlight. */
  text: string;
}

/** What an article contributes: its title and page note (a match there matches all its highlights). */
export interface SearchArticle {
  id: string;
  text: string;
}

/** An item matched by its own text (every term in its quote, note or tags). */
export const OWN = 2;
/** An item matched only with help of its article (a term only in the title or page note). */
export const VIA_ARTICLE = 1;

/** Replaced records an index carries before it is better made again (each is searched on its own). */
const MAX_REPLACED = 2000;

/** The search index over highlights and their articles. */
export class SearchIndex {
  private items: Corpus;
  private articles: Corpus;
  private articleIndex = new Map<string, number>();
  private itemArticle: Int32Array;

  /**
   * This index with some items' and articles' texts replaced (by their places), the rest shared;
   * null once so many are replaced that making the index again is the better way.
   */
  with(items: ReadonlyMap<number, string>, articles: ReadonlyMap<number, string>): SearchIndex | null {
    if (this.items.replaced + this.articles.replaced + items.size + articles.size > MAX_REPLACED) return null;
    const next = Object.create(SearchIndex.prototype) as SearchIndex;
    Object.assign(next, this);
    next.items = this.items.with(items);
    next.articles = this.articles.with(articles);
    return next;
  }

  constructor(items: readonly SearchItem[], articles: readonly SearchArticle[]) {
    const made = runSteps(
      SearchIndex.steps(
        {
          items,
          itemText: (i) => i.text,
          articleOf: (i) => i.articleId,
          articles,
          articleText: (a) => a.text,
          idOf: (a) => a.id,
        },
        () => false,
      ),
    );
    this.items = made.items;
    this.articles = made.articles;
    this.articleIndex = made.articleIndex;
    this.itemArticle = made.itemArticle;
  }

  /**
   * The same index built in steps (`buildLibraryDataSliced`): yields when `yieldNow()` says so,
   * between chunks of the folding, which is most of the work.
   */
  static *steps<I, A>(
    from: {
      items: readonly I[];
      itemText: (item: I) => string;
      articleOf: (item: I) => string;
      articles: readonly A[];
      articleText: (article: A) => string;
      idOf: (article: A) => string;
    },
    yieldNow: () => boolean,
  ): Generator<void, SearchIndex, void> {
    const { items, articles } = from;
    const itemText = yield* foldRecords(items, from.itemText, yieldNow);
    const articleText = yield* foldRecords(articles, from.articleText, yieldNow);
    const itemWords = yield* listWordStarts(itemText.text, yieldNow);
    const articleWords = yield* listWordStarts(articleText.text, yieldNow);
    const index = Object.create(SearchIndex.prototype) as SearchIndex;
    index.items = new Corpus(itemText.text, itemText.starts, itemWords);
    index.articles = new Corpus(articleText.text, articleText.starts, articleWords);
    index.articleIndex = new Map();
    for (const [i, a] of articles.entries()) index.articleIndex.set(from.idOf(a), i);
    if (yieldNow()) yield;
    // Each item's article, looking at the clock now and then (at 100,000 highlights this and the
    // map above were 50–90 ms of a fresh page's thread in one go).
    index.itemArticle = new Int32Array(items.length);
    for (let i = 0; i < items.length; i++) {
      index.itemArticle[i] = index.articleIndex.get(from.articleOf(items[i] as I)) ?? -1;
      if (i % 1024 === 1023 && yieldNow()) yield;
    }
    return index;
  }

  /**
   * Which items match every term, per item: {@link OWN} when every term is in the item itself
   * (quote, note, tags), {@link VIA_ARTICLE} when some term is only in its article's title or page
   * note, 0 for no match; null for an empty query (everything matches).
   */
  search(terms: readonly string[]): Uint8Array | null {
    if (!terms.length) return null;
    const n = this.itemArticle.length;
    let result: Uint8Array | null = null;
    const own = new Uint8Array(n);
    const articleHits = new Uint8Array(this.articleIndex.size);
    for (const term of terms) {
      own.fill(0);
      articleHits.fill(0);
      // After the first word, only the items still matching are looked at.
      this.items.find(term, own, result);
      this.articles.find(term, articleHits);
      if (!result) {
        result = new Uint8Array(n);
        for (let i = 0; i < n; i++) {
          const a = this.itemArticle[i] as number;
          result[i] = own[i] ? OWN : a >= 0 && articleHits[a] ? VIA_ARTICLE : 0;
        }
      } else {
        for (let i = 0; i < n; i++) {
          if (!result[i]) continue;
          const a = this.itemArticle[i] as number;
          const hit = own[i] ? OWN : a >= 0 && articleHits[a] ? VIA_ARTICLE : 0;
          if (hit < (result[i] as number)) result[i] = hit;
        }
      }
    }
    return result;
  }
}
