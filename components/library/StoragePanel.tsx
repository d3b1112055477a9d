import { useEffect, useState } from 'preact/hooks';
import { t, tn, uiLanguage } from '@/lib/i18n';
import { getRepository } from '@/lib/store/repository';
import { ensurePersistentStorage, type StorageStatus, storageStatus } from '@/lib/ui/storage';
import { useAfterWrites } from '@/lib/ui/use-after-writes';
import { useSettings } from '@/lib/ui/use-settings';

/** Bytes for people: kB under a megabyte, MB above. */
function size(bytes: number): string {
  const unit = bytes < 1024 * 1024 ? 'kilobyte' : 'megabyte';
  const value = unit === 'kilobyte' ? bytes / 1024 : bytes / 1024 / 1024;
  return new Intl.NumberFormat(uiLanguage(), { style: 'unit', unit, maximumFractionDigits: 1 }).format(value);
}

/** Whether the browser keeps the data for good, how much is used, and the articles' text copies. */
export function StoragePanel() {
  const [status, setStatus] = useState<StorageStatus | null>(null);
  const [copies, setCopies] = useState<{ chars: number; articles: number } | null>(null);
  const { settings } = useSettings();
  const repo = getRepository();
  const countCopies = () =>
    void repo
      .textCopies()
      .then(setCopies)
      .catch(() => undefined);
  useEffect(() => {
    void ensurePersistentStorage().then(() => storageStatus().then(setStatus));
    countCopies();
  }, []);
  // Read again after writes (a restore, the sidebar's notes), not only when the panel opens.
  useAfterWrites(() => {
    void storageStatus()
      .then(setStatus)
      .catch(() => undefined);
    countCopies();
  });
  const setKeep = async (keep: boolean) => {
    await repo.saveSettings({ keepTextCopies: keep });
    if (!keep) await repo.dropTextCopies();
    countCopies();
  };
  if (!status) return null;
  // The truth for each browser: Firefox grants persistence; Chrome answers "not persisted" but never
  // evicts an extension that holds unlimitedStorage.
  const line = status.persisted
    ? 'library_persisted'
    : status.unlimited
      ? 'library_unlimited'
      : status.persisted === null
        ? 'library_storageUnknown'
        : 'library_notPersisted';
  return (
    <section aria-labelledby="lib-storage">
      <h2 id="lib-storage">{t('library_storage')}</h2>
      <p data-persisted={String(status.persisted)}>{t(line)}</p>
      {status.usage !== null ? <p class="hint">{t('library_usage', size(status.usage))}</p> : null}
      <label class="check">
        <input
          type="checkbox"
          checked={settings.keepTextCopies}
          onChange={(e) => void setKeep(e.currentTarget.checked).catch(() => undefined)}
        />{' '}
        {t('storage_keepCopies')}
      </label>
      {copies ? (
        <p class="hint" data-text-copies={copies.chars}>
          {tn('storage_copies', copies.articles, [size(copies.chars)])}
        </p>
      ) : null}
    </section>
  );
}
