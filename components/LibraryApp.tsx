import { t, tn } from '@/lib/i18n';
import { getRepository } from '@/lib/repository';
import { formatDate } from '@/lib/ui/format';
import { useLiveQuery } from '@/lib/ui/use-live-query';
import { isAnnotatableUrl } from '@/lib/url';
import { BackupPanel } from './BackupPanel';
import { StoragePanel } from './StoragePanel';

/** The library: every annotated article, most recently annotated first. */
export function LibraryApp() {
  const repo = getRepository();
  const [articles, error] = useLiveQuery(() => repo.listArticles(), [], null);
  return (
    <main class="library">
      <h1>{t('library_title')}</h1>
      {error ? (
        <p class="notice" role="alert">
          {error.message}
        </p>
      ) : null}
      {articles === null ? <p role="status">{t('sidebar_loading')}</p> : null}
      {articles?.length === 0 ? <p class="empty">{t('library_empty')}</p> : null}
      {articles?.length ? (
        <section aria-labelledby="lib-articles">
          <h2 id="lib-articles">{t('library_articles')}</h2>
          <ul class="articles">
            {articles.map(({ article, count }) => (
              <li key={article.id} class="article-row" lang={article.lang ?? undefined} dir={article.dir ?? undefined}>
                <a
                  href={isAnnotatableUrl(article.url) ? article.url : undefined}
                  target="_blank"
                  rel="noopener noreferrer"
                >
                  {article.title}
                </a>
                <span class="meta">
                  {[article.siteName, formatDate(article.publishedTime), tn('library_highlightCount', count)]
                    .filter(Boolean)
                    .join(' · ')}
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <BackupPanel />
      <StoragePanel />
    </main>
  );
}
