import { useCallback, useState } from 'preact/hooks';
import { isolate, t, tn } from '@/lib/i18n';
import type { TagCount } from '@/lib/library-summary';
import { getRepository } from '@/lib/store/repository';
import { formatNumber } from '@/lib/ui/format';

/** Props of {@link TagManager}. */
export interface TagManagerProps {
  tags: TagCount[];
}

/** Every tag with its count: rename (onto an existing tag: merge) or delete it across all highlights. */
export function TagManager({ tags }: TagManagerProps) {
  const repo = getRepository();
  const [editing, setEditing] = useState<string | null>(null);
  const [draft, setDraft] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const rename = async (from: string) => {
    const to = draft.trim();
    if (!to || to === from) {
      setEditing(null);
      return;
    }
    const merging = tags.some((x) => x.tag === to);
    const n = await repo.renameTag(from, to);
    setMessage(
      merging
        ? t('tags_merged', [isolate(from), isolate(to), tn('library_highlightCount', n)])
        : t('tags_renamed', [isolate(from), isolate(to), tn('library_highlightCount', n)]),
    );
    setEditing(null);
  };
  const remove = async (tag: string) => {
    const n = await repo.deleteTag(tag);
    setMessage(t('tags_deleted', [isolate(tag), tn('library_highlightCount', n)]));
    setConfirming(null);
  };
  if (!tags.length) return <p class="empty">{t('tags_empty')}</p>;
  const focusOnOpen = useCallback((field: HTMLInputElement | null) => {
    field?.focus();
    field?.select();
  }, []);
  return (
    <div class="tag-manager">
      <p class="hint">{t('tags_help')}</p>
      {message ? (
        <p class="ok" role="status">
          {message}
        </p>
      ) : null}
      <ul class="tag-table">
        {tags.map(({ tag, count }) => (
          <li key={tag} class="tag-row">
            {editing === tag ? (
              <>
                <input
                  type="text"
                  aria-label={t('tags_newName', tag)}
                  value={draft}
                  maxLength={100}
                  list="all-tags"
                  // The user just asked to rename this tag: the field takes the focus, its text selected.
                  ref={focusOnOpen}
                  onInput={(e) => setDraft(e.currentTarget.value)}
                  onKeyDown={(e) => {
                    if (e.key === 'Enter') void rename(tag);
                    if (e.key === 'Escape') setEditing(null);
                  }}
                />
                <button type="button" class="primary" onClick={() => void rename(tag)}>
                  {t('tags_apply')}
                </button>
                <button type="button" onClick={() => setEditing(null)}>
                  {t('card_cancel')}
                </button>
              </>
            ) : (
              <>
                <span class="tag">#{tag}</span>
                <span class="meta">{tn('library_highlightCount', count)}</span>
                <span class="spacer" />
                <button
                  type="button"
                  aria-label={t('tags_rename', tag)}
                  onClick={() => {
                    setDraft(tag);
                    setEditing(tag);
                  }}
                >
                  {t('tags_renameShort')}
                </button>
                {confirming === tag ? (
                  <button type="button" class="danger-solid" onClick={() => void remove(tag)}>
                    {t('tags_confirmDelete', formatNumber(count))}
                  </button>
                ) : (
                  <button type="button" aria-label={t('tags_delete', tag)} onClick={() => setConfirming(tag)}>
                    {t('tags_deleteShort')}
                  </button>
                )}
              </>
            )}
          </li>
        ))}
      </ul>
      <datalist id="all-tags">
        {tags.map(({ tag }) => (
          <option key={tag} value={tag} />
        ))}
      </datalist>
    </div>
  );
}
