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

/** A step before the kept text is looked up: indexes into the baseline (`i`) and the blocks now (`j`). */
type Step =
  | { kind: 'same'; j: number }
  | { kind: 'added'; j: number }
  | { kind: 'removed'; i: number }
  | { kind: 'edited'; i: number; j: number };

/**
 * Compares the blocks now with the baseline, by fingerprint. A run of removed blocks followed by a
 * run of added ones is that many blocks edited (pairwise), the rest added or removed. The counts
 * cost fingerprints and a diff of them; the kept copy is unpacked only if the steps are shown.
 */
export function compareBlocks(baseline: Baseline, now: readonly string[]): ArticleChanges {
  const nowHashes = now.map(blockHash);
  const plan: Step[] = [];
  const unchanged = nowHashes.length === baseline.hashes.length && nowHashes.every((h, k) => h === baseline.hashes[k]);
  if (unchanged) for (let j = 0; j < now.length; j++) plan.push({ kind: 'same', j });
  else {
    let i = 0;
    let j = 0;
    const parts = diffArrays(baseline.hashes, nowHashes);
    for (let k = 0; k < parts.length; k++) {
      const part = parts[k] as (typeof parts)[number];
      const count = part.value.length;
      if (!part.added && !part.removed) {
        for (let n = 0; n < count; n++) plan.push({ kind: 'same', j: j + n });
        i += count;
        j += count;
        continue;
      }
      if (part.removed) {
        const next = parts[k + 1];
        const added = next?.added ? next.value.length : 0;
        const paired = Math.min(count, added);
        for (let n = 0; n < paired; n++) plan.push({ kind: 'edited', i: i + n, j: j + n });
        for (let n = paired; n < count; n++) plan.push({ kind: 'removed', i: i + n });
        for (let n = paired; n < added; n++) plan.push({ kind: 'added', j: j + n });
        i += count;
        j += added;
        if (added) k++;
        continue;
      }
      for (let n = 0; n < count; n++) plan.push({ kind: 'added', j: j + n });
      j += count;
    }
  }
  const count = (kind: BlockChange['kind']) => plan.filter((s) => s.kind === kind).length;
  let steps: BlockChange[] | null = null;
  return {
    edited: count('edited'),
    added: count('added'),
    removed: count('removed'),
    get steps() {
      if (steps) return steps;
      const before = plan.some((s) => s.kind === 'edited' || s.kind === 'removed') ? baselineBlocks(baseline) : null;
      steps = plan.map((s): BlockChange => {
        if (s.kind === 'same') return { kind: 'same', text: now[s.j] as string };
        if (s.kind === 'added') return { kind: 'added', after: now[s.j] as string };
        if (s.kind === 'removed') return { kind: 'removed', before: before?.[s.i] ?? null };
        return { kind: 'edited', before: before?.[s.i] ?? null, after: now[s.j] as string };
      });
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
