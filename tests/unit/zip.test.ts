/**
 * The Markdown zip made file by file (lib/export/zip.ts), in the worker the library deflates in
 * (lib/export/zip-worker.ts) as in this thread: the same bytes either way, read by Info-ZIP's unzip
 * (Debian's), and a worker that is sent anything else says so instead of making a broken zip.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync, inflateRawSync } from 'node:zlib';
import fc from 'fast-check';
import { strFromU8, strToU8, unzipSync } from 'fflate';
import { Z_FINISH, Z_STREAM_END, ZStream, zlibDeflate, zlibDeflateInit2, zlibDeflateReset } from 'pako';
import { describe, expect, it } from 'vitest';
import { RawDeflater } from '@/lib/export/deflater';
import { crc32, Utf8Batcher, ZipBuilder, type ZipSink, zipHere } from '@/lib/export/zip';
import { type FromZipWorker, zipWorker } from '@/lib/export/zip-worker';

const AT = new Date(Date.UTC(2026, 10, 28, 9, 30));
const FILES: [string, string][] = [
  ['Thực hiện công tác.md', `# Thực hiện công tác\n\n${'> Đảng bộ tỉnh Vĩnh Phúc\n'.repeat(200)}`],
  ['北京.md', '# 北京\n\n> 引用'],
  ['خبر.md', '# خبر\n'],
  ['empty.md', ''],
  // Longer than the UTF-8 buffer the builder starts with; a lone surrogate is written as U+FFFD.
  ['dài.md', `${'Đảng bộ tỉnh Vĩnh Phúc 北京 '.repeat(3000)}\uD800`],
];

/** The worker's side as the library drives it, in this thread. */
function workerSink(): { sink: ZipSink; answers: FromZipWorker[] } {
  const answers: FromZipWorker[] = [];
  const handle = zipWorker((m) => answers.push(m));
  handle({ kind: 'start', mtime: AT.getTime() });
  // Batches of two files, as the library sends a megabyte's worth.
  const utf8 = new Utf8Batcher();
  let inBatch = 0;
  const send = () => {
    handle({ kind: 'files', ...utf8.take(true) });
    inBatch = 0;
  };
  return {
    answers,
    sink: {
      add: (name, text) => {
        utf8.add(name, text);
        if (++inBatch === 2) send();
      },
      finish: async () => {
        if (inBatch > 0) send();
        handle({ kind: 'end' });
        const last = answers.at(-1);
        if (last?.kind !== 'done') throw new Error(JSON.stringify(last));
        return last.zip;
      },
      abandon: () => undefined,
    },
  };
}

async function zipOf(sink: ZipSink): Promise<Uint8Array> {
  for (const [name, text] of FILES) sink.add(name, text);
  return sink.finish();
}

describe('the Markdown zip', () => {
  it('holds every file as it was, the same bytes in the worker as here', async () => {
    const here = await zipOf(zipHere(AT));
    const there = await zipOf(workerSink().sink);
    expect(there).toEqual(here);
    const entries = unzipSync(here);
    expect(Object.keys(entries)).toEqual(FILES.map(([n]) => n));
    for (const [name, text] of FILES) expect(strFromU8(entries[name] as Uint8Array)).toBe(text.toWellFormed());
    // Deflated: the repeated Vietnamese quote shrinks to a fraction.
    expect(here.length).toBeLessThan(FILES.reduce((n, [, t]) => n + strToU8(t).length, 0) / 4);
  });

  it('is read by Info-ZIP unzip: names in UTF-8, rw-r--r--, every file intact', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zip-'));
    const file = join(dir, 'x.zip');
    writeFileSync(file, await zipOf(workerSink().sink));
    const test = spawnSync('unzip', ['-t', file], { encoding: 'utf8' });
    if (test.error) {
      console.warn('unzip is not installed: its check was skipped (CI installs it)');
      return;
    }
    expect(test.stdout).toContain('No errors detected in compressed data');
    expect(spawnSync('unzip', ['-Z1', file], { encoding: 'utf8' }).stdout.trim().split('\n')).toEqual(
      FILES.map(([n]) => n),
    );
    const long = spawnSync('zipinfo', [file], { encoding: 'utf8' }).stdout;
    expect(long.match(/rw-r--r--.*unx/g)).toHaveLength(FILES.length);
  });

  it('above 65,535 files, ends with the Zip64 directory end, which Info-ZIP unzip reads', () => {
    const builder = new ZipBuilder(AT);
    const count = 65_540;
    for (let i = 0; i < count; i++) builder.add(`${i}.md`, strToU8(`# ${i}\n`));
    const dir = mkdtempSync(join(tmpdir(), 'zip64-'));
    const file = join(dir, 'x.zip');
    writeFileSync(file, builder.finish());
    const test = spawnSync('unzip', ['-t', file], { encoding: 'utf8', maxBuffer: 1 << 26 });
    if (test.error) {
      console.warn('unzip is not installed: its check was skipped (CI installs it)');
      return;
    }
    expect(test.stdout).toContain('No errors detected in compressed data');
    expect(test.stderr).toBe('');
    const names = spawnSync('unzip', ['-Z1', file], { encoding: 'utf8', maxBuffer: 1 << 26 })
      .stdout.trim()
      .split('\n');
    expect(names).toHaveLength(count);
    expect(names.at(-1)).toBe(`${count - 1}.md`);
  }, 60_000);

  it('dates its files when the export was made, and at 1980 when the clock says earlier', () => {
    const dir = mkdtempSync(join(tmpdir(), 'zipdate-'));
    for (const [when, shown] of [
      [new Date(2026, 10, 28, 9, 30, 14), '20261128.093014'],
      [new Date(0), '19800101.000000'],
    ] as const) {
      const builder = new ZipBuilder(when);
      builder.add('a.md', strToU8('x'));
      const file = join(dir, `${shown}.zip`);
      writeFileSync(file, builder.finish());
      const info = spawnSync('zipinfo', ['-T', file], { encoding: 'utf8' });
      if (info.error) return; // unzip's zipinfo not installed (CI installs it)
      expect(info.stdout).toContain(`${shown} a.md`);
    }
  });

  it('in the worker, answers a malformed message or a file before the start with an error, once', () => {
    const answers: FromZipWorker[] = [];
    const handle = zipWorker((m) => answers.push(m));
    handle({ kind: 'files', names: ['a.md'], ends: [1], data: strToU8('x') });
    handle({ kind: 'start', mtime: 0 });
    handle({ kind: 'end' });
    expect(answers).toEqual([{ kind: 'error', message: 'The zip was not started' }]);

    const other: FromZipWorker[] = [];
    const handle2 = zipWorker((m) => other.push(m));
    handle2({ kind: 'start', mtime: 0 });
    handle2({ kind: 'files', names: ['a.md'], ends: [1], data: 'not bytes' });
    expect(other).toHaveLength(1);
    expect(other[0]?.kind).toBe('error');

    // Files whose ends run past their bytes, or names without ends: refused, not zipped short.
    for (const files of [
      { names: ['a.md', 'b.md'], ends: [1, 5], data: strToU8('abc') },
      { names: ['a.md', 'b.md'], ends: [2], data: strToU8('abc') },
      { names: ['a.md', 'b.md'], ends: [2, 1], data: strToU8('abc') },
    ]) {
      const seen: FromZipWorker[] = [];
      const h = zipWorker((m) => seen.push(m));
      h({ kind: 'start', mtime: 0 });
      h({ kind: 'files', ...files });
      expect(seen).toEqual([{ kind: 'error', message: expect.stringContaining('do not fit') }]);
    }
  });
});

describe('the CRC-32 of each file', () => {
  it("is the CRC catalogue's check value, and what zlib writes in a gzip trailer for any bytes", () => {
    expect(crc32(strToU8('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array(0))).toBe(0);
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 5000 }), (data) => {
        const gz = gzipSync(data);
        expect(crc32(data)).toBe(gz.readUInt32LE(gz.length - 8));
      }),
      { numRuns: 300 },
    );
  });
});

describe('the deflater the zip reuses for every file', () => {
  // Node's zlib (the C library) is the reference: each file, inflated on its own, is what went in.
  const bytes = fc.oneof(
    fc.uint8Array({ maxLength: 3000 }),
    // Text with repeats, as Markdown is: Vietnamese, CJK and Arabic in UTF-8.
    fc
      .array(fc.constantFrom('Đảng bộ tỉnh ', '北京 ', 'خبر ', '> ', '\n', 'a'), { maxLength: 2000 })
      .map((xs) => strToU8(xs.join(''))),
  );

  it('deflates one file after another, each a stream of its own', () => {
    fc.assert(
      fc.property(fc.array(bytes, { minLength: 1, maxLength: 6 }), (files) => {
        const deflater = new RawDeflater();
        for (const file of files) {
          // Inflated on its own, with none of the files before it: a reference back into them
          // would be a distance too far back for zlib. (Not always the bytes of a fresh stream:
          // zlib keeps the old window's bytes past the data's end, which can change a block's
          // kind, as a random sequence in CI showed.)
          expect(new Uint8Array(inflateRawSync(deflater.deflate(file)))).toEqual(file);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('makes the bytes zlib’s own reset between files makes (its hash table emptied another way)', () => {
    // The reference: pako's stream reset by pako alone, as the deflater did before. Made fresh for
    // each sequence, as the deflater is: zlib keeps the window's old bytes past each file's end, and
    // those can change a block's kind, so both must have deflated the same files before (a
    // reference kept across sequences differed from a fresh deflater in CI, seed -775629615).
    const referenceStream = () => {
      const stream = new ZStream();
      zlibDeflateInit2(stream, 1, 8, -15, 8, 0);
      return (data: Uint8Array) => {
        zlibDeflateReset(stream);
        const out = new Uint8Array(data.length * 2 + 64);
        Object.assign(stream, { input: data, next_in: 0, avail_in: data.length, output: out, next_out: 0 });
        stream.avail_out = out.length;
        expect(zlibDeflate(stream, Z_FINISH)).toBe(Z_STREAM_END);
        return Buffer.from(out.subarray(0, stream.next_out));
      };
    };
    fc.assert(
      fc.property(fc.array(bytes, { minLength: 2, maxLength: 6 }), (files) => {
        const deflater = new RawDeflater();
        const reference = referenceStream();
        for (const file of files) expect(Buffer.from(deflater.deflate(file)).equals(reference(file))).toBe(true);
      }),
      { numRuns: 200 },
    );
    // A file that repeats the one before it: with the table left full, its matches would point
    // into the earlier file's bytes, and it would not inflate alone.
    const deflater = new RawDeflater();
    const text = strToU8('> Đảng bộ tỉnh Vĩnh Phúc thực hiện công tác\n'.repeat(50));
    deflater.deflate(text);
    expect(inflateRawSync(deflater.deflate(text.subarray(7))).equals(Buffer.from(text.subarray(7)))).toBe(true);
  });

  it('grows its buffer for what does not compress, and shrinks what does', () => {
    const deflater = new RawDeflater();
    // Noise (xorshift32): nothing to find, so deflate stores it.
    const noise = new Uint8Array(100_000); // beyond the 64 KB output buffer it starts with
    for (let i = 0, x = 2463534242; i < noise.length; i++) {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      noise[i] = x & 255;
    }
    const big = deflater.deflate(noise);
    expect(big.length).toBeGreaterThan(noise.length); // stored blocks: a little larger
    // Compared as Buffers: a deep equality of 100,000 elements took seconds under CI's load.
    expect(inflateRawSync(big).equals(Buffer.from(noise))).toBe(true);
    const text = strToU8('> Đảng bộ tỉnh Vĩnh Phúc\n'.repeat(20_000));
    const small = deflater.deflate(text);
    expect(small.length).toBeLessThan(text.length / 50);
    expect(inflateRawSync(small).equals(Buffer.from(text))).toBe(true);
    expect(deflater.deflate(new Uint8Array(0))).toEqual(new Uint8Array([3, 0])); // an empty final block
  });
});
