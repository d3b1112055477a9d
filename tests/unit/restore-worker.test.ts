/**
 * The restore's worker (lib/store/restore-worker.ts), driven in this thread as the library drives it,
 * and the library's side (lib/ui/restore-off-thread.ts) with stand-in workers: the answer checked on
 * receipt, errors named as thrown, and the restore done here when no worker runs.
 */
import { describe, expect, it, vi } from 'vitest';
import { BACKUP_FORMAT, BACKUP_VERSION } from '@/lib/backup';
import { MarginaliaDB } from '@/lib/store/db';
import { Repository } from '@/lib/store/repository';
import { type FromRestoreWorker, restoreWorker } from '@/lib/store/restore-worker';
import { NoRoomError } from '@/lib/store/storage-room';
import { type RestoreResult, restoreOffThread } from '@/lib/ui/restore-off-thread';
import { writeErrorKey } from '@/lib/write-errors';
import { articleRecord, dbOf, freshRepository, selectors } from '../support/factories';

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
const backup = (highlights: unknown[] = [highlight]) =>
  new Blob([
    JSON.stringify({
      format: BACKUP_FORMAT,
      version: BACKUP_VERSION,
      exportedAt: new Date(AT).toISOString(),
      articles: [article],
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
      {
        kind: 'result',
        result: {
          ok: true,
          report: expect.objectContaining({ articlesAdded: 1, highlightsAdded: 1, unchanged: 0 }),
        },
      },
    ]);
    const stored = await dbOf(repo).highlights.toArray();
    expect(stored.map((h) => [h.id, h.note, h.tags])).toEqual([['h-vp', 'ghi chú', ['tổ chức']]]);
  });

  it('answers a bad file with the message for the user, and writes nothing', async () => {
    const { repo } = freshRepository();
    const answers = await answerTo(
      { kind: 'restore', file: backup([{ ...highlight, claimType: 'Propaganda!' }]) },
      repo,
    );
    expect(answers).toHaveLength(1);
    const [answer] = answers;
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
      { kind: 'failed', name: 'QuotaExceededError', message: 'No room left on the disk for Marginalia’s data.' },
    ]);
    const { repo } = freshRepository();
    const [notFile] = await answerTo({ kind: 'restore', file: '{"format":"marginalia-backup"}' }, repo);
    expect(notFile?.kind).toBe('failed');
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
    const here = vi.fn<(f: Blob) => Promise<RestoreResult>>();
    const seen: unknown[] = [];
    const { made, start } = fakeWorker((w, data) => {
      seen.push(data);
      w.onmessage?.({ data: { kind: 'result', result: { ok: true, report } } });
    });
    await expect(restoreOffThread(file, here, start)).resolves.toEqual({ ok: true, report });
    expect(seen).toEqual([{ kind: 'restore', file }]);
    expect(here).not.toHaveBeenCalled();
    expect(made[0]?.terminated).toBe(true);
  });

  it("rethrows the worker's error by its name (a full disk says so), and refuses a malformed answer", async () => {
    const here = vi.fn<(f: Blob) => Promise<RestoreResult>>();
    const failed = fakeWorker((w) =>
      w.onmessage?.({ data: { kind: 'failed', name: 'QuotaExceededError', message: 'No room left.' } }),
    );
    const error = await restoreOffThread(file, here, failed.start).catch((e: unknown) => e);
    expect(String(error)).toBe('QuotaExceededError: No room left.');
    expect(writeErrorKey(error)).toBe('error_quota');
    const malformed = fakeWorker((w) => w.onmessage?.({ data: { kind: 'result', result: { ok: true } } }));
    await expect(restoreOffThread(file, here, malformed.start)).rejects.toThrow('malformed answer');
    expect(here).not.toHaveBeenCalled();
  });

  it('restores here when no worker starts, or when its script does not run', async () => {
    const here = vi.fn(async (f: Blob): Promise<RestoreResult> => ({ ok: false, error: `here: ${f.size}` }));
    const noWorker = () => {
      throw new Error('Worker is not defined');
    };
    await expect(restoreOffThread(file, here, noWorker)).resolves.toEqual({ ok: false, error: `here: ${file.size}` });
    const broken = fakeWorker((w) => w.onerror?.({ preventDefault: () => undefined, message: 'SyntaxError' }));
    await expect(restoreOffThread(file, here, broken.start)).resolves.toEqual({
      ok: false,
      error: `here: ${file.size}`,
    });
    expect(here).toHaveBeenCalledTimes(2);
    expect(broken.made[0]?.terminated).toBe(true);
  });
});
