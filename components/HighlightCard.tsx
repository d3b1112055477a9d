import { CLAIM_TYPES, claimStyle } from '@/lib/claim-types';
import { t } from '@/lib/i18n';
import type { PaintResult } from '@/lib/protocol';
import type { HighlightPatch } from '@/lib/repository';
import type { ClaimType, Highlight } from '@/lib/schema';
import { TrashIcon } from './icons';
import { NoteEditor } from './NoteEditor';
import { OrphanActions } from './OrphanActions';
import { TagEditor } from './TagEditor';

/** Props of {@link HighlightCard}. */
export interface HighlightCardProps {
  highlight: Highlight;
  /** Set when the page could not find the highlight. */
  orphan?: PaintResult | undefined;
  focused: boolean;
  onUpdate: (patch: HighlightPatch) => Promise<void>;
  onDelete: () => void;
  onShow: () => void;
  onAccept: () => void;
  onReattach: () => void;
}

/** One highlight: its quote (click to find it on the page), claim type, tags, note and delete. */
export function HighlightCard(props: HighlightCardProps) {
  const { highlight: h, orphan, focused, onUpdate, onDelete, onShow, onAccept, onReattach } = props;
  const [quote] = h.target.selector;
  const style = claimStyle(h.claimType);
  return (
    <article
      class={`card${focused ? ' focused' : ''}${orphan ? ' orphan' : ''}`}
      style={{ '--chip': style.color }}
      aria-label={quote.exact.slice(0, 80).trim()}
      data-highlight-id={h.id}
      tabIndex={-1}
    >
      {orphan ? (
        <blockquote class="quote">
          {quote.prefix ? <span class="context">…{quote.prefix}</span> : null}
          <span class="exact">{quote.exact}</span>
          {quote.suffix ? <span class="context">{quote.suffix}…</span> : null}
        </blockquote>
      ) : (
        // The quote itself is the control that finds the passage on the page.
        <button type="button" class="quote" title={t('card_show')} onClick={onShow}>
          {quote.exact}
        </button>
      )}
      <div class="row">
        <span class="chip-glyph" aria-hidden="true" style={{ background: style.color }}>
          {style.glyph}
        </span>
        <select
          aria-label={t('card_claimType')}
          value={h.claimType ?? ''}
          onChange={(e) => void onUpdate({ claimType: (e.currentTarget.value || null) as ClaimType })}
        >
          <option value="">{t('claimType_none')}</option>
          {CLAIM_TYPES.map((type) => (
            <option key={type} value={type}>
              {t(`claimType_${type}`)}
            </option>
          ))}
        </select>
        <button
          type="button"
          class="icon danger"
          aria-label={t('card_delete')}
          title={t('card_delete')}
          onClick={onDelete}
        >
          <TrashIcon />
        </button>
      </div>
      {orphan ? <OrphanActions result={orphan} onAccept={onAccept} onReattach={onReattach} /> : null}
      <TagEditor tags={h.tags} onChange={(tags) => void onUpdate({ tags })} />
      <NoteEditor note={h.note} onSave={(note) => onUpdate({ note })} />
    </article>
  );
}
