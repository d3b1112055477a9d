/**
 * The restore's worker (lib/store/restore-worker.ts), driven in this thread as the library drives it,
 * and the library's side (lib/ui/restore-off-thread.ts) with stand-in workers: the answer checked on
 * receipt, errors named as thrown, and the restore done here when no worker runs.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { BACKUP_FORMAT, BACKUP_VERSION } from '@/lib/backup';
import { MarginaliaDB } from '@/lib/store/db';
import { Repository } from '@/lib/store/repository';
import { type FromRestoreWorker, restoreWorker } from '@/lib/store/restore-worker';
import { NoRoomError } from '@/lib/store/storage-room';
import {
  type DoHere,
  type ImportResult,
  importOffThread,
  type RestoreHere,
  type RestoreProgress,
  type RestoreResult,
  restoreOffThread,
} from '@/lib/ui/restore-off-thread';
import { writeErrorKey } from '@/lib/write-errors';
import { articleRecord, dbOf, freshRepository, highlightsIn, selectors } from '../support/factories';

const AT = Date.UTC(2026, 10, 28, 9, 30);
const article = articleRecord({ id: 'a-vp', url: 'https://baovinhphuc.example/bai', title: 'Vĩnh Phúc' });
const highlight = {
  id: 'h-vp',
  articleId: 'a-vp',
  target: { source: article.url, selector: selectors('Đảng bộ tỉnh', 12) },
  claimType: 'claim',
  status: null,
  sourceUrl: null,
  tags: ['tổ chức'],
  note: 'ghi chú',
  createdAt: AT,
  updatedAt: AT,
};
const backup = (highlights: unknown[] = [highlight], articles: unknown[] = [article]) =>
  new Blob([
    JSON.stringify({
      format: BACKUP_FORMAT,
      version: BACKUP_VERSION,
      exportedAt: new Date(AT).toISOString(),
      articles,
      highlights,
      settings: null,
    }),
  ]);

async function answerTo(data: unknown, repo: Repository): Promise<FromRestoreWorker[]> {
  const answers: FromRestoreWorker[] = [];
  await restoreWorker(
    (m) => answers.push(m),
    () => repo,
  )(data);
  return answers;
}

describe('the restore worker', () => {
  it('reads, validates and writes the file through the repository, and answers with its report', async () => {
    const { repo } = freshRepository();
    const answers = await answerTo({ kind: 'restore', file: backup() }, repo);
    expect(answers).toEqual([
      { kind: 'progress', progress: { stage: 'reading' } },
      { kind: 'progress', progress: { stage: 'checking' } },
      // The articles are written first, and said so (at 100,000 highlights, ~2.3 s of the restore).
      { kind: 'progress', progress: { stage: 'articles' } },
      { kind: 'progress', progress: { stage: 'writing', done: 0, total: 1 } },
      { kind: 'progress', progress: { stage: 'writing', done: 1, total: 1 } },
      {
        kind: 'result',
        result: {
          ok: true,
          report: expect.objectContaining({ articlesAdded: 1, highlightsAdded: 1, unchanged: 0 }),
        },
      },
    ]);
    const stored = await highlightsIn(dbOf(repo)).toArray();
    expect(stored.map((h) => [h.id, h.note, h.tags])).toEqual([['h-vp', 'ghi chú', ['tổ chức']]]);
  });

  it('answers a bad file with the message for the user, and writes nothing', async () => {
    const { repo } = freshRepository();
    const answers = await answerTo(
      { kind: 'restore', file: backup([{ ...highlight, claimType: 'Propaganda!' }]) },
      repo,
    );
    expect(answers.map((a) => (a.kind === 'progress' ? a.progress.stage : a.kind))).toEqual([
      'reading',
      'checking',
      'result',
    ]);
    const answer = answers.at(-1);
    expect(answer?.kind === 'result' && !answer.result.ok && answer.result.error).toMatch(
      /^The backup is not valid: highlight 1 .*the claim type is not one this Marginalia knows/,
    );
    expect(await dbOf(repo).articles.count()).toBe(0);
  });

  it('names a refused write as thrown (a full disk reads as one on the page), and refuses what is not a file', async () => {
    const full = new Repository(
      new MarginaliaDB(`restore-full-${Math.random()}`),
      () => AT,
      () => crypto.randomUUID(),
      async () => {
        throw new NoRoomError('No room left on the disk for Marginalia’s data.');
      },
    );
    expect(await answerTo({ kind: 'restore', file: backup() }, full)).toEqual([
      { kind: 'progress', progress: { stage: 'reading' } },
      { kind: 'progress', progress: { stage: 'checking' } },
      { kind: 'failed', name: 'QuotaExceededError', message: 'No room left on the disk for Marginalia’s data.' },
    ]);
    const { repo } = freshRepository();
    const notFile = await answerTo({ kind: 'restore', file: '{"format":"marginalia-backup"}' }, repo);
    expect(notFile.map((a) => a.kind)).toEqual(['failed']);
  });

  it('says how far the writing has come, about 5,000 highlights at a time (whole articles)', async () => {
    const { repo } = freshRepository();
    // Ten highlights an article, the last article one: written 500 articles a part, in id order.
    const articles = Array.from({ length: 1_201 }, (_, a) =>
      articleRecord({
        id: `a-${String(a).padStart(4, '0')}`,
        url: `https://baovinhphuc.example/bai-${a}`,
        title: `Bài ${a}`,
      }),
    );
    const many = Array.from({ length: 12_001 }, (_, i) => {
      const home = articles[Math.floor(i / 10)] as (typeof articles)[number];
      return {
        ...highlight,
        id: `h-${i}`,
        articleId: home.id,
        target: { source: home.url, selector: selectors(`đoạn ${i}`, i * 10) },
      };
    });
    const answers = await answerTo({ kind: 'restore', file: backup(many, articles) }, repo);
    const writing = answers.flatMap((a) =>
      a.kind === 'progress' && a.progress.stage === 'writing' ? [[a.progress.done, a.progress.total]] : [],
    );
    expect(writing).toEqual([
      [0, 12_001],
      [5_000, 12_001],
      [10_000, 12_001],
      [12_001, 12_001],
    ]);
    expect(answers.at(-1)).toMatchObject({ kind: 'result', result: { ok: true, report: { highlightsAdded: 12_001 } } });
    expect(await highlightsIn(dbOf(repo)).count()).toBe(12_001);
  });
});

describe('the worker importing annotations', () => {
  it("imports Hypothesis' export through the repository, with what it could not import", async () => {
    const { repo } = freshRepository();
    const text = readFileSync(join(process.cwd(), 'tests/fixtures/hypothesis/export.json'), 'utf8');
    const answers = await answerTo({ kind: 'import', file: new Blob([text]) }, repo);
    expect(answers.slice(0, 2).map((a) => a.kind === 'progress' && a.progress.stage)).toEqual(['reading', 'checking']);
    const last = answers.at(-1);
    if (last?.kind !== 'imported' || !last.result.ok) throw new Error(JSON.stringify(last));
    expect(last.result).toMatchObject({ report: { highlightsAdded: 2, articlesAdded: 1 }, pageNotes: 1 });
    expect(last.result.skipped).toEqual([
      'annotation 4: a reply to another annotation',
      'annotation 5: an annotation on a PDF (Marginalia annotates web pages)',
    ]);
    expect(await highlightsIn(dbOf(repo)).count()).toBe(2);
  });

  it('answers a file that is not annotations with the message for the user, and writes nothing', async () => {
    const { repo } = freshRepository();
    const [, , last] = await answerTo({ kind: 'import', file: new Blob(['{"rows": 3}']) }, repo);
    expect(last?.kind === 'imported' && !last.result.ok && last.result.error).toEqual(expect.any(String));
    expect(await dbOf(repo).articles.count()).toBe(0);
  });
});

/** A stand-in worker: `answer` says what it does with the message posted to it. */
function fakeWorker(answer: (w: FakeWorker, data: unknown) => void) {
  const made: FakeWorker[] = [];
  const start = () => {
    const w = new FakeWorker(answer);
    made.push(w);
    return w as unknown as Worker;
  };
  return { made, start };
}
const noProgress = () => undefined;

class FakeWorker {
  onmessage: ((e: { data: unknown }) => void) | null = null;
  onerror: ((e: { preventDefault(): void; message: string }) => void) | null = null;
  terminated = false;
  constructor(private readonly answer: (w: FakeWorker, data: unknown) => void) {}
  postMessage(data: unknown) {
    queueMicrotask(() => this.answer(this, data));
  }
  terminate() {
    this.terminated = true;
  }
}

describe('restoring off the library’s thread', () => {
  const file = backup();
  const report = {
    articlesAdded: 1,
    articlesUpdated: 0,
    highlightsAdded: 1,
    highlightsUpdated: 0,
    highlightsMerged: 0,
    unchanged: 0,
    settingsApplied: false,
    unknownTypes: [],
  };

  it('hands the file to the worker and takes its checked answer; nothing is restored here', async () => {
    const here = vi.fn<RestoreHere>();
    const seen: unknown[] = [];
    const { made, start } = fakeWorker((w, data) => {
      seen.push(data);
      w.onmessage?.({ data: { kind: 'result', result: { ok: true, report } } });
    });
    await expect(restoreOffThread(file, here, noProgress, start)).resolves.toEqual({ ok: true, report });
    expect(seen).toEqual([{ kind: 'restore', file }]);
    expect(here).not.toHaveBeenCalled();
    expect(made[0]?.terminated).toBe(true);
  });

  it('passes on how far the worker has come, and settles only on its result', async () => {
    const here = vi.fn<RestoreHere>();
    const seen: RestoreProgress[] = [];
    const { start } = fakeWorker((w) => {
      w.onmessage?.({ data: { kind: 'progress', progress: { stage: 'reading' } } });
      w.onmessage?.({ data: { kind: 'progress', progress: { stage: 'articles' } } });
      w.onmessage?.({ data: { kind: 'progress', progress: { stage: 'writing', done: 5_000, total: 12_001 } } });
      w.onmessage?.({ data: { kind: 'result', result: { ok: true, report } } });
    });
    await expect(restoreOffThread(file, here, (p) => seen.push(p), start)).resolves.toEqual({ ok: true, report });
    expect(seen).toEqual([
      { stage: 'reading' },
      { stage: 'articles' },
      { stage: 'writing', done: 5_000, total: 12_001 },
    ]);
  });

  it("imports off the thread as it restores, and takes only an import's answer for an import", async () => {
    const here = vi.fn<DoHere<ImportResult>>();
    const imported = { ok: true as const, report, pageNotes: 1, skipped: ['annotation 4'], warnings: [] };
    const seen: unknown[] = [];
    const good = fakeWorker((w, data) => {
      seen.push(data);
      w.onmessage?.({ data: { kind: 'imported', result: imported } });
    });
    await expect(importOffThread(file, here, noProgress, good.start)).resolves.toEqual(imported);
    expect(seen).toEqual([{ kind: 'import', file }]);
    const restoreAnswer = fakeWorker((w) => w.onmessage?.({ data: { kind: 'result', result: { ok: true, report } } }));
    await expect(importOffThread(file, here, noProgress, restoreAnswer.start)).rejects.toThrow('malformed answer');
    expect(here).not.toHaveBeenCalled();
  });

  it("rethrows the worker's error by its name (a full disk says so), and refuses a malformed answer", async () => {
    const here = vi.fn<RestoreHere>();
    const failed = fakeWorker((w) =>
      w.onmessage?.({ data: { kind: 'failed', name: 'QuotaExceededError', message: 'No room left.' } }),
    );
    const error = await restoreOffThread(file, here, noProgress, failed.start).catch((e: unknown) => e);
    expect(String(error)).toBe('QuotaExceededError: No room left.');
    expect(writeErrorKey(error)).toBe('error_quota');
    const malformed = fakeWorker((w) => w.onmessage?.({ data: { kind: 'result', result: { ok: true } } }));
    await expect(restoreOffThread(file, here, noProgress, malformed.start)).rejects.toThrow('malformed answer');
    expect(here).not.toHaveBeenCalled();
  });

  it('restores here when no worker starts, or when its script does not run', async () => {
    const here = vi.fn(async (f: Blob): Promise<RestoreResult> => ({ ok: false, error: `here: ${f.size}` }));
    const noWorker = () => {
      throw new Error('Worker is not defined');
    };
    await expect(restoreOffThread(file, here, noProgress, noWorker)).resolves.toEqual({
      ok: false,
      error: `here: ${file.size}`,
    });
    const broken = fakeWorker((w) => w.onerror?.({ preventDefault: () => undefined, message: 'SyntaxError' }));
    await expect(restoreOffThread(file, here, noProgress, broken.start)).resolves.toEqual({
      ok: false,
      error: `here: ${file.size}`,
    });
    expect(here).toHaveBeenCalledTimes(2);
    expect(broken.made[0]?.terminated).toBe(true);
  });

  it('does not restore here once the worker has begun: a worker stopped mid-way is said', async () => {
    const here = vi.fn<RestoreHere>();
    const stopped = fakeWorker((w) => {
      w.onmessage?.({ data: { kind: 'progress', progress: { stage: 'writing', done: 0, total: 9 } } });
      w.onerror?.({ preventDefault: () => undefined, message: 'Uncaught RangeError' });
    });
    await expect(restoreOffThread(file, here, noProgress, stopped.start)).rejects.toThrow(
      'The restore stopped: Uncaught RangeError',
    );
    expect(here).not.toHaveBeenCalled();
    expect(stopped.made[0]?.terminated).toBe(true);
  });
});
