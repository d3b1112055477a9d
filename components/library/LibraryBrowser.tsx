import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { claimLabel } from '@/lib/claim-labels';
import { CLAIM_STATUSES, type ClaimTypeDef } from '@/lib/claim-types';
import { t, tn } from '@/lib/i18n';
import {
  ARTICLE_SORTS,
  EMPTY_FILTER,
  isFiltering,
  type LibraryData,
  type LibraryFilter,
  type LibraryRow,
  libraryRows,
} from '@/lib/library';
import { exportGroups, facets } from '@/lib/library-summary';
import type { Settings } from '@/lib/schema';
import { queryTerms } from '@/lib/search';
import { KEYS, moveFocus, step } from '@/lib/ui/keyboard';
import { TagSelect } from '../shared/TagSelect';
import { DateField } from './DateField';
import { ExportDialog, type ExportScope } from './ExportDialog';
import { ArticleRow, HighlightRow } from './LibraryRows';
import { VirtualList } from './VirtualList';

const ARTICLE_ROW = 96;
const HIGHLIGHT_ROW = 80;
const rowHeight = (r: LibraryRow) => (r.kind === 'article' ? ARTICLE_ROW : HIGHLIGHT_ROW);
const rowKey = (r: LibraryRow) => r.key;

/** Props of {@link LibraryBrowser}. */
export interface LibraryBrowserProps {
  data: LibraryData;
  types: readonly ClaimTypeDef[];
  settings: Settings;
  /**
   * Set while the whole library is still loading (`data` then holds only the most recent articles):
   * how many highlights there are in all, once counted. Search and filters work on what is shown
   * meanwhile, and say so (what the reader typed stays when everything arrives); export waits.
   */
  loading?: { total: number | undefined };
}

/** Search, filters, the virtualised list of articles and highlights, and export of a selection. */
export function LibraryBrowser({ data, types, settings, loading: loadingAll }: LibraryBrowserProps) {
  const loading = loadingAll !== undefined;
  const [filter, setFilter] = useState<LibraryFilter>(EMPTY_FILTER);
  // The query applies as the user types, in the same render as the input (no frame's wait).
  const query = filter.query;
  const setQuery = (q: string) => setFilter((f) => ({ ...f, query: q }));
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [exporting, setExporting] = useState(false);
  const search = useRef<HTMLInputElement>(null);
  const [rows, matched, listed] = useMemo(() => {
    const counts = { matched: 0, listed: 0 };
    return [libraryRows(data, filter, false, counts), counts.matched, counts.listed] as const;
  }, [data, filter]);
  const terms = useMemo(() => queryTerms(filter.query), [filter.query]);
  const { sites, tags } = useMemo(() => facets(data), [data]);
  const filtering = isFiltering(filter);
  const set = (patch: Partial<LibraryFilter>) => setFilter((f) => ({ ...f, ...patch }));
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const direction = step(e);
      if (KEYS.focusSearch.test(e)) {
        e.preventDefault();
        search.current?.focus();
      } else if (KEYS.clearSearch.test(e) && e.target === search.current) setQuery('');
      else if (direction) {
        e.preventDefault();
        moveFocus(document, '.vrow .row-focus', direction);
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  const toggle = (ids: string[], on: boolean) =>
    setSelected((s) => {
      const next = new Set(s);
      for (const id of ids) on ? next.add(id) : next.delete(id);
      return next;
    });
  const scopes = (): ExportScope[] => {
    const list: ExportScope[] = [];
    if (selected.size) {
      const chosen = new Set(selected);
      list.push({
        key: 'selected',
        label: t('export_scopeSelected', tn('library_highlightCount', chosen.size)),
        groups: () => exportGroups(data, (h) => chosen.has(h.id)),
      });
    }
    if (filtering) {
      const shown = new Set(rows.flatMap((r) => (r.kind === 'highlight' ? [r.highlight.id] : [])));
      list.push({
        key: 'shown',
        label: t('export_scopeShown', tn('library_highlightCount', shown.size)),
        groups: () => exportGroups(data, (h) => shown.has(h.id)),
      });
    }
    list.push({
      key: 'all',
      label: t('export_scopeAll', tn('library_highlightCount', data.highlights.length)),
      groups: () => exportGroups(data, null),
    });
    return list;
  };

  const renderRow = (row: LibraryRow) =>
    row.kind === 'article' ? (
      <ArticleRow row={row} types={types} terms={terms} filtering={filtering} selected={selected} onToggle={toggle} />
    ) : (
      <HighlightRow row={row} types={types} terms={terms} selected={selected} onToggle={toggle} />
    );

  return (
    <div class="browser" aria-busy={loading}>
      <div class="search-row">
        <input
          ref={search}
          type="search"
          class="search"
          aria-label={t('library_search')}
          placeholder={t('library_searchPlaceholder')}
          value={query}
          onInput={(e) => setQuery(e.currentTarget.value)}
        />
      </div>
      <fieldset class="filters lib-filters">
        <legend class="sr-only">{t('filter_label')}</legend>
        <TagSelect tags={tags} value={filter.tag} onChange={(tag) => set({ tag })} />
        <select
          aria-label={t('filter_type')}
          value={filter.claimType}
          onChange={(e) => set({ claimType: e.currentTarget.value })}
        >
          <option value="">{t('filter_anyType')}</option>
          <option value="none">{t('claimType_none')}</option>
          {types.map((d) => (
            <option key={d.id} value={d.id}>
              {claimLabel(d)}
            </option>
          ))}
        </select>
        <select
          aria-label={t('filter_status')}
          value={filter.status}
          onChange={(e) => set({ status: e.currentTarget.value })}
        >
          <option value="">{t('filter_anyStatus')}</option>
          {CLAIM_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`status_${s}`)}
            </option>
          ))}
          <option value="none">{t('status_none')}</option>
        </select>
        <label class="check">
          <input type="checkbox" checked={filter.changed} onChange={(e) => set({ changed: e.currentTarget.checked })} />{' '}
          {t('filter_changed')}
        </label>
        <select
          aria-label={t('filter_site')}
          value={filter.site}
          onChange={(e) => set({ site: e.currentTarget.value })}
        >
          <option value="">{t('filter_anySite')}</option>
          {sites.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
        <DateField label={t('filter_from')} value={filter.from} onChange={(from) => set({ from })} />
        <DateField label={t('filter_to')} value={filter.to} onChange={(to) => set({ to })} />
        <select
          aria-label={t('library_sort')}
          value={filter.sort}
          onChange={(e) => set({ sort: e.currentTarget.value as LibraryFilter['sort'] })}
        >
          {ARTICLE_SORTS.map((s) => (
            <option key={s} value={s}>
              {t(`sort_${s}`)}
            </option>
          ))}
        </select>
        {filtering ? (
          <button
            type="button"
            class="link"
            onClick={() => {
              setQuery('');
              setFilter({ ...EMPTY_FILTER, sort: filter.sort });
            }}
          >
            {t('filter_clear')}
          </button>
        ) : null}
      </fieldset>
      <div class="row results-bar">
        <p class="hint" role="status" aria-live="polite">
          {filtering
            ? [
                tn('library_highlightCount', matched),
                tn('library_articleCount', rows.length - listed),
                listed > matched ? tn('library_listedViaArticle', listed - matched) : '',
                // Found among the most recent articles only: the rest have not loaded yet.
                loading ? t('library_searchingRecent', tn('library_articleCount', data.articles.length)) : '',
              ]
                .filter(Boolean)
                .join(' · ')
            : loadingAll
              ? loadingAll.total === undefined
                ? t('library_loadingUncounted', tn('library_articleCount', rows.length))
                : t('library_loadingRest', [
                    tn('library_articleCount', rows.length),
                    tn('library_highlightCount', loadingAll.total),
                  ])
              : tn('library_articleCount', rows.length)}
        </p>
        <span class="spacer" />
        {selected.size > 0 ? (
          <>
            <span>{tn('library_selected', selected.size)}</span>
            <button type="button" onClick={() => setSelected(new Set())}>
              {t('library_clearSelection')}
            </button>
          </>
        ) : null}
        <button
          type="button"
          class="primary"
          disabled={loading || data.highlights.length === 0}
          onClick={() => setExporting(true)}
        >
          {t('export_open')}
        </button>
      </div>
      {exporting ? (
        <ExportDialog scopes={scopes()} settings={settings} types={types} onClose={() => setExporting(false)} />
      ) : null}
      {rows.length === 0 ? (
        <p class="empty">{filtering ? t('library_noResults') : t('library_empty')}</p>
      ) : (
        <VirtualList items={rows} height={rowHeight} itemKey={rowKey} render={renderRow} label={t('library_list')} />
      )}
    </div>
  );
}
