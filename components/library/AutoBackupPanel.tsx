import { useEffect, useState } from 'preact/hooks';
import { t } from '@/lib/i18n';
import { sendToBackground } from '@/lib/messaging';
import { AUTO_BACKUP_PERIODS, type AutoBackupPeriod } from '@/lib/schema';
import { getRepository } from '@/lib/store/repository';
import { formatDateTime } from '@/lib/ui/format';
import { useSettings } from '@/lib/ui/use-settings';
import { writeErrorMessage } from '@/lib/write-errors';
import { type Status, StatusLine } from './StatusLine';

interface FileInfo {
  file: string;
  at: number;
  bytes: number;
}

/**
 * Automatic backups: how often (off, daily, weekly), the files kept in the downloads folder, and
 * "Back up now". A browser that loses its storage then costs at most one period of work.
 */
export function AutoBackupPanel() {
  const { settings } = useSettings();
  const [files, setFiles] = useState<FileInfo[] | null>(null);
  const [status, setStatus] = useState<Status | null>(null);
  const [busy, setBusy] = useState(false);
  const refresh = () =>
    sendToBackground({ type: 'backup.autoList' })
      .then((r) => setFiles(r.files))
      .catch(() => setFiles([]));
  useEffect(() => void refresh(), []);
  const now = async () => {
    setBusy(true);
    try {
      const written = await sendToBackground({ type: 'backup.auto' });
      setStatus({ kind: 'ok', text: t('autoBackup_written', written.file) });
      await refresh();
    } catch (e) {
      setStatus({ kind: 'error', text: t('autoBackup_failed', writeErrorMessage(e)) });
    } finally {
      setBusy(false);
    }
  };
  const [last] = files ?? [];
  return (
    <section aria-labelledby="lib-auto-backup">
      <h2 id="lib-auto-backup">{t('autoBackup_title')}</h2>
      <p class="hint">{t('autoBackup_help')}</p>
      <div class="row">
        <label>
          {t('autoBackup_period')}{' '}
          <select
            value={settings.autoBackup}
            onChange={(e) =>
              void getRepository()
                .saveSettings({ autoBackup: e.currentTarget.value as AutoBackupPeriod })
                .catch((err) => setStatus({ kind: 'error', text: writeErrorMessage(err) }))
            }
          >
            {AUTO_BACKUP_PERIODS.map((p) => (
              <option value={p} key={p}>
                {t(`autoBackup_${p}`)}
              </option>
            ))}
          </select>
        </label>
        <button type="button" disabled={busy} onClick={() => void now()}>
          {t('autoBackup_now')}
        </button>
      </div>
      {files ? (
        <p class="hint" data-auto-backups={files.length}>
          {last ? t('autoBackup_last', [formatDateTime(last.at), String(files.length)]) : t('autoBackup_none')}
        </p>
      ) : null}
      <StatusLine status={status} />
    </section>
  );
}
