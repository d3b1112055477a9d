/**
 * Restoring a backup, or importing another tool's annotations, in a worker of the library
 * (lib/ui/restore-off-thread.ts): reading the file, its JSON, validating every record and writing
 * them, through the repository like every write. On the library's own thread, a 100,000-highlight
 * backup (105 MB) held the page still for 5.5–7.8 s and 3.1–3.7 s at a time (Chromium,
 * `npm run bench:scale`'s file): nothing could be scrolled, typed or clicked, and the restore's
 * garbage stayed in the page's heap. Here the page stays free, and the garbage goes with the worker.
 * The library hears of the records written as it hears of any other context's writes (Dexie's
 * `storagemutated`, across contexts), and patches its rows.
 *
 * Messages are the page's own (a worker of the extension's origin, which nothing else can reach),
 * checked on receipt all the same.
 */
import type { ImportReport } from '../backup';
import { parseAnnotations } from '../import/annotations';
import { z } from '../zod';
import type { RestoreProgress, RestoreResult } from './backup-store';
import { MarginaliaDB } from './db';
import { Repository } from './repository';

/** A backup to restore, or another tool's annotations to import (lib/import/annotations.ts). */
export const ToRestoreWorker = z.object({
  kind: z.enum(['restore', 'import']),
  file: z.custom<Blob>((v) => typeof Blob !== 'undefined' && v instanceof Blob, 'Not a file'),
});
export type ToRestoreWorker = z.infer<typeof ToRestoreWorker>;

const Report = z.object({
  articlesAdded: z.number(),
  articlesUpdated: z.number(),
  highlightsAdded: z.number(),
  highlightsUpdated: z.number(),
  highlightsMerged: z.number(),
  unchanged: z.number(),
  settingsApplied: z.boolean(),
  unknownTypes: z.array(z.string()),
});
const Refused = z.object({ ok: z.literal(false), error: z.string() });
/** The worker's answer: the repository's own result, or the error it threw (name and message). */
export const FromRestoreWorker = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('result'),
    result: z.union([z.object({ ok: z.literal(true), report: Report }), Refused]),
  }),
  z.object({
    kind: z.literal('imported'),
    result: z.union([
      z.object({
        ok: z.literal(true),
        report: Report,
        pageNotes: z.number(),
        skipped: z.array(z.string()),
        warnings: z.array(z.string()),
      }),
      Refused,
    ]),
  }),
  z.object({ kind: z.literal('failed'), name: z.string(), message: z.string() }),
  z.object({
    kind: z.literal('progress'),
    progress: z.union([
      z.object({ stage: z.enum(['reading', 'checking', 'articles']) }),
      z.object({
        stage: z.literal('writing'),
        done: z.number().check(z.nonnegative()),
        total: z.number().check(z.nonnegative()),
      }),
    ]),
  }),
]);
export type FromRestoreWorker = z.infer<typeof FromRestoreWorker>;
// The report checked on receipt is the repository's, field for field (a compile-time check).
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const sameReport: Same<z.infer<typeof Report>, ImportReport> = true;
const sameRestore: Same<Extract<FromRestoreWorker, { kind: 'result' }>['result'], RestoreResult> = true;
const sameImport: Same<Extract<FromRestoreWorker, { kind: 'imported' }>['result'], ImportResult> = true;
void [sameReport, sameRestore, sameImport];

/** What an import of annotations came to: what was written, and what the file held that was not. */
export type ImportResult =
  | { ok: true; report: ImportReport; pageNotes: number; skipped: string[]; warnings: string[] }
  | { ok: false; error: string };

/**
 * Reads another tool's annotations (W3C Web Annotations, a Hypothesis export) and applies them as a
 * backup; on a bad file nothing is written. The worker's way and the page's own (where no worker runs).
 */
export async function importAnnotationsText(
  repository: Repository,
  text: string,
  progress: (p: RestoreProgress) => void,
): Promise<ImportResult> {
  progress({ stage: 'checking' });
  const parsed = parseAnnotations(text);
  if (!parsed.ok) return parsed;
  const report = await repository.applyBackup(parsed.backup, progress);
  return { ok: true, report, pageNotes: parsed.pageNotes, skipped: parsed.skipped, warnings: parsed.warnings };
}

/** What the worker does with each message; posts its answer through `post`. */
export function restoreWorker(
  post: (m: FromRestoreWorker) => void,
  repository: () => Repository,
): (data: unknown) => Promise<void> {
  return async (data) => {
    try {
      const m = ToRestoreWorker.parse(data);
      const progress = (p: RestoreProgress) => post({ kind: 'progress', progress: p });
      progress({ stage: 'reading' });
      const text = await m.file.text();
      if (m.kind === 'restore') post({ kind: 'result', result: await repository().importBackup(text, progress) });
      else post({ kind: 'imported', result: await importAnnotationsText(repository(), text, progress) });
    } catch (e) {
      const error = e instanceof Error ? e : new Error(String(e));
      post({ kind: 'failed', name: error.name, message: error.message });
    }
  };
}

// As a worker (not when a test imports this module to call restoreWorker).
const scope = globalThis as unknown as {
  WorkerGlobalScope?: unknown;
  onmessage: ((e: MessageEvent) => void) | null;
  postMessage(m: unknown): void;
};
if (typeof scope.WorkerGlobalScope !== 'undefined') {
  // The library has opened the database before anyone can restore: the worker opens the same one
  // (without the page's watch for a database made anew, which needs the extension's APIs).
  let repository: Repository | null = null;
  const handle = restoreWorker(
    (m) => scope.postMessage(m),
    () => {
      repository ??= new Repository(new MarginaliaDB());
      return repository;
    },
  );
  scope.onmessage = (e) => void handle(e.data);
}
