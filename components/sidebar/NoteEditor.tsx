import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '@/lib/i18n';
import { KEYS } from '@/lib/ui/keyboard';
import type { WriteOutcome } from '@/lib/ui/storage';
import { useNoteHtml } from '@/lib/ui/use-note-html';

/** Props of {@link NoteEditor}. */
export interface NoteEditorProps {
  note: string;
  /** Saves the note; resolves to null, or to what to tell the user when it could not be saved. */
  onSave: (note: string) => Promise<WriteOutcome | undefined>;
  /** The field's accessible name (a highlight's note, or the page note). */
  label?: string;
  /** The button text when there is no note yet. */
  addLabel?: string;
}

/**
 * A note in Markdown: shown rendered (sanitised), edited in place as text (Ctrl/⌘+Enter saves,
 * Escape cancels). The draft survives a failed save.
 */
export function NoteEditor({
  note,
  onSave,
  label = t('card_note'),
  addLabel = t('card_notePlaceholder'),
}: NoteEditorProps) {
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(note);
  const [failure, setFailure] = useState<string | null>(null);
  const field = useRef<HTMLTextAreaElement>(null);
  const opener = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (editing) field.current?.focus();
  }, [editing]);
  const close = () => {
    setEditing(false);
    // Focus goes back to the note's button, unless the user already moved it elsewhere.
    requestAnimationFrame(() => {
      const active = document.activeElement;
      if (!active || active === document.body) opener.current?.focus();
    });
  };
  // A failed save keeps the editor open with the draft, and says why under it, where the user is.
  const save = async () => {
    const outcome = await onSave(draft);
    if (typeof outcome === 'string') {
      setFailure(outcome);
      return;
    }
    setFailure(null);
    close();
  };
  if (!editing) {
    return (
      <div class="note">
        <NoteText note={note} />
        <button
          ref={opener}
          type="button"
          class="link"
          onClick={() => {
            setDraft(note);
            setEditing(true);
          }}
        >
          {note ? t('card_edit') : addLabel}
        </button>
      </div>
    );
  }
  return (
    <div class="note">
      <textarea
        ref={field}
        aria-label={label}
        aria-describedby="note-help"
        value={draft}
        rows={4}
        dir="auto"
        onInput={(e) => setDraft(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (KEYS.saveNote.test(e)) void save();
          if (KEYS.cancel.test(e)) close();
        }}
      />
      <p id="note-help" class="hint small">
        {t('note_help')}
      </p>
      {failure ? (
        <p class="notice small" role="alert">
          {failure}
        </p>
      ) : null}
      <div class="row">
        <button type="button" class="primary" onClick={() => void save()}>
          {t('card_save')}
        </button>
        <button type="button" onClick={close}>
          {t('card_cancel')}
        </button>
      </div>
    </div>
  );
}

/** A note as it reads: Markdown rendered and sanitised, or its plain text until the renderer is in. */
export function NoteText({ note, class: extra = '' }: { note: string; class?: string }) {
  const html = useNoteHtml(note);
  if (html === null) {
    return (
      <div class={`note-text pre ${extra}`.trim()} dir="auto">
        {note}
      </div>
    );
  }
  // marked output, sanitised by DOMPurify (lib/ui/note-html.ts)
  return html ? (
    <div class={`note-text ${extra}`.trim()} dir="auto" dangerouslySetInnerHTML={{ __html: html }} />
  ) : null;
}
