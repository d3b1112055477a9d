import { useState } from 'preact/hooks';
import { t } from '@/lib/i18n';

/** Props of {@link TagEditor}. */
export interface TagEditorProps {
  tags: string[];
  onChange: (tags: string[]) => void;
  /** Existing tags offered as the user types (autocomplete). */
  suggestions?: readonly string[];
  /** Unique per editor on the page (links the field to its suggestions). */
  listId?: string;
}

/** A highlight's free tags: chips with a remove button, and a field that adds one on Enter. */
export function TagEditor({ tags, onChange, suggestions = [], listId }: TagEditorProps) {
  const [draft, setDraft] = useState('');
  const add = () => {
    const tag = draft.trim();
    if (tag) onChange([...tags, tag]);
    setDraft('');
  };
  return (
    <fieldset class="tags">
      <legend class="sr-only">{t('card_tags')}</legend>
      <ul class="tag-list">
        {tags.map((tag) => (
          <li key={tag} class="tag">
            #{tag}
            <button
              type="button"
              class="tag-remove"
              aria-label={t('card_removeTag', tag)}
              onClick={() => onChange(tags.filter((x) => x !== tag))}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
      <input
        class="tag-input"
        type="text"
        aria-label={t('card_addTag')}
        placeholder={t('card_addTag')}
        value={draft}
        maxLength={100}
        list={listId}
        autoComplete="off"
        onInput={(e) => setDraft(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            add();
          }
        }}
        onBlur={() => draft.trim() && add()}
      />
      {listId ? (
        <datalist id={listId}>
          {suggestions
            .filter((s) => !tags.includes(s))
            .map((s) => (
              <option key={s} value={s} />
            ))}
        </datalist>
      ) : null}
    </fieldset>
  );
}
