import type { ClaimTypeDef } from '@/lib/claim-types';
import { isolate, t, tn } from '@/lib/i18n';
import type { ArticleMeta, Highlight } from '@/lib/schema';
import { formatDate, formatNumber } from '@/lib/ui/format';
import { ClaimChip } from './ClaimChip';

/** Props of {@link ArticleHeader}. */
export interface ArticleHeaderProps {
  meta: ArticleMeta;
  highlights: Highlight[];
  types: readonly ClaimTypeDef[];
  onExport: (() => void) | null;
}

/** The article as extraction sees it: title, author, site, date, and counts by claim type. */
export function ArticleHeader({ meta, highlights, types, onExport }: ArticleHeaderProps) {
  const counts = types
    .map((d) => [d.id, highlights.filter((h) => h.claimType === d.id).length] as const)
    .filter(([, n]) => n > 0);
  return (
    <header class="article">
      {/* The page's language and direction apply to its own text, not to the UI around it. */}
      {meta.siteName ? (
        <p class="site" lang={meta.lang ?? undefined} dir="auto">
          {meta.siteName}
        </p>
      ) : null}
      <h1 class="title" lang={meta.lang ?? undefined} dir={meta.dir ?? 'auto'}>
        {meta.title}
      </h1>
      <p class="byline">
        {meta.byline ? (
          <span class="author" dir="auto">
            {t('sidebar_by', isolate(meta.byline))}
          </span>
        ) : null}
        {meta.publishedTime ? <time dateTime={meta.publishedTime}>{formatDate(meta.publishedTime)}</time> : null}
      </p>
      {meta.kind === 'page' ? <p class="hint">{t('sidebar_pageKindPage')}</p> : null}
      <div class="row counts">
        <span>{tn('sidebar_count', highlights.length)}</span>
        {counts.map(([type, n]) => (
          <span key={type} class="count">
            <ClaimChip claimType={type} types={types} /> {formatNumber(n)}
          </span>
        ))}
      </div>
      {onExport ? (
        <div class="row">
          <button type="button" onClick={onExport}>
            {t('sidebar_exportMarkdown')}
          </button>
        </div>
      ) : null}
    </header>
  );
}
