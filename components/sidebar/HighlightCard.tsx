import { useEffect, useRef, useState } from 'preact/hooks';
import { claimLabel } from '@/lib/claim-labels';
import { CLAIM_STATUSES, type ClaimTypeDef, claimStyle, isCheckable } from '@/lib/claim-types';
import { t } from '@/lib/i18n';
import type { PaintResult } from '@/lib/protocol';
import type { ClaimStatus, Highlight } from '@/lib/schema';
import type { HighlightPatch } from '@/lib/store/repository';
import { formatDateTime } from '@/lib/ui/format';
import { afterPointer } from '@/lib/ui/pointer';
import type { WriteOutcome } from '@/lib/ui/storage';
import { ChangedMark } from './ChangedMark';
import { TrashIcon } from './icons';
import { NoteEditor, NoteText } from './NoteEditor';
import { OrphanActions } from './OrphanActions';
import { SourceEditor } from './SourceEditor';
import { TagEditor } from './TagEditor';

/** Quotes longer than this are folded, with a control to show all of it. */
export const FOLD_AT = 280;

/** Props of {@link HighlightCard}. */
export interface HighlightCardProps {
  highlight: Highlight;
  types: readonly ClaimTypeDef[];
  /** Every tag in use, for autocomplete. */
  allTags: readonly string[];
  /** Set when the page could not find the highlight, or found it on changed text. */
  placement?: PaintResult | undefined;
  /** The article's language (for the word-level diff). */
  lang?: string | null | undefined;
  focused: boolean;
  /** Saves a change; resolves to null, or to what to tell the user when it could not be saved. */
  onUpdate: (patch: HighlightPatch) => Promise<WriteOutcome>;
  onDelete: () => void;
  onShow: () => void;
  onAccept: () => void;
  onReattach: () => void;
  onKeep: () => void;
  /** Copies the quote with its citation; resolves to what to say next to the button. */
  onCopy: () => Promise<string>;
}

/** One highlight: its quote (click to find it on the page), claim type and status, tags, note. */
export function HighlightCard(props: HighlightCardProps) {
  const {
    highlight: h,
    types,
    allTags,
    placement,
    lang,
    focused,
    onUpdate,
    onDelete,
    onShow,
    onAccept,
    onReattach,
    onKeep,
    onCopy,
  } = props;
  // Said where the user clicked, for a few seconds.
  const [copied, setCopied] = useState('');
  useEffect(() => {
    if (!copied) return;
    const id = setTimeout(() => setCopied(''), 4000);
    return () => clearTimeout(id);
  }, [copied]);
  const orphan = placement?.status === 'orphan' ? placement : undefined;
  const change = placement?.status === 'anchored' && placement.change ? placement : undefined;
  const [quote] = h.target.selector;
  const style = claimStyle(h.claimType, types);
  const [expanded, setExpanded] = useState(false);
  // Read first: the controls show while the card has the focus (click, J/K, Tab) or once pinned open.
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(false);
  // The controls are made the first time the card opens or takes the focus, then kept (a draft typed
  // in them outlives the focus leaving): cards read first are a third of the elements to make, and
  // the sidebar shows its cards that much sooner.
  const controlsMade = useRef(false);
  if (open || active) controlsMade.current = true;
  const def = types.find((d) => d.id === h.claimType);
  const checkable = isCheckable(def);
  const long = quote.exact.length > FOLD_AT;
  const shown = long && !expanded ? `${quote.exact.slice(0, FOLD_AT).trimEnd()}…` : quote.exact;
  // Hidden types stay selectable on a highlight that already carries one.
  const offered = types.filter((d) => !d.hidden || d.id === h.claimType);
  const known = h.claimType === null || types.some((d) => d.id === h.claimType);
  return (
    <article
      class={`card${focused ? ' focused' : ''}${orphan ? ' orphan' : ''}${change ? ' changed-card' : ''}${open ? ' open' : ''}${active ? ' active' : ''}`}
      onFocusIn={() => setActive(true)}
      onFocusOut={(e) => {
        if (e.currentTarget.contains(e.relatedTarget as Node | null)) return;
        // Closed once the click that moved the focus is over: closing under the pointer would move
        // what it is about to release on (the cards below this one shift up).
        afterPointer(() => setActive(false));
      }}
      style={{ '--chip': style.color }}
      aria-label={quote.exact.slice(0, 80).trim()}
      data-highlight-id={h.id}
      tabIndex={-1}
    >
      {orphan ? (
        <blockquote class="quote" dir="auto">
          {quote.prefix ? <span class="context">…{quote.prefix}</span> : null}
          <span class="exact">{quote.exact}</span>
          {quote.suffix ? <span class="context">{quote.suffix}…</span> : null}
        </blockquote>
      ) : (
        // The quote itself is the control that finds the passage on the page.
        <button type="button" class="quote" title={t('card_show')} dir="auto" onClick={onShow}>
          {shown}
        </button>
      )}
      {long && !orphan ? (
        <button type="button" class="link small" aria-expanded={expanded} onClick={() => setExpanded(!expanded)}>
          {expanded ? t('card_showLess') : t('card_showMore')}
        </button>
      ) : null}
      <div class="card-summary">
        {def ? (
          <span class="chip" style={{ '--chip': style.color }}>
            <span class="chip-glyph" aria-hidden="true">
              {style.glyph}
            </span>
            {claimLabel(def)}
          </span>
        ) : null}
        {checkable && h.status ? (
          <span class={`status-badge status-${h.status}`}>{t(`status_${h.status}`)}</span>
        ) : null}
        {h.tags.map((tag) => (
          <bdi key={tag} class="tag">
            #{tag}
          </bdi>
        ))}
        <span class="spacer" />
        <button
          type="button"
          class="icon card-open"
          aria-label={t('card_editHighlight')}
          title={t('card_editHighlight')}
          aria-expanded={open}
          onClick={() => setOpen(!open)}
        >
          ✎
        </button>
      </div>
      {h.note.trim() ? <NoteText note={h.note} class="card-summary-note" /> : null}
      {orphan && h.block ? (
        <p class="kept-block hint" dir="auto">
          <span class="block-kind">{t('orphan_keptBlock')}</span> {h.block}
        </p>
      ) : null}
      {orphan ? <OrphanActions result={orphan} onAccept={onAccept} onReattach={onReattach} /> : null}
      {change ? (
        <ChangedMark highlight={h} result={change} lang={lang ?? null} onAccept={onAccept} onKeep={onKeep} />
      ) : null}
      {controlsMade.current ? (
        <div class="card-edit">
          <div class="row">
            <span class="chip-glyph" aria-hidden="true" style={{ background: style.color }}>
              {style.glyph}
            </span>
            <select
              aria-label={t('card_claimType')}
              value={h.claimType ?? ''}
              onChange={(e) => void onUpdate({ claimType: e.currentTarget.value || null })}
            >
              <option value="">{t('claimType_none')}</option>
              {offered.map((d) => (
                <option key={d.id} value={d.id}>
                  {claimLabel(d)}
                </option>
              ))}
              {known ? null : <option value={h.claimType ?? ''}>{h.claimType}</option>}
            </select>
            {checkable ? (
              <select
                aria-label={t('card_status')}
                class={`status status-${h.status ?? 'none'}`}
                value={h.status ?? ''}
                onChange={(e) => void onUpdate({ status: (e.currentTarget.value || null) as ClaimStatus })}
              >
                <option value="">{t('status_none')}</option>
                {CLAIM_STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {t(`status_${s}`)}
                  </option>
                ))}
              </select>
            ) : null}
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
          {h.claimType !== null ? (
            <SourceEditor url={h.sourceUrl} onSave={(sourceUrl) => onUpdate({ sourceUrl })} />
          ) : null}
          <TagEditor
            tags={h.tags}
            suggestions={allTags}
            listId={`tags-${h.id}`}
            onChange={(tags) => void onUpdate({ tags })}
          />
          <NoteEditor note={h.note} onSave={(note) => onUpdate({ note })} />
          <div class="row card-foot">
            <p class="times small">
              {t('card_created', formatDateTime(h.createdAt))}
              {h.updatedAt - h.createdAt > 60_000 ? ` · ${t('card_edited', formatDateTime(h.updatedAt))}` : ''}
            </p>
            <span class="spacer" />
            <button type="button" class="link small" onClick={() => void onCopy().then(setCopied)}>
              {t('card_copyCitation')}
            </button>
          </div>
        </div>
      ) : null}
      <span class="small copy-status" role="status">
        {copied}
      </span>
    </article>
  );
}
