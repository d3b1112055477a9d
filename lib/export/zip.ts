/**
 * The Markdown zip, built file by file as the files are made (fflate's streaming `Zip`), so that
 * the deflating can run in a worker alongside the Markdown (lib/export/zip-worker.ts) or, where
 * there is no worker, here. Both ways make the same bytes.
 *
 * Level 1: Markdown still shrinks ~3x, at a fraction of level 6's time on 45 MB. Made on Unix (os 3,
 * rw-r--r--): Info-ZIP's unzip honours the UTF-8 name flag only then, and lists Vietnamese, CJK and
 * Arabic names as they are (it shows MS-DOS entries' names as mojibake).
 */
import { deflateSync, type FlateError, Zip, ZipPassThrough } from 'fflate';

/** Where the exporter puts each file of the zip, and gets the zip from at the end. */
export interface ZipSink {
  /** Adds a file (the sink may take `data` over: the caller must not use it after). */
  add(name: string, data: Uint8Array): void;
  /** The whole zip, once every file is in. */
  finish(): Promise<Uint8Array>;
  /** Gives up (the export failed): frees what the sink holds. */
  abandon(): void;
}

/**
 * A file deflated in one piece (fflate's way to bring one's own compression: a pass-through entry
 * that computes the CRC and size, with `process` overridden). fflate's streaming ZipDeflate makes the
 * same bytes but took 19.7 s for the 10,000 files of the 100k library in Chromium, against 4.7 s for
 * zipSync (one-shot deflate per file, as here).
 */
class DeflatedFile extends ZipPassThrough {
  /** Deflate level 1 ("super fast"), marked as zipSync marks it. */
  flag = 3 as const;

  constructor(filename: string) {
    super(filename);
    this.compression = 8;
  }

  override process(chunk: Uint8Array, final: boolean): void {
    try {
      this.ondata(null, deflateSync(chunk, { level: 1 }), final);
    } catch (e) {
      this.ondata(e as FlateError, new Uint8Array(0), final);
    }
  }
}

/** Builds a zip file by file, synchronously. */
export class ZipBuilder {
  private chunks: Uint8Array[] = [];
  private zip = new Zip((error, chunk) => {
    if (error) throw error;
    this.chunks.push(chunk);
  });

  constructor(private readonly mtime: Date) {}

  add(name: string, data: Uint8Array): void {
    const file = new DeflatedFile(name);
    file.mtime = this.mtime;
    file.os = 3;
    file.attrs = 0o644 << 16;
    this.zip.add(file);
    file.push(data, true);
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

/** A sink that zips in this thread (tests, and wherever a worker cannot start). */
export function zipHere(mtime: Date): ZipSink {
  const builder = new ZipBuilder(mtime);
  return {
    add: (name, data) => builder.add(name, data),
    finish: async () => builder.finish(),
    abandon: () => undefined,
  };
}
