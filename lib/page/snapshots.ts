/**
 * Snapshots of the page's markup waiting for the extension page that asked to fetch them, a chunk
 * per message (lib/page/serialize.ts says why). Page side.
 */
import { chunkPieces } from './serialize';

/** Characters a chunk holds at most: its reply is serialised on the page's thread in a few ms. */
export const CHUNK_CHARS = 128 * 1024;
/** A snapshot nobody finished fetching (the sidebar closed) is dropped after this long. */
const KEEP_MS = 60_000;

export class Snapshots {
  private readonly kept = new Map<string, { chunks: string[][]; timer: ReturnType<typeof setTimeout> }>();
  private next = 0;

  constructor(private readonly chunkChars = CHUNK_CHARS) {}

  /** Keeps the pieces of one snapshot; returns its id and how many chunks it has. */
  keep(pieces: readonly string[]): { id: string; chunks: number } {
    const id = `snapshot-${++this.next}`;
    const chunks = chunkPieces(pieces, this.chunkChars);
    this.kept.set(id, { chunks, timer: setTimeout(() => this.kept.delete(id), KEEP_MS) });
    return { id, chunks: chunks.length };
  }

  /** Chunk `index` of snapshot `id`, joined now; the last one ends the snapshot. */
  chunk(id: string, index: number): string {
    const kept = this.kept.get(id);
    const pieces = kept?.chunks[index];
    if (!kept || !pieces) throw new Error(`No chunk ${index} of ${id}`);
    if (index === kept.chunks.length - 1) {
      clearTimeout(kept.timer);
      this.kept.delete(id);
    }
    return pieces.join('');
  }

  /** Drops every snapshot (the page side ends). */
  clear(): void {
    for (const { timer } of this.kept.values()) clearTimeout(timer);
    this.kept.clear();
  }
}
