/**
 * The Markdown zip made file by file (lib/export/zip.ts), in the worker the library deflates in
 * (lib/export/zip-worker.ts) as in this thread: the same bytes either way, read by Info-ZIP's unzip
 * (Debian's), and a worker that is sent anything else says so instead of making a broken zip.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, strToU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { type ZipSink, zipHere } from '@/lib/export/zip';
import { type FromZipWorker, zipWorker } from '@/lib/export/zip-worker';

const AT = new Date(Date.UTC(2026, 10, 28, 9, 30));
const FILES: [string, string][] = [
  ['Thực hiện công tác.md', `# Thực hiện công tác\n\n${'> Đảng bộ tỉnh Vĩnh Phúc\n'.repeat(200)}`],
  ['北京.md', '# 北京\n\n> 引用'],
  ['خبر.md', '# خبر\n'],
  ['empty.md', ''],
];

/** The worker's side as the library drives it, in this thread. */
function workerSink(): { sink: ZipSink; answers: FromZipWorker[] } {
  const answers: FromZipWorker[] = [];
  const handle = zipWorker((m) => answers.push(m));
  handle({ kind: 'start', mtime: AT.getTime() });
  return {
    answers,
    sink: {
      add: (name, data) => handle({ kind: 'file', name, data }),
      finish: async () => {
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
  for (const [name, text] of FILES) sink.add(name, strToU8(text));
  return sink.finish();
}

describe('the Markdown zip', () => {
  it('holds every file as it was, the same bytes in the worker as here', async () => {
    const here = await zipOf(zipHere(AT));
    const there = await zipOf(workerSink().sink);
    expect(there).toEqual(here);
    const entries = unzipSync(here);
    expect(Object.keys(entries)).toEqual(FILES.map(([n]) => n));
    for (const [name, text] of FILES) expect(strFromU8(entries[name] as Uint8Array)).toBe(text);
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

  it('in the worker, answers a malformed message or a file before the start with an error, once', () => {
    const answers: FromZipWorker[] = [];
    const handle = zipWorker((m) => answers.push(m));
    handle({ kind: 'file', name: 'a.md', data: strToU8('x') });
    handle({ kind: 'start', mtime: 0 });
    handle({ kind: 'end' });
    expect(answers).toEqual([{ kind: 'error', message: 'The zip was not started' }]);

    const other: FromZipWorker[] = [];
    const handle2 = zipWorker((m) => other.push(m));
    handle2({ kind: 'start', mtime: 0 });
    handle2({ kind: 'file', name: 'a.md', data: 'not bytes' });
    expect(other).toHaveLength(1);
    expect(other[0]?.kind).toBe('error');
  });
});
