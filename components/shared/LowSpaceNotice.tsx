import { useEffect, useState } from 'preact/hooks';
import { t, uiLanguage } from '@/lib/i18n';
import { lowSpace } from '@/lib/ui/storage';

/** How often the room left is checked while the page is open. */
const CHECK_MS = 60_000;

/**
 * Warns early when the disk is filling up (before writes start failing), with what to do. Checked
 * when the page opens, every minute, and whenever `recheck` changes (after a failed write).
 */
export function LowSpaceNotice({ recheck = 0 }: { recheck?: unknown }) {
  const [left, setLeft] = useState<number | null>(null);
  useEffect(() => {
    let live = true;
    const check = () => void lowSpace().then((n) => live && setLeft(n));
    check();
    const timer = setInterval(check, CHECK_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [recheck]);
  if (left === null) return null;
  const mb = new Intl.NumberFormat(uiLanguage(), { style: 'unit', unit: 'megabyte', maximumFractionDigits: 1 }).format(
    left / 1024 / 1024,
  );
  return (
    <p class="notice" role="alert" data-low-space={left}>
      {t('storage_low', mb)}
    </p>
  );
}
