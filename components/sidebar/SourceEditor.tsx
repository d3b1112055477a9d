import { useState } from 'preact/hooks';
import { t } from '@/lib/i18n';
import type { WriteOutcome } from '@/lib/ui/storage';

/** Props of {@link SourceEditor}. */
export interface SourceEditorProps {
  url: string | null;
  /** Saves the link; resolves to null, or to what to tell the user when it could not be saved. */
  onSave: (url: string | null) => Promise<WriteOutcome>;
}

/** A claim's link to a source or fact-check: shown as a link, edited in place (http(s) only). */
export function SourceEditor({ url, onSave }: SourceEditorProps) {
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(url ?? '');
  const [invalid, setInvalid] = useState(false);
  const save = async () => {
    const value = draft.trim();
    if (value && !/^https?:\/\/\S+$/i.test(value)) {
      setInvalid(true);
      return;
    }
    // A failed save keeps the field open with what was typed (the sidebar says why).
    if ((await onSave(value || null)) !== null) return;
    setInvalid(false);
    setEditing(false);
  };
  if (!editing) {
    return (
      <div class="row source">
        {url ? (
          <a href={url} target="_blank" rel="noopener noreferrer" class="source-link">
            {t('card_sourceLink')}: {new URL(url).hostname}
          </a>
        ) : null}
        <button
          type="button"
          class="link"
          onClick={() => {
            setDraft(url ?? '');
            setEditing(true);
          }}
        >
          {url ? t('card_sourceEdit') : t('card_sourceAdd')}
        </button>
      </div>
    );
  }
  return (
    <div class="row source">
      <input
        type="url"
        aria-label={t('card_source')}
        aria-invalid={invalid}
        aria-describedby={invalid ? 'source-error' : undefined}
        placeholder="https://"
        value={draft}
        // biome-ignore lint/a11y/noAutofocus: the user just asked to edit this field
        autoFocus
        onInput={(e) => setDraft(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') void save();
          if (e.key === 'Escape') setEditing(false);
        }}
      />
      <button type="button" class="primary" onClick={() => void save()}>
        {t('card_save')}
      </button>
      <button type="button" onClick={() => setEditing(false)}>
        {t('card_cancel')}
      </button>
      {invalid ? (
        <p id="source-error" class="error" role="alert">
          {t('card_sourceInvalid')}
        </p>
      ) : null}
    </div>
  );
}
