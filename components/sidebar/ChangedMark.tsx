import { t } from '@/lib/i18n';
import type { PaintResult } from '@/lib/protocol';
import type { Highlight } from '@/lib/schema';
import { formatDateTime } from '@/lib/ui/format';
import { WordDiff } from './WordDiff';

/** Props of {@link ChangedMark}. */
export interface ChangedMarkProps {
  highlight: Highlight;
  /** Where the page found it: `change` and, as `candidate`, the text it landed on. */
  result: PaintResult;
  lang?: string | null;
  onAccept: () => void;
  onKeep: () => void;
}

/**
 * "Changed on the page": the stored quote against the page's text now, word by word (deletions
 * struck, insertions underlined, each also said in words for screen readers), with Accept the new
 * wording (edits only: the quote follows the page, the original goes into its history) and Keep
 * the original (it stays marked).
 */
export function ChangedMark({ highlight: h, result, lang, onAccept, onKeep }: ChangedMarkProps) {
  const before = h.target.selector[0].exact;
  const now = result.candidate?.[0].exact ?? '';
  const kept = h.kept && h.kept.now === now ? h.kept : null;
  return (
    <section class="changed" aria-label={t('changed_title')} data-change={result.change}>
      <p class="changed-title">
        <strong>{t('changed_title')}</strong> {t(result.change === 'split' ? 'changed_split' : 'changed_edited')}
      </p>
      <p class="diff" dir="auto" lang={lang ?? undefined}>
        <WordDiff before={before} after={now} lang={lang} />
      </p>
      {kept ? (
        <p class="hint">{t('changed_keptOn', formatDateTime(kept.at))}</p>
      ) : (
        <div class="row">
          {result.change === 'edited' ? (
            <button type="button" onClick={onAccept}>
              {t('changed_accept')}
            </button>
          ) : null}
          <button type="button" onClick={onKeep}>
            {t('changed_keep')}
          </button>
        </div>
      )}
    </section>
  );
}
