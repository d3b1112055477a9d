import { useState } from 'preact/hooks';
import type { ArticleChanges, BlockChange } from '@/lib/article-blocks';
import { t, tn } from '@/lib/i18n';
import type { Highlight } from '@/lib/schema';
import { formatDate } from '@/lib/ui/format';
import { WordDiff } from './WordDiff';

/** Props of {@link ArticleChanged}. */
export interface ArticleChangedProps {
  changes: ArticleChanges;
  /** When the baseline was kept (the article first annotated, or first seen since this version). */
  since: number;
  highlights: readonly Highlight[];
  lang?: string | null;
}

/** Whether a block holds (part of) one of the highlights. */
function annotated(step: BlockChange, quotes: readonly string[]): boolean {
  const text = step.kind === 'same' ? step.text : step.kind === 'removed' ? (step.before ?? '') : step.after;
  return quotes.some((q) => text.includes(q) || (step.kind === 'edited' && (step.before ?? '').includes(q)));
}

/**
 * "This article changed since you annotated it": how many paragraphs were edited, added and removed
 * since the baseline, and on demand the paragraph diff, paragraphs with highlights first.
 */
export function ArticleChanged({ changes, since, highlights, lang }: ArticleChangedProps) {
  const [open, setOpen] = useState(false);
  const counts = [
    changes.edited ? tn('changed_blocksEdited', changes.edited) : null,
    changes.added ? tn('changed_blocksAdded', changes.added) : null,
    changes.removed ? tn('changed_blocksRemoved', changes.removed) : null,
  ].filter(Boolean);
  const quotes = highlights.map((h) => h.target.selector[0].exact.normalize('NFC').replace(/\s+/g, ' ').trim());
  const steps = changes.steps.filter((s) => s.kind !== 'same');
  const ordered = [...steps.filter((s) => annotated(s, quotes)), ...steps.filter((s) => !annotated(s, quotes))];
  return (
    <section class="notice article-changed" aria-label={t('changed_articleTitle')} data-article-changed="">
      <p>{t('changed_article', [formatDate(since), counts.join(', ')])}</p>
      <button type="button" class="link" aria-expanded={open} onClick={() => setOpen(!open)}>
        {open ? t('changed_hide') : t('changed_show')}
      </button>
      {open ? (
        <ol class="block-diff" dir="auto" lang={lang ?? undefined}>
          {ordered.map((s, i) => (
            <li key={i} class={`block-${s.kind}`} data-annotated={annotated(s, quotes) ? '' : undefined}>
              <span class="block-kind">{t(`changed_block_${s.kind}`)}</span>{' '}
              {s.kind === 'edited' ? (
                s.before === null ? (
                  s.after
                ) : (
                  <WordDiff before={s.before} after={s.after} lang={lang} />
                )
              ) : s.kind === 'added' ? (
                <ins>{s.after}</ins>
              ) : s.kind === 'removed' ? (
                <del>{s.before ?? t('changed_notKept')}</del>
              ) : null}
            </li>
          ))}
        </ol>
      ) : null}
    </section>
  );
}
