import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '@/lib/i18n';

/** Props of {@link NoteEditor}. */
export interface NoteEditorProps {
  note: string;
  onSave: (note: string) => Promise<void>;
}

/** A highlight's note: shown as text, edited in place (Ctrl/⌘+Enter saves, Escape cancels). */
export function NoteEditor({ note, onSave }: NoteEditorProps) {
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(note);
  const field = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    if (editing) field.current?.focus();
  }, [editing]);
  const save = async () => {
    await onSave(draft);
    setEditing(false);
  };
  if (!editing) {
    return (
      <div class="note">
        {note ? <p class="note-text">{note}</p> : null}
        <button
          type="button"
          class="link"
          onClick={() => {
            setDraft(note);
            setEditing(true);
          }}
        >
          {note ? t('card_edit') : t('card_notePlaceholder')}
        </button>
      </div>
    );
  }
  return (
    <div class="note">
      <textarea
        ref={field}
        aria-label={t('card_note')}
        value={draft}
        rows={3}
        onInput={(e) => setDraft(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void save();
          if (e.key === 'Escape') setEditing(false);
        }}
      />
      <div class="row">
        <button type="button" class="primary" onClick={() => void save()}>
          {t('card_save')}
        </button>
        <button type="button" onClick={() => setEditing(false)}>
          {t('card_cancel')}
        </button>
      </div>
    </div>
  );
}
