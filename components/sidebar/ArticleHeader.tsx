import { citedNames, citedTitle } from '@/lib/export/article-facts';
import { isolate, t, tn } from '@/lib/i18n';
import type { ArticleMeta, Highlight } from '@/lib/schema';
import { formatDate } from '@/lib/ui/format';

/** Props of {@link ArticleHeader}. */
export interface ArticleHeaderProps {
  meta: ArticleMeta;
  highlights: Highlight[];
  onExport: (() => void) | null;
}

/**
 * The article as a citation names it: its headline (without the site's suffix), its authors (never
 * the site or a section), site and date, and how many highlights it has.
 */
export function ArticleHeader({ meta, highlights, onExport }: ArticleHeaderProps) {
  const title = citedTitle(meta) || meta.title;
  const authors = citedNames(meta).join(', ');
  return (
    <header class="article">
      {/* The page's language and direction apply to its own text, not to the UI around it. */}
      {meta.siteName ? (
        <p class="site" lang={meta.lang ?? undefined} dir="auto">
          {meta.siteName}
        </p>
      ) : null}
      <h1
        class="title"
        lang={meta.lang ?? undefined}
        dir={meta.dir ?? 'auto'}
        title={title === meta.title ? undefined : meta.title}
      >
        {title}
      </h1>
      <p class="byline">
        {authors ? (
          <span class="author" dir="auto" lang={meta.lang ?? undefined}>
            {t('sidebar_by', isolate(authors))}
          </span>
        ) : null}
        {meta.publishedTime ? <time dateTime={meta.publishedTime}>{formatDate(meta.publishedTime)}</time> : null}
      </p>
      {meta.kind === 'page' ? <p class="hint">{t('sidebar_pageKindPage')}</p> : null}
      {/* The count by type is in the filter chips under the tabs: said once, not twice. */}
      <div class="row counts">
        <span>{tn('sidebar_count', highlights.length)}</span>
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
