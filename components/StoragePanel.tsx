import { useEffect, useState } from 'preact/hooks';
import { t, uiLanguage } from '@/lib/i18n';
import { ensurePersistentStorage, type StorageStatus, storageStatus } from '@/lib/ui/storage';

/** Bytes for people: kB under a megabyte, MB above. */
function size(bytes: number): string {
  const unit = bytes < 1024 * 1024 ? 'kilobyte' : 'megabyte';
  const value = unit === 'kilobyte' ? bytes / 1024 : bytes / 1024 / 1024;
  return new Intl.NumberFormat(uiLanguage(), { style: 'unit', unit, maximumFractionDigits: 1 }).format(value);
}

/** Whether the browser keeps the data for good, and how much is used. */
export function StoragePanel() {
  const [status, setStatus] = useState<StorageStatus | null>(null);
  useEffect(() => {
    void ensurePersistentStorage().then(() => storageStatus().then(setStatus));
  }, []);
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
    </section>
  );
}
