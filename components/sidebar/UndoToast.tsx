import { t } from '@/lib/i18n';

/** Props of {@link UndoToast}. */
export interface UndoToastProps {
  message: string;
  onUndo: () => void;
}

/** A polite status line with an Undo button, shown after a delete. */
export function UndoToast({ message, onUndo }: UndoToastProps) {
  return (
    <div class="toast" role="status">
      <span>{message}</span>
      <button type="button" onClick={onUndo}>
        {t('card_undo')}
      </button>
    </div>
  );
}
