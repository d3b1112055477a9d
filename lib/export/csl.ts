/**
 * Citation data for an article as CSL-JSON (the Citation Style Language's item format, read by
 * Zotero, citeproc and citation-js). Pure: formatting with a style lives in ./cite.ts.
 */
import type { Article } from '../schema';
import { type CslName, citedAuthors, citedTitle, citeUrl, dateParts } from './article-facts';

export type { CslName };

export interface CslItem {
  id: string;
  type: 'article-newspaper' | 'webpage';
  title: string;
  'container-title'?: string;
  author?: CslName[];
  issued?: { 'date-parts': [[number, number?, number?]] };
  accessed: { 'date-parts': [[number, number, number]] };
  URL: string;
  language?: string;
}

/** The article as a CSL-JSON item, accessed on `accessed` (the last time it was open). */
export function toCsl(article: Article, accessed = new Date(article.lastSeenAt)): CslItem {
  const item: CslItem = {
    id: article.id,
    type: article.kind === 'article' && article.siteName ? 'article-newspaper' : 'webpage',
    title: citedTitle(article) || citeUrl(article),
    accessed: { 'date-parts': [[accessed.getUTCFullYear(), accessed.getUTCMonth() + 1, accessed.getUTCDate()]] },
    URL: citeUrl(article),
  };
  if (article.siteName) item['container-title'] = article.siteName;
  const authors = citedAuthors(article);
  if (authors.length) item.author = authors;
  const issued = dateParts(article.publishedTime);
  if (issued) item.issued = { 'date-parts': [issued] };
  if (article.lang) item.language = article.lang;
  return item;
}
