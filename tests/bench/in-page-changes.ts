/**
 * Runs inside a real page (bundled by the benchmark): the article change check as the sidebar runs
 * it on opening an annotated article, and what the article record costs to keep, with and without
 * the text copy. Readability extracts once (its cost is measured elsewhere); then, per run, the
 * blocks are read from its HTML and fingerprinted, and compared with a baseline made before the
 * article was edited (3 paragraphs edited, 1 added, 2 removed).
 */
import { articleBlocks, compareBlocks, makeBaseline } from '@/lib/article-blocks';
import { extractArticle } from '@/lib/extract';
import type { Article } from '@/lib/schema';

export interface ChangesResult {
  blocks: number;
  /** Reading the blocks out of Readability's HTML (parse, walk, normalise). */
  blocksMs: number;
  /** Fingerprinting the blocks now and comparing with the baseline (its copy unpacked for the steps). */
  compareMs: number;
  counts: { edited: number; added: number; removed: number };
  /** The stored article record (JSON, UTF-8 bytes): with the text copy, and without it. */
  recordBytesWithCopy: number;
  recordBytesWithoutCopy: number;
}

const bytes = (value: unknown) => new TextEncoder().encode(JSON.stringify(value)).length;

function run(): ChangesResult {
  const copy = document.cloneNode(true) as Document;
  const { meta, content } = extractArticle(copy);
  const html = content ?? document.body.innerHTML;
  const original = articleBlocks(html);
  const at = Date.UTC(2021, 7, 6);
  const withCopy = makeBaseline(original, at, true);
  const withoutCopy = makeBaseline(original, at, false);

  // The article as edited since: three paragraphs reworded, one added, two removed.
  const doc = new DOMParser().parseFromString(html, 'text/html');
  const paragraphs = [...doc.querySelectorAll('p')].filter((p) => (p.textContent ?? '').length > 80);
  const step = Math.max(1, Math.floor(paragraphs.length / 7));
  for (let k = 0; k < 3; k++) {
    const p = paragraphs[k * step];
    if (p) p.append(' (updated)');
  }
  const added = doc.createElement('p');
  added.textContent = 'Correction: an earlier version of this article misstated a figure.';
  paragraphs[0]?.before(added);
  paragraphs[4 * step]?.remove();
  paragraphs[5 * step]?.remove();
  const edited = doc.body.innerHTML;

  const t0 = performance.now();
  const now = articleBlocks(edited);
  const t1 = performance.now();
  const changes = compareBlocks(withCopy, now);
  const t2 = performance.now();

  const record: Omit<Article, 'baseline'> = {
    ...meta,
    id: 'bench',
    url: location.href,
    urls: [location.href],
    note: '',
    extractedAt: at,
    lastSeenAt: at,
    createdAt: at,
    updatedAt: at,
    lastChanges: { edited: changes.edited, added: changes.added, removed: changes.removed, at },
  };
  return {
    blocks: original.length,
    blocksMs: t1 - t0,
    compareMs: t2 - t1,
    counts: { edited: changes.edited, added: changes.added, removed: changes.removed },
    recordBytesWithCopy: bytes({ ...record, baseline: withCopy }),
    recordBytesWithoutCopy: bytes({ ...record, baseline: withoutCopy }),
  };
}

(globalThis as unknown as { __marginaliaChanges: typeof run }).__marginaliaChanges = run;
