import { useEffect, useState } from 'preact/hooks';
import { t, tn } from '@/lib/i18n';
import { dismissLostLibrary, type LibrarySize, lostLibrary } from '@/lib/lost-library';
import { sendToBackground } from '@/lib/messaging';
import { getRepository } from '@/lib/store/repository';
import { formatDateTime } from '@/lib/ui/format';

/**
 * Says so when the browser lost the library (its database was made anew after it held highlights),
 * with the newest automatic backup's file to restore from (Backup → Restore).
 */
export function LostLibraryNotice() {
  const [lost, setLost] = useState<LibrarySize | null | undefined>(undefined);
  const [file, setFile] = useState<string | null>(null);
  useEffect(() => {
    // Open the database first: if the browser lost it, opening it here may be what makes it anew.
    void getRepository()
      .open()
      .catch(() => undefined)
      .then(() => lostLibrary())
      .catch(() => null)
      .then(async (size) => {
        setLost(size);
        if (!size) return;
        const { files } = await sendToBackground({ type: 'backup.autoList' });
        setFile(files[0]?.file ?? null);
      })
      .catch(() => undefined);
  }, []);
  // Marked once checked, so a reader (or a test) can tell "nothing lost" from "not checked yet".
  if (!lost) return lost === null ? <span hidden data-lost-checked="" /> : null;
  return (
    <div class="notice" role="alert" data-lost-library={lost.highlights}>
      <p>{t('lost_library', [tn('library_highlightCount', lost.highlights), formatDateTime(lost.at)])}</p>
      <p class="pre">{file ? t('lost_libraryBackup', file) : t('lost_libraryNoBackup')}</p>
      <button
        type="button"
        class="link"
        onClick={() => {
          void dismissLostLibrary();
          setLost(null);
        }}
      >
        {t('lost_libraryDismiss')}
      </button>
    </div>
  );
}
