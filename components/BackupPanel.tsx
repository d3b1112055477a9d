import { useState } from 'preact/hooks';
import { createBackup, importBackup } from '@/lib/backup';
import { t } from '@/lib/i18n';
import { getRepository } from '@/lib/repository';
import { downloadText } from '@/lib/ui/download';
import { writeErrorKey } from '@/lib/ui/storage';

/** Download a full backup, or restore one (validated whole first: a bad file changes nothing). */
export function BackupPanel() {
  const [status, setStatus] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const download = async () => {
    const backup = await createBackup(getRepository().db);
    const day = backup.exportedAt.slice(0, 10);
    downloadText(`marginalia-backup-${day}.json`, JSON.stringify(backup), 'application/json');
  };
  const restore = async (file: File | undefined) => {
    if (!file) return;
    try {
      const result = await importBackup(getRepository().db, await file.text());
      if (!result.ok) setStatus({ kind: 'error', text: t('library_restoreFailed', result.error) });
      else {
        const r = result.report;
        const added = [
          String(r.articlesAdded),
          String(r.highlightsAdded),
          String(r.articlesUpdated + r.highlightsUpdated),
        ];
        setStatus({ kind: 'ok', text: t('library_restored', added) });
      }
    } catch (e) {
      setStatus({ kind: 'error', text: t('library_restoreFailed', t(writeErrorKey(e), String(e))) });
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
        <label class="file-button">
          {t('library_restore')}
          <input
            type="file"
            accept="application/json,.json"
            onChange={(e) => {
              void restore(e.currentTarget.files?.[0]);
              e.currentTarget.value = '';
            }}
          />
        </label>
      </div>
      {status ? (
        <p class={status.kind === 'error' ? 'notice pre' : 'hint'} role={status.kind === 'error' ? 'alert' : 'status'}>
          {status.text}
        </p>
      ) : null}
    </section>
  );
}
