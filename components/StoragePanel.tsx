import { useEffect, useState } from 'preact/hooks';
import { t } from '@/lib/i18n';
import { ensurePersistentStorage, type StorageStatus, storageStatus } from '@/lib/ui/storage';

function megabytes(bytes: number): string {
  return `${new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 }).format(bytes / 1024 / 1024)} MB`;
}

/** Whether the browser keeps the data for good, and how much is used. */
export function StoragePanel() {
  const [status, setStatus] = useState<StorageStatus | null>(null);
  useEffect(() => {
    void ensurePersistentStorage().then(() => storageStatus().then(setStatus));
  }, []);
  if (!status) return null;
  const line =
    status.persisted === null
      ? 'library_storageUnknown'
      : status.persisted
        ? 'library_persisted'
        : 'library_notPersisted';
  return (
    <section aria-labelledby="lib-storage">
      <h2 id="lib-storage">{t('library_storage')}</h2>
      <p data-persisted={String(status.persisted)}>{t(line)}</p>
      {status.usage !== null ? <p class="hint">{t('library_usage', megabytes(status.usage))}</p> : null}
    </section>
  );
}
