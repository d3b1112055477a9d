import { t } from '@/lib/i18n';
import type { PaintResult } from '@/lib/protocol';

const REASON: Record<NonNullable<PaintResult['reason']>, string> = {
  'not-found': 'orphan_notFound',
  ambiguous: 'orphan_ambiguous',
  'low-confidence': 'orphan_lowConfidence',
};

/** Props of {@link OrphanActions}. */
export interface OrphanActionsProps {
  result: PaintResult;
  onAccept: () => void;
  onReattach: () => void;
}

/** Why a highlight was not found, the page's best guess to confirm, and re-attaching by hand. */
export function OrphanActions({ result, onAccept, onReattach }: OrphanActionsProps) {
  const candidate = result.candidate?.[0].exact;
  return (
    <div class="orphan-actions">
      <p class="hint">{t(REASON[result.reason ?? 'not-found'])}</p>
      {candidate ? (
        <div class="candidate">
          <p>
            <strong>{t('orphan_isThisIt')}</strong> <q>{candidate}</q>
          </p>
          <button type="button" onClick={onAccept}>
            {t('orphan_accept')}
          </button>
        </div>
      ) : null}
      <button type="button" onClick={onReattach}>
        {t('orphan_reattach')}
      </button>
    </div>
  );
}
