/**
 * A large, realistic library for scale measurements: articles over many sites with Vietnamese,
 * English and French titles and quotes, tags from a pool of 50, claim types and statuses, notes on
 * some highlights. Seeded, so every run measures the same data.
 */
import { makeBaseline } from '../../lib/article-blocks';
import { BACKUP_FORMAT, BACKUP_VERSION, type Backup } from '../../lib/backup';
import { CLAIM_STATUSES, CLAIM_TYPES } from '../../lib/claim-types';
import type { Article, Highlight } from '../../lib/schema';
import { seededRandom } from '../support/random';

const WORDS = (
  'thực hiện công tác tổ chức xây dựng Đảng gắn với nhiệm vụ chính trị tại địa phương kinh tế ' +
  'phát triển doanh nghiệp cán bộ đảng viên huyện tỉnh kiến thức giáo dục y tế người dân ' +
  'the government said on Tuesday that inflation data showed prices rising faster than expected ' +
  'le café de la République a annoncé une économie plus forte selon les chiffres officiels'
).split(' ');

/** A backup of `articles` articles holding `highlights` highlights in all (`baselines`: each article's baseline kept). */
export function scaleBackup(articles: number, highlights: number, seed = 7, baselines = true): Backup {
  const rand = seededRandom(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)] as T;
  const words = (n: number) => Array.from({ length: n }, () => pick(WORDS)).join(' ');
  const tags = Array.from(
    { length: 50 },
    (_, i) => `${pick(['kinh tế', 'chính trị', 'y tế', 'économie', 'health'])}-${i}`,
  );
  const sites = Array.from({ length: 200 }, (_, i) => `site-${i}.example`);
  const t0 = Date.UTC(2025, 0, 1);
  const list: Article[] = [];
  for (let i = 0; i < articles; i++) {
    const site = pick(sites);
    const url = `https://${site}/bai-viet/${i}`;
    list.push({
      id: `a${i}`,
      url,
      urls: [url],
      title: `${words(8)} ${i}`,
      byline: rand() < 0.7 ? words(2) : null,
      siteName: site,
      publishedTime: new Date(t0 + Math.floor(rand() * 3e10)).toISOString().slice(0, 10),
      lang: pick(['vi', 'en', 'fr']),
      dir: null,
      excerpt: null,
      wordCount: 500 + Math.floor(rand() * 2000),
      textHash: null,
      canonicalUrl: null,
      note: rand() < 0.1 ? words(12) : '',
      kind: 'article',
      extractedAt: t0,
      lastSeenAt: t0 + i * 1000,
      createdAt: t0 + i * 1000,
      updatedAt: t0 + i * 1000,
    });
  }
  // What the article said when first annotated, as every article annotated since 2026-12-01 keeps
  // it (lib/article-blocks.ts): a fingerprint per paragraph and the compressed copy.
  if (baselines)
    for (const article of list) {
      const blocks: string[] = [];
      for (let left = article.wordCount ?? 800; left > 0; left -= 60) blocks.push(words(Math.min(60, left)));
      article.baseline = makeBaseline(blocks, article.createdAt);
    }
  const hs: Highlight[] = [];
  for (let i = 0; i < highlights; i++) {
    const article = list[i % articles] as Article;
    const exact = words(2 + Math.floor(rand() * 40)).slice(0, 300);
    const start = Math.floor(rand() * 20000);
    const claim = rand() < 0.6 ? pick(CLAIM_TYPES) : null;
    hs.push({
      id: `h${i}`,
      articleId: article.id,
      target: {
        source: article.url,
        selector: [
          { type: 'TextQuoteSelector', exact, prefix: words(5), suffix: words(5) },
          { type: 'TextPositionSelector', start, end: start + exact.length },
        ],
      },
      claimType: claim,
      status: claim && rand() < 0.4 ? pick(CLAIM_STATUSES) : null,
      sourceUrl: null,
      tags: rand() < 0.5 ? [pick(tags)] : [],
      note: rand() < 0.3 ? words(10) : '',
      createdAt: article.createdAt + i,
      updatedAt: article.createdAt + i,
    });
  }
  return {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    exportedAt: new Date(t0).toISOString(),
    articles: list,
    highlights: hs,
    settings: null,
  };
}
