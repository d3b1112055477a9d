/** The rows of the library's list: an article with its counts, and one highlight. */
import { claimLabel, claimLabelOf } from '@/lib/claim-labels';
import { type ClaimTypeDef, claimStyle, isCheckable } from '@/lib/claim-types';
import { t, tn } from '@/lib/i18n';
import { type LibraryRow, siteOf } from '@/lib/library';
import { formatDate, formatNumber } from '@/lib/ui/format';
import { isAnnotatableUrl } from '@/lib/url';
import { Marked } from './Marked';

/** A note as one line of plain text: Markdown links keep their text, emphasis marks go. */
function plainSnippet(note: string): string {
  return note
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[*_`~]+|^#+\s*|^>\s*/gm, '')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 200);
}

interface RowProps {
  types: readonly ClaimTypeDef[];
  terms: readonly string[];
  selected: ReadonlySet<string>;
  onToggle: (ids: string[], on: boolean) => void;
}

/** An article: select all its (matching) highlights, title, site, date, counts by claim type. */
export function ArticleRow({
  row,
  types,
  terms,
  filtering,
  selected,
  onToggle: toggle,
}: RowProps & { row: Extract<LibraryRow, { kind: 'article' }>; filtering: boolean }) {
  const a = row.article;
  const ids = row.highlights.map((h) => h.id);
  const changed =
    !!(a.lastChanges && a.lastChanges.edited + a.lastChanges.added + a.lastChanges.removed > 0) ||
    row.highlights.some((h) => h.pageNow);
  const all = ids.length > 0 && ids.every((id) => selected.has(id));
  const counts = types
    .map((d) => [d, row.highlights.filter((h) => h.claimType === d.id).length] as const)
    .filter(([, n]) => n > 0);
  return (
    <div class="lib-article">
      <input
        type="checkbox"
        class="row-focus"
        checked={all}
        disabled={!ids.length}
        aria-label={t('library_selectArticle', a.title)}
        onChange={(e) => toggle(ids, e.currentTarget.checked)}
      />
      <div class="lib-article-body">
        <a
          class="lib-title"
          href={isAnnotatableUrl(a.url) ? a.url : undefined}
          target="_blank"
          rel="noopener noreferrer"
          lang={a.lang ?? undefined}
          dir="auto"
        >
          <Marked text={a.title} terms={terms} />
        </a>
        <span class="meta">
          {changed ? (
            <span class="changed-badge" data-changed-row="">
              {t('library_changedBadge')}
            </span>
          ) : null}
          {/* The site is the page's own string: isolated, so a right-to-left name keeps the date and
              counts around it in the UI's order. */}
          {[
            siteOf(a) ? (
              <bdi key="site" lang={a.lang ?? undefined}>
                {siteOf(a)}
              </bdi>
            ) : null,
            formatDate(a.publishedTime),
            filtering
              ? t('library_matchOf', [formatNumber(row.matched ?? row.highlights.length), formatNumber(row.total)])
              : tn('library_highlightCount', row.total),
          ]
            .filter(Boolean)
            .flatMap((part, i) => (i === 0 ? [part] : [' · ', part]))}
        </span>
        {a.excerpt ? (
          <p class="lib-excerpt" lang={a.lang ?? undefined} dir="auto">
            {a.excerpt}
          </p>
        ) : null}
        <span class="lib-counts">
          {counts.map(([d, n]) => (
            <span key={d.id} class="count">
              <span class="chip-glyph" aria-hidden="true" style={{ background: claimStyle(d.id, types).color }}>
                {d.glyph}
              </span>
              {claimLabel(d)} {formatNumber(n)}
            </span>
          ))}
        </span>
      </div>
    </div>
  );
}

/** One highlight: select it; quote, claim type, status, tags and note, matches marked. */
export function HighlightRow({
  row,
  types,
  terms,
  selected,
  onToggle: toggle,
}: RowProps & { row: Extract<LibraryRow, { kind: 'highlight' }> }) {
  const h = row.highlight;
  const style = claimStyle(h.claimType, types);
  return (
    <div class="lib-highlight" style={{ '--chip': style.color }}>
      <input
        type="checkbox"
        class="row-focus"
        checked={selected.has(h.id)}
        aria-label={t('library_selectHighlight', h.target.selector[0].exact.slice(0, 60))}
        onChange={(e) => toggle([h.id], e.currentTarget.checked)}
      />
      <div class="lib-highlight-body">
        <p class="lib-quote" lang={row.article.lang ?? undefined} dir="auto">
          <Marked text={h.target.selector[0].exact} terms={terms} />
        </p>
        <p class="lib-extra">
          {h.claimType ? (
            <span class="chip" style={{ '--chip': style.color }}>
              <span class="chip-glyph" aria-hidden="true">
                {style.glyph}
              </span>
              {claimLabelOf(h.claimType, types)}
            </span>
          ) : null}
          {h.status && isCheckable(types.find((d) => d.id === h.claimType)) ? (
            <span class={`status-badge status-${h.status}`}>{t(`status_${h.status}`)}</span>
          ) : null}
          {h.tags.map((tag) => (
            <bdi key={tag} class="tag">
              <Marked text={`#${tag}`} terms={terms} />
            </bdi>
          ))}
          {h.note ? (
            <span class="lib-note" dir="auto">
              <Marked text={plainSnippet(h.note)} terms={terms} />
            </span>
          ) : null}
        </p>
      </div>
    </div>
  );
}
