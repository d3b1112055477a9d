import { useMemo } from 'preact/hooks';
import { t } from '@/lib/i18n';
import { wordDiff } from '@/lib/ui/word-diff';

/**
 * `before` against `after`, word by word: deletions struck, insertions underlined, each also said in
 * words for screen readers. Used by a changed highlight's card and by the article's Show changes.
 */
export function WordDiff({ before, after, lang }: { before: string; after: string; lang?: string | null }) {
  const parts = useMemo(() => wordDiff(before, after, lang ?? undefined), [before, after, lang]);
  return (
    <>
      {parts.map((p, i) =>
        p.kind === 'same' ? (
          <span key={i}>{p.text}</span>
        ) : p.kind === 'removed' ? (
          <del key={i}>
            <span class="sr-only">{t('diff_removed')} </span>
            {p.text}
          </del>
        ) : (
          <ins key={i}>
            <span class="sr-only">{t('diff_added')} </span>
            {p.text}
          </ins>
        ),
      )}
    </>
  );
}
