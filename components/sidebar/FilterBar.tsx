import { claimLabelOf } from '@/lib/claim-labels';
import { type ClaimTypeDef, claimStyle } from '@/lib/claim-types';
import { t } from '@/lib/i18n';
import type { Highlight } from '@/lib/schema';
import { TagSelect } from '../shared/TagSelect';

/** The sidebar's filter: claim types shown (empty: all) and one tag (null: any). */
export interface CardFilter {
  types: string[];
  tag: string | null;
}

export const NO_FILTER: CardFilter = { types: [], tag: null };

/** True when the highlight passes the filter. */
export function passes(h: Highlight, f: CardFilter): boolean {
  const typeKey = h.claimType ?? '';
  return (f.types.length === 0 || f.types.includes(typeKey)) && (f.tag === null || h.tags.includes(f.tag));
}

/** Props of {@link FilterBar}. */
export interface FilterBarProps {
  highlights: Highlight[];
  types: readonly ClaimTypeDef[];
  filter: CardFilter;
  onChange: (filter: CardFilter) => void;
}

/** Toggle buttons for the claim types present, and a tag menu; only what the article uses. */
export function FilterBar({ highlights, types, filter, onChange }: FilterBarProps) {
  const present = [...new Set(highlights.map((h) => h.claimType ?? ''))];
  const order = (id: string) => (id === '' ? -1 : types.findIndex((d) => d.id === id));
  present.sort((a, b) => order(a) - order(b));
  const tags = [...new Set(highlights.flatMap((h) => h.tags))].sort((a, b) => a.localeCompare(b));
  if (present.length < 2 && tags.length === 0) return null;
  const toggle = (id: string) =>
    onChange({
      ...filter,
      types: filter.types.includes(id) ? filter.types.filter((x) => x !== id) : [...filter.types, id],
    });
  const active = filter.types.length > 0 || filter.tag !== null;
  return (
    <fieldset class="filters">
      <legend class="sr-only">{t('filter_label')}</legend>
      {present.map((id) => {
        const style = claimStyle(id || null, types);
        const n = highlights.filter((h) => (h.claimType ?? '') === id).length;
        return (
          <button
            key={id}
            type="button"
            class="filter-chip"
            style={{ '--chip': style.color }}
            aria-pressed={filter.types.includes(id)}
            onClick={() => toggle(id)}
          >
            <span class="chip-glyph" aria-hidden="true">
              {style.glyph}
            </span>
            {claimLabelOf(id || null, types)} <span class="n">{n}</span>
          </button>
        );
      })}
      {tags.length > 0 ? (
        <TagSelect tags={tags} value={filter.tag ?? ''} onChange={(tag) => onChange({ ...filter, tag: tag || null })} />
      ) : null}
      {active ? (
        <button type="button" class="link" onClick={() => onChange(NO_FILTER)}>
          {t('filter_clear')}
        </button>
      ) : null}
    </fieldset>
  );
}
