import { useState } from 'preact/hooks';
import { isolate, t, tn } from '@/lib/i18n';
import { dismissLostLibrary } from '@/lib/lost-library';
import { sendToBackground } from '@/lib/messaging';
import { getRepository } from '@/lib/store/repository';
import { importAnnotationsText } from '@/lib/store/restore-worker';
import { downloadFile } from '@/lib/ui/download';
import { formatNumber } from '@/lib/ui/format';
import { importOffThread, type RestoreProgress, restoreOffThread } from '@/lib/ui/restore-off-thread';
import { importReportLines, restoreReportLines, wroteNothing } from '@/lib/ui/restore-report';
import { writeErrorKey } from '@/lib/ui/storage';
import { type Status, StatusLine } from './StatusLine';

/** A button that opens a file chooser; the same file can be chosen again. */
export function FileButton(props: {
  label: string;
  accept: string;
  onFile: (file: File | undefined) => Promise<void>;
  /** Set while a file is being applied: no second one meanwhile. */
  disabled?: boolean;
}) {
  return (
    <label class={props.disabled ? 'file-button disabled' : 'file-button'}>
      {props.label}
      <input
        type="file"
        disabled={props.disabled}
        accept={props.accept}
        onChange={(e) => {
          void props.onFile(e.currentTarget.files?.[0]);
          e.currentTarget.value = '';
        }}
      />
    </label>
  );
}

/**
 * After a restore or an import: the open tabs of the articles it wrote paint what is stored now,
 * and sync takes it soon (the background does both). A page it cannot reach paints on its next load.
 */
function libraryChanged(): void {
  void sendToBackground({ type: 'library.changed' }).catch(() => undefined);
}

/** Download a full backup, or restore one (validated whole first: a bad file changes nothing). */
export function BackupPanel() {
  // Each control says how it went right under it: backup/restore here, the import below.
  const [status, setStatus] = useState<Status | null>(null);
  const [importStatus, setImportStatus] = useState<Status | null>(null);
  // A restore under way: the file's name and how far it has come (a big backup takes a while).
  const [restoring, setRestoring] = useState<{ name: string; progress: RestoreProgress } | null>(null);
  const [importing, setImporting] = useState<{ name: string; progress: RestoreProgress } | null>(null);
  // One file at a time: a restore and an import would each wait on the other's writes.
  const busy = restoring !== null || importing !== null;
  const download = async () => {
    try {
      // Made a page of records at a time: the whole library and its JSON never sit in this page's heap.
      const now = new Date();
      const file = await getRepository().backupFile(now);
      const name = `marginalia-backup-${now.toISOString().slice(0, 10)}.json`;
      downloadFile(name, file.blob, 'application/json');
      setStatus({
        kind: 'ok',
        text: t('library_downloaded', [
          isolate(name),
          tn('library_highlightCount', file.highlights),
          tn('library_articleCount', file.articles),
        ]),
      });
    } catch (e) {
      setStatus({ kind: 'error', text: t('library_downloadFailed', t(writeErrorKey(e), String(e))) });
    }
  };
  const restore = async (file: File | undefined) => {
    if (!file) return;
    setStatus(null);
    setRestoring({ name: file.name, progress: { stage: 'reading' } });
    try {
      // In a worker: a big backup would hold the page still for seconds (lib/store/restore-worker.ts).
      const result = await restoreOffThread(
        file,
        async (f, progress) => getRepository().importBackup(await f.text(), progress),
        (progress) => setRestoring({ name: file.name, progress }),
      );
      if (!result.ok) setStatus({ kind: 'error', text: t('library_restoreFailed', result.error) });
      else {
        void dismissLostLibrary();
        if (!wroteNothing(result.report)) libraryChanged();
        const lines = restoreReportLines(result.report);
        setStatus({ kind: 'ok', text: lines.join('\n') });
      }
    } catch (e) {
      setStatus({ kind: 'error', text: t('library_restoreFailed', t(writeErrorKey(e), String(e))) });
    } finally {
      setRestoring(null);
    }
  };
  const importAnnotations = async (file: File | undefined) => {
    if (!file) return;
    setImportStatus(null);
    setImporting({ name: file.name, progress: { stage: 'reading' } });
    try {
      // In the restore's worker, as a restore (lib/store/restore-worker.ts).
      const parsed = await importOffThread(
        file,
        async (f, progress) => importAnnotationsText(getRepository(), await f.text(), progress),
        (progress) => setImporting({ name: file.name, progress }),
      );
      if (!parsed.ok) {
        setImportStatus({ kind: 'error', text: t('library_importFailed', parsed.error) });
        return;
      }
      if (!wroteNothing(parsed.report)) libraryChanged();
      setImportStatus({ kind: 'ok', text: importReportLines(parsed).join('\n') });
    } catch (e) {
      setImportStatus({ kind: 'error', text: t('library_importFailed', t(writeErrorKey(e), String(e))) });
    } finally {
      setImporting(null);
    }
  };
  return (
    <section aria-labelledby="lib-backup">
      <h2 id="lib-backup">{t('library_backup')}</h2>
      <p class="hint">{t('library_backupHelp')}</p>
      <div class="row">
        <button type="button" onClick={() => void download()}>
          {t('library_download')}
        </button>
        <FileButton label={t('library_restore')} accept="application/json,.json" onFile={restore} disabled={busy} />
      </div>
      {restoring ? <ProgressLine of="restore" {...restoring} /> : <StatusLine status={status} />}
      <h2>{t('library_importTitle')}</h2>
      <p class="hint">{t('library_importHelp')}</p>
      <div class="row">
        <FileButton
          label={t('library_importAnnotations')}
          accept="application/json,application/ld+json,.json,.jsonld"
          onFile={importAnnotations}
          disabled={busy}
        />
      </div>
      {importing ? <ProgressLine of="import" {...importing} /> : <StatusLine status={importStatus} />}
    </section>
  );
}

const STAGE_TEXT = {
  restore: {
    reading: 'library_restoringRead',
    checking: 'library_restoringCheck',
    articles: 'library_restoringArticles',
    writing: 'library_restoringWrite',
    bar: 'library_restoreProgress',
  },
  import: {
    reading: 'library_importingRead',
    checking: 'library_importingCheck',
    articles: 'library_importingArticles',
    writing: 'library_importingWrite',
    bar: 'library_importProgress',
  },
} as const;

/** How far a restore or an import has come: its stage in words, and the highlights written of all. */
function ProgressLine({ of, name, progress }: { of: 'restore' | 'import'; name: string; progress: RestoreProgress }) {
  const text = STAGE_TEXT[of];
  return (
    <div class="progress" role="status">
      <p class="hint">{t(text[progress.stage], isolate(name))}</p>
      {progress.stage === 'writing' ? (
        <>
          <progress max={Math.max(progress.total, 1)} value={progress.done} aria-label={t(text.bar)} />{' '}
          {formatNumber(progress.done)} / {formatNumber(progress.total)}
        </>
      ) : (
        <progress aria-label={t(text.bar)} />
      )}
    </div>
  );
}
