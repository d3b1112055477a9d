import { useLayoutEffect } from 'preact/hooks';
import type { ClaimTypeDef } from '@/lib/claim-types';
import { t } from '@/lib/i18n';
import type { PaintResult } from '@/lib/protocol';
import type { Highlight } from '@/lib/schema';
import type { HighlightPatch } from '@/lib/store/repository';
import type { WriteOutcome } from '@/lib/ui/storage';
import { HighlightCard } from './HighlightCard';

/** What the list does with one highlight, by id. */
export interface HighlightActions {
  update: (id: string, patch: HighlightPatch) => Promise<WriteOutcome>;
  remove: (id: string) => void;
  show: (id: string) => void;
  accept: (id: string) => void;
  reattach: (id: string) => void;
  /** Keeps the original wording against the page's changed text. */
  keep: (id: string) => void;
  /** Copies the quote with the article's citation; resolves to what to say where the user clicked. */
  copy: (id: string) => Promise<string>;
}

/** Props of {@link HighlightList}. */
export interface HighlightListProps {
  highlights: Highlight[];
  types: readonly ClaimTypeDef[];
  allTags: readonly string[];
  /** Where the page placed each highlight that it could not find, or found on changed text. */
  placements: Map<string, PaintResult>;
  /** The article's language, for the word-level diff of changed text. */
  lang?: string | null;
  focused: string | null;
  actions: HighlightActions;
}

const CARDS_MARK = 'marginalia-cards';

/** The article's highlights in article order, then those not found on the page. */
export function HighlightList({
  highlights,
  types,
  allTags,
  placements,
  lang,
  focused,
  actions: a,
}: HighlightListProps) {
  const orphaned = (id: string) => placements.get(id)?.status === 'orphan';
  const card = (h: Highlight) => (
    <li key={h.id}>
      <HighlightCard
        highlight={h}
        types={types}
        allTags={allTags}
        placement={placements.get(h.id)}
        lang={lang}
        focused={focused === h.id}
        onUpdate={(patch) => a.update(h.id, patch)}
        onDelete={() => a.remove(h.id)}
        onShow={() => a.show(h.id)}
        onCopy={() => a.copy(h.id)}
        onAccept={() => a.accept(h.id)}
        onReattach={() => a.reattach(h.id)}
        onKeep={() => a.keep(h.id)}
      />
    </li>
  );
  // User Timing for the benchmark: when the first cards reached the DOM.
  const hasCards = highlights.length > 0;
  useLayoutEffect(() => {
    if (hasCards && performance.getEntriesByName(CARDS_MARK).length === 0) performance.mark(CARDS_MARK);
  }, [hasCards]);
  const found = highlights.filter((h) => !orphaned(h.id));
  const missing = highlights.filter((h) => orphaned(h.id));
  return (
    <>
      {found.length > 0 ? (
        <section aria-labelledby="h-list">
          <h2 id="h-list">{t('sidebar_highlights')}</h2>
          <ol class="cards">{found.map(card)}</ol>
        </section>
      ) : null}
      {missing.length > 0 ? (
        <section aria-labelledby="h-missing" class="missing">
          <h2 id="h-missing">{t('sidebar_notFound')}</h2>
          <p class="hint">{t('sidebar_notFoundHelp')}</p>
          <ol class="cards">{missing.map(card)}</ol>
        </section>
      ) : null}
    </>
  );
}
