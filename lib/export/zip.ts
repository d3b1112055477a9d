/**
 * The Markdown zip, built file by file as the files are made, so that the deflating can run in a
 * worker alongside the Markdown (lib/export/zip-worker.ts) or, where there is no worker, here. Both
 * ways make the same bytes.
 *
 * Level 1: Markdown still shrinks ~3x, at a fraction of level 6's time on 45 MB. Made on Unix (os 3,
 * rw-r--r--): Info-ZIP's unzip honours the UTF-8 name flag only then, and lists Vietnamese, CJK and
 * Arabic names as they are (it shows MS-DOS entries' names as mojibake).
 *
 * The deflating is ./deflater.ts: pako's zlib, one stream reset between files.
 *
 * The zip around the data (APPNOTE 6.3.10: a local header before each file, a central directory
 * and its end after them) is written here, into one growing buffer, as each file is deflated:
 * fflate's streaming `Zip`, which wrote it until 2026-12-02, made several objects, closures and
 * typed arrays for every file and a data descriptor after each, and took 1.1-1.3 s of the worker's
 * 3.4-4.2 s for those 10,000 files in Chromium beyond the deflating itself. Each file's CRC and
 * sizes go in its local header (no data descriptor); above 65,535 files the end of the central
 * directory is the Zip64 one, which Info-ZIP's unzip and every current archiver read.
 */
import { RawDeflater } from './deflater';
import { UTF8_MAX_PER_UNIT, utf8Into } from './utf8';

const EMPTY = new Uint8Array(0);

/** Where the exporter puts each file of the zip, and gets the zip from at the end. */
export interface ZipSink {
  /** Adds a text file, written as UTF-8. */
  add(name: string, text: string): void;
  /** The whole zip, once every file is in. */
  finish(): Promise<Uint8Array>;
  /** Gives up (the export failed): frees what the sink holds. */
  abandon(): void;
}

/** CRC-32 (ISO 3309, the zip's and gzip's), a byte at a time through a table. */
const CRC_TABLE = (() => {
  const table = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c;
  }
  return table;
})();

/** The CRC-32 of `data`. */
export function crc32(data: Uint8Array): number {
  let c = -1;
  for (let i = 0; i < data.length; i++) c = (CRC_TABLE[(c ^ (data[i] as number)) & 0xff] as number) ^ (c >>> 8);
  return ~c >>> 0;
}

/** Version 2.0 (deflate); Zip64 records say 4.5. Made by: Unix (3) << 8. */
const VERSION = 20;
const MADE_BY = (3 << 8) | VERSION;
/** General purpose flags: bits 1-2 say level 1 ("super fast"), bit 11 a UTF-8 name. */
const FAST = 0b110;
const UTF8_NAME = 1 << 11;
/** External attributes: rw-r--r-- in the Unix mode's place. */
const ATTRS = 0o644 << 16;
const LOCAL_HEADER = 30;
const CENTRAL_HEADER = 46;
const MAX_16 = 0xffff;
const MAX_32 = 0xffffffff;

/** Builds a zip file by file, synchronously, in one growing buffer. */
export class ZipBuilder {
  private out: Uint8Array = new Uint8Array(1 << 20);
  private at = 0;
  /** The central directory's entries, written as the files are added. */
  private dir: Uint8Array = new Uint8Array(1 << 16);
  private dirAt = 0;
  private count = 0;
  private readonly deflater = new RawDeflater();
  /** MS-DOS time and date (local time, as archivers read them). */
  private readonly time: number;
  private readonly date: number;

  constructor(mtime: Date) {
    // MS-DOS dates run from 1980 to 2107: a clock outside them dates the files at the nearest end.
    const year = mtime.getFullYear() - 1980;
    const t = year < 0 ? new Date(1980, 0, 1) : year > 127 ? new Date(2107, 11, 31, 23, 59, 58) : mtime;
    this.time = (t.getHours() << 11) | (t.getMinutes() << 5) | (t.getSeconds() >> 1);
    this.date = ((t.getFullYear() - 1980) << 9) | ((t.getMonth() + 1) << 5) | t.getDate();
  }

  /** Adds a file of these bytes (read while it is added, not kept). */
  add(name: string, data: Uint8Array): void {
    const deflated = this.deflater.deflate(data);
    const crc = crc32(data);
    const nameMax = name.length * UTF8_MAX_PER_UNIT;
    this.out = room(this.out, this.at, LOCAL_HEADER + nameMax + deflated.length);
    const offset = this.at;
    if (offset > MAX_32 - LOCAL_HEADER - nameMax - deflated.length) {
      throw new RangeError('The zip would pass 4 GB: export fewer articles at a time');
    }
    const nameEnd = utf8Into(name, this.out, offset + LOCAL_HEADER);
    const nameLength = nameEnd - offset - LOCAL_HEADER;
    if (nameLength > MAX_16) throw new RangeError('A file name is too long for a zip');
    // A name whose UTF-8 is longer than its UTF-16 has a character beyond ASCII.
    const flags = FAST | (nameLength !== name.length ? UTF8_NAME : 0);
    const h = new DataView(this.out.buffer, this.out.byteOffset + offset, LOCAL_HEADER);
    h.setUint32(0, 0x04034b50, true);
    h.setUint16(4, VERSION, true);
    h.setUint16(6, flags, true);
    h.setUint16(8, 8, true); // deflate
    h.setUint16(10, this.time, true);
    h.setUint16(12, this.date, true);
    h.setUint32(14, crc, true);
    h.setUint32(18, deflated.length, true);
    h.setUint32(22, data.length, true);
    h.setUint16(26, nameLength, true);
    h.setUint16(28, 0, true); // no extra field
    this.out.set(deflated, nameEnd);
    this.at = nameEnd + deflated.length;

    this.dir = room(this.dir, this.dirAt, CENTRAL_HEADER + nameLength);
    const c = new DataView(this.dir.buffer, this.dir.byteOffset + this.dirAt, CENTRAL_HEADER);
    c.setUint32(0, 0x02014b50, true);
    c.setUint16(4, MADE_BY, true);
    for (let i = 4; i < 28; i++) this.dir[this.dirAt + 2 + i] = this.out[offset + i] as number; // version … name length
    c.setUint16(30, 0, true); // extra field
    c.setUint16(32, 0, true); // comment
    c.setUint16(34, 0, true); // disk
    c.setUint16(36, 0, true); // internal attributes
    c.setUint32(38, ATTRS, true);
    c.setUint32(42, offset, true);
    this.dir.set(this.out.subarray(offset + LOCAL_HEADER, nameEnd), this.dirAt + CENTRAL_HEADER);
    this.dirAt += CENTRAL_HEADER + nameLength;
    this.count++;
  }

  /** Adds every file of a batch, in its order. */
  addBatch(batch: Utf8Files): void {
    let start = 0;
    for (let i = 0; i < batch.names.length; i++) {
      const end = batch.ends[i] as number;
      this.add(batch.names[i] as string, batch.data.subarray(start, end));
      start = end;
    }
  }

  /** Ends the archive and returns it in one piece (a view of the builder's buffer). */
  finish(): Uint8Array {
    const dirOffset = this.at;
    const dirSize = this.dirAt;
    if (dirOffset + dirSize > MAX_32) throw new RangeError('The zip would pass 4 GB: export fewer articles at a time');
    const zip64 = this.count > MAX_16;
    this.out = room(this.out, this.at, dirSize + (zip64 ? 56 + 20 : 0) + 22);
    this.out.set(this.dir.subarray(0, dirSize), dirOffset);
    let at = dirOffset + dirSize;
    const v = new DataView(this.out.buffer, this.out.byteOffset);
    if (zip64) {
      // The Zip64 end of central directory record, then its locator.
      v.setUint32(at, 0x06064b50, true);
      v.setBigUint64(at + 4, 44n, true); // the size of what follows
      v.setUint16(at + 12, (3 << 8) | 45, true);
      v.setUint16(at + 14, 45, true);
      v.setUint32(at + 16, 0, true); // this disk
      v.setUint32(at + 20, 0, true); // the disk of the directory
      v.setBigUint64(at + 24, BigInt(this.count), true);
      v.setBigUint64(at + 32, BigInt(this.count), true);
      v.setBigUint64(at + 40, BigInt(dirSize), true);
      v.setBigUint64(at + 48, BigInt(dirOffset), true);
      v.setUint32(at + 56, 0x07064b50, true);
      v.setUint32(at + 60, 0, true);
      v.setBigUint64(at + 64, BigInt(at), true);
      v.setUint32(at + 72, 1, true); // disks
      at += 76;
    }
    v.setUint32(at, 0x06054b50, true);
    v.setUint16(at + 4, 0, true);
    v.setUint16(at + 6, 0, true);
    v.setUint16(at + 8, Math.min(this.count, MAX_16), true);
    v.setUint16(at + 10, Math.min(this.count, MAX_16), true);
    v.setUint32(at + 12, dirSize, true);
    v.setUint32(at + 16, dirOffset, true);
    v.setUint16(at + 20, 0, true); // no comment
    at += 22;
    const zip = this.out.subarray(0, at);
    this.out = EMPTY;
    this.dir = EMPTY;
    return zip;
  }
}

/** `buffer`, or a larger copy of its first `used` bytes, with room for `extra` more after them. */
function room(buffer: Uint8Array, used: number, extra: number): Uint8Array {
  if (used + extra <= buffer.length) return buffer;
  const bigger = new Uint8Array(Math.max(used + extra, buffer.length * 2));
  bigger.set(buffer.subarray(0, used));
  return bigger;
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
  private data: Uint8Array = new Uint8Array(1 << 20);
  private used = 0;

  add(name: string, text: string): void {
    this.data = room(this.data, this.used, text.length * UTF8_MAX_PER_UNIT);
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
