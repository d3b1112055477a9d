/**
 * The Markdown zip, built file by file as the files are made (fflate's streaming `Zip`), so that
 * the deflating can run in a worker alongside the Markdown (lib/export/zip-worker.ts) or, where
 * there is no worker, here. Both ways make the same bytes.
 *
 * Level 1: Markdown still shrinks ~3x, at a fraction of level 6's time on 45 MB. Made on Unix (os 3,
 * rw-r--r--): Info-ZIP's unzip honours the UTF-8 name flag only then, and lists Vietnamese, CJK and
 * Arabic names as they are (it shows MS-DOS entries' names as mojibake).
 *
 * The deflating is pako's port of zlib, through zlib's own API: one stream, reset between files, so
 * its window and hash tables are made once for the whole zip. fflate's deflateSync makes ~180 KB of
 * typed arrays for every file, and in Chromium making them costs more than deflating a 4.7 KB
 * Markdown file: the 10,000 files of the 100k library took 4.6 s that way, 1.4 s this way (same
 * page, same files). fflate still writes the zip around them.
 */
import { type FlateError, Zip, ZipPassThrough } from 'fflate';
import { Z_FINISH, Z_STREAM_END, ZStream, zlibDeflate, zlibDeflateInit2, zlibDeflateReset } from 'pako';
import { UTF8_MAX_PER_UNIT, utf8Into } from './utf8';

/** Raw deflate (no zlib header, as zip entries are), level 1, one stream reused for every file. */
export class RawDeflater {
  private readonly stream = new ZStream();
  private out = new Uint8Array(1 << 16);

  constructor() {
    // Level 1, method 8 (deflate), -15: a raw 32 KB window, memLevel 8 (zlib's default), default strategy.
    check(zlibDeflateInit2(this.stream, 1, 8, -15, 8, 0), 0);
  }

  /** Deflates `data` as a stream of its own (no history shared with the files before it). */
  deflate(data: Uint8Array): Uint8Array<ArrayBuffer> {
    const s = this.stream;
    check(zlibDeflateReset(s), 0);
    s.input = data;
    s.next_in = 0;
    s.avail_in = data.length;
    s.output = this.out;
    s.next_out = 0;
    s.avail_out = this.out.length;
    // Incompressible data comes out a little larger than it went in: the buffer grows until it fits.
    for (let status = zlibDeflate(s, Z_FINISH); status !== Z_STREAM_END; status = zlibDeflate(s, Z_FINISH)) {
      check(status, 0, -5); // Z_OK or Z_BUF_ERROR: the output is full
      const bigger = new Uint8Array(this.out.length * 2);
      bigger.set(this.out.subarray(0, s.next_out));
      this.out = bigger;
      s.output = bigger;
      s.avail_out = bigger.length - s.next_out;
    }
    s.input = EMPTY; // not held after
    return this.out.slice(0, s.next_out);
  }
}

const EMPTY = new Uint8Array(0);

function check(status: number, ...ok: number[]): void {
  if (!ok.includes(status)) throw new Error(`Deflating failed (zlib status ${status})`);
}

/** Where the exporter puts each file of the zip, and gets the zip from at the end. */
export interface ZipSink {
  /** Adds a text file, written as UTF-8. */
  add(name: string, text: string): void;
  /** The whole zip, once every file is in. */
  finish(): Promise<Uint8Array>;
  /** Gives up (the export failed): frees what the sink holds. */
  abandon(): void;
}

/**
 * A file deflated in one piece (fflate's way to bring one's own compression: a pass-through entry
 * that computes the CRC and size, with `process` overridden). For the 10,000 files of the 100k library
 * in Chromium, fflate's streaming ZipDeflate took 19.7 s, its one-shot deflateSync 4.7 s, and the
 * reused stream above 1.4 s.
 */
class DeflatedFile extends ZipPassThrough {
  /** Deflate level 1 ("super fast"), marked as zipSync marks it. */
  flag = 3 as const;

  constructor(
    filename: string,
    private readonly deflater: RawDeflater,
  ) {
    super(filename);
    this.compression = 8;
  }

  override process(chunk: Uint8Array, final: boolean): void {
    try {
      this.ondata(null, this.deflater.deflate(chunk), final);
    } catch (e) {
      this.ondata(e as FlateError, new Uint8Array(0), final);
    }
  }
}

/** Builds a zip file by file, synchronously. */
export class ZipBuilder {
  private chunks: Uint8Array[] = [];
  private readonly deflater = new RawDeflater();
  private zip = new Zip((error, chunk) => {
    if (error) throw error;
    this.chunks.push(chunk);
  });

  constructor(private readonly mtime: Date) {}

  /** Adds a file of these bytes (read while it is added, not kept). */
  add(name: string, data: Uint8Array): void {
    const file = new DeflatedFile(name, this.deflater);
    file.mtime = this.mtime;
    file.os = 3;
    file.attrs = 0o644 << 16;
    this.zip.add(file);
    file.push(data, true);
  }

  /** Adds every file of a batch, in its order. */
  addBatch(batch: Utf8Files): void {
    let start = 0;
    batch.names.forEach((name, i) => {
      const end = batch.ends[i] as number;
      this.add(name, batch.data.subarray(start, end));
      start = end;
    });
  }

  /** Ends the archive and returns it in one piece. */
  finish(): Uint8Array {
    this.zip.end();
    const out = new Uint8Array(this.chunks.reduce((n, c) => n + c.length, 0));
    let at = 0;
    for (const chunk of this.chunks) {
      out.set(chunk, at);
      at += chunk.length;
    }
    this.chunks = [];
    return out;
  }
}

/** Text files written as UTF-8 one after another in one buffer: file i is `data[ends[i-1]..ends[i])`. */
export interface Utf8Files {
  names: string[];
  ends: number[];
  data: Uint8Array;
}

/**
 * Writes text files as UTF-8 into one growing buffer, to be taken as a batch: the way files go to
 * the zip worker, one buffer handed over (not copied) for a megabyte of files. Posting the strings
 * instead cost the page more than writing them as UTF-8 (Chromium, 10,000 files of 4.7 K
 * characters: 620-970 ms to post as strings, 150-160 ms to write as UTF-8 with ./utf8.ts).
 */
export class Utf8Batcher {
  private names: string[] = [];
  private ends: number[] = [];
  private data = new Uint8Array(1 << 20);
  private used = 0;

  add(name: string, text: string): void {
    const need = this.used + text.length * UTF8_MAX_PER_UNIT;
    if (need > this.data.length) {
      const bigger = new Uint8Array(Math.max(need, this.data.length * 2));
      bigger.set(this.data.subarray(0, this.used));
      this.data = bigger;
    }
    this.used = utf8Into(text, this.data, this.used);
    this.names.push(name);
    this.ends.push(this.used);
  }

  /** Bytes written since the last batch was taken. */
  get size(): number {
    return this.used;
  }

  /**
   * The files written since the last take. Handed over (to a worker), the batcher starts a new
   * buffer; else it reuses this one, and the batch must be read before the next `add`.
   */
  take(handOver: boolean): Utf8Files {
    const batch = { names: this.names, ends: this.ends, data: this.data.subarray(0, this.used) };
    this.names = [];
    this.ends = [];
    if (handOver) this.data = new Uint8Array(this.data.length);
    this.used = 0;
    return batch;
  }
}

/** A sink that zips in this thread (tests, and wherever a worker cannot start). */
export function zipHere(mtime: Date): ZipSink {
  const builder = new ZipBuilder(mtime);
  const utf8 = new Utf8Batcher();
  return {
    add: (name, text) => {
      utf8.add(name, text);
      builder.addBatch(utf8.take(false));
    },
    finish: async () => builder.finish(),
    abandon: () => undefined,
  };
}
