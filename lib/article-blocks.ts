/**
 * What an article said when it was first annotated, and what changed since: its text blocks
 * (paragraphs, headings, list items … of Readability's article), a fingerprint of each, and a
 * compressed copy of their text so the changes can be shown, not only counted. Pure: the sidebar
 * extracts, the repository keeps the baseline.
 */
import { diffArrays } from 'diff';
import { strFromU8, strToU8, unzlibSync, zlibSync } from 'fflate';
import { fnv64 } from './hash';

/** The elements whose text makes a block. */
const BLOCKS = 'p, li, h1, h2, h3, h4, h5, h6, blockquote, pre, figcaption, td, th, dd, dt';
/** Beyond this many characters of text the copy is not kept (the fingerprints still are). */
export const MAX_COPY_CHARS = 1_000_000;

/** The text blocks of an article's HTML, in order: normalised (NFC, one space), empty ones left out. */
export function articleBlocks(html: string, parser: DOMParser = new DOMParser()): string[] {
  const doc = parser.parseFromString(html, 'text/html');
  const blocks: string[] = [];
  for (const el of doc.querySelectorAll(BLOCKS)) {
    // A block inside another block (a paragraph in a list item) counts once, as the inner one.
    if (el.querySelector(BLOCKS)) continue;
    const text = (el.textContent ?? '').normalize('NFC').replace(/\s+/g, ' ').trim();
    if (text) blocks.push(text);
  }
  return blocks;
}

/**
 * A block's fingerprint (two 32-bit FNV-1a hashes, 16 hex digits) of a block as {@link articleBlocks}
 * gives it, already normalised: the same as `textHash` of it (which fingerprinted blocks before, so
 * kept baselines still compare), without normalising the text a second time.
 */
export function blockHash(block: string): string {
  return fnv64(block);
}

/** The baseline kept for an article: when, each block's fingerprint, and (if small enough) the text. */
export interface Baseline {
  at: number;
  hashes: string[];
  /** The blocks' text, zlib-compressed, base64; absent when the user turned copies off or it is huge. */
  copy?: string;
}

/** Makes a baseline of the blocks now. */
export function makeBaseline(blocks: readonly string[], at: number, keepCopy = true): Baseline {
  const baseline: Baseline = { at, hashes: blocks.map(blockHash) };
  if (keepCopy && blocks.reduce((n, b) => n + b.length, 0) <= MAX_COPY_CHARS) {
    baseline.copy = toBase64(zlibSync(strToU8(JSON.stringify(blocks)), { level: 6 }));
  }
  return baseline;
}

/** The blocks' text of a baseline that kept a copy; null otherwise (or if the copy is unreadable). */
export function baselineBlocks(baseline: Baseline): string[] | null {
  if (!baseline.copy) return null;
  try {
    const blocks = JSON.parse(strFromU8(unzlibSync(fromBase64(baseline.copy)))) as unknown;
    return Array.isArray(blocks) && blocks.every((b) => typeof b === 'string') ? blocks : null;
  } catch {
    return null;
  }
}

/** One step of the paragraph diff. */
export type BlockChange =
  | { kind: 'same'; text: string }
  | { kind: 'edited'; before: string | null; after: string }
  | { kind: 'added'; after: string }
  | { kind: 'removed'; before: string | null };

/** What changed between the baseline and the blocks now, counted and, with a copy, step by step. */
export interface ArticleChanges {
  edited: number;
  added: number;
  removed: number;
  /** The paragraph diff; the kept copy is unpacked only when the steps are first read. */
  readonly steps: BlockChange[];
}

/**
 * A run of steps before the kept text is looked up: `count` steps of one kind, from block `i` of the
 * baseline and block `j` of the blocks now (an added run takes none of the baseline's, a removed
 * run none of the blocks now).
 */
interface Run {
  kind: BlockChange['kind'];
  i: number;
  j: number;
  count: number;
}

/**
 * Compares the blocks now with the baseline, by fingerprint. A run of removed blocks followed by a
 * run of added ones is that many blocks edited (pairwise), the rest added or removed. The counts
 * cost fingerprints and a diff of them; the kept copy is unpacked only if the steps are shown.
 *
 * The blocks both start with, and those both end with, are the same without a diff: only what lies
 * between them is diffed (jsdiff's Myers diff), and the steps are kept as runs until they are read
 * (the change check runs as the sidebar opens an annotated article: ~800 blocks on a long one).
 */
export function compareBlocks(baseline: Baseline, now: readonly string[]): ArticleChanges {
  const before = baseline.hashes;
  const after = now.map(blockHash);
  const shorter = Math.min(before.length, after.length);
  let head = 0;
  while (head < shorter && before[head] === after[head]) head++;
  let tail = 0;
  while (tail < shorter - head && before[before.length - 1 - tail] === after[after.length - 1 - tail]) tail++;

  const runs: Run[] = [];
  const counts = { same: 0, edited: 0, added: 0, removed: 0 };
  const push = (kind: Run['kind'], i: number, j: number, count: number) => {
    if (count <= 0) return;
    runs.push({ kind, i, j, count });
    counts[kind] += count;
  };
  push('same', 0, 0, head);
  let i = head;
  let j = head;
  if (head + tail < before.length || head + tail < after.length) {
    const parts = diffArrays(before.slice(head, before.length - tail), after.slice(head, after.length - tail));
    for (let k = 0; k < parts.length; k++) {
      const part = parts[k] as (typeof parts)[number];
      const count = part.value.length;
      if (part.removed) {
        const next = parts[k + 1];
        const added = next?.added ? next.value.length : 0;
        const paired = Math.min(count, added);
        push('edited', i, j, paired);
        push('removed', i + paired, j + paired, count - paired);
        push('added', i + count, j + paired, added - paired);
        i += count;
        j += added;
        if (added) k++;
      } else if (part.added) {
        push('added', i, j, count);
        j += count;
      } else {
        push('same', i, j, count);
        i += count;
        j += count;
      }
    }
  }
  push('same', i, j, tail);

  let steps: BlockChange[] | null = null;
  return {
    edited: counts.edited,
    added: counts.added,
    removed: counts.removed,
    get steps() {
      if (steps) return steps;
      const kept = counts.edited || counts.removed ? baselineBlocks(baseline) : null;
      const out: BlockChange[] = [];
      for (const run of runs) {
        for (let n = 0; n < run.count; n++) {
          const was = kept?.[run.i + n] ?? null;
          const is = now[run.j + n] as string;
          if (run.kind === 'same') out.push({ kind: 'same', text: is });
          else if (run.kind === 'added') out.push({ kind: 'added', after: is });
          else if (run.kind === 'removed') out.push({ kind: 'removed', before: was });
          else out.push({ kind: 'edited', before: was, after: is });
        }
      }
      steps = out;
      return steps;
    },
  };
}

function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

function fromBase64(text: string): Uint8Array {
  const s = atob(text);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}
