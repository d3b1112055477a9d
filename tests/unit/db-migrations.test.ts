import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { Article, Highlight } from '@/lib/schema';
import { CURRENT_SCHEMA_VERSION, MarginaliaDB } from '@/lib/store/db';
import { DEFAULT_SETTINGS, Repository } from '@/lib/store/repository';
import { selectors } from '../support/factories';

const T = Date.UTC(2026, 9, 1);
/** The versions an upgrade test below starts from (each adds its own as it runs). */
const upgradedFrom = new Set<number>();

/** Records as schema v1 stored them (before wordCount, textHash, canonicalUrl, lastSeenAt). */
const V1_ARTICLE = {
  id: 'a1',
  url: 'https://baovinhphuc.example/xay-dung-dang/bai-61234.html',
  urls: ['https://baovinhphuc.example/xay-dung-dang/bai-61234.html'],
  title: 'Thực hiện công tác tổ chức xây dựng Đảng',
  byline: 'Kim Hiền',
  siteName: 'Báo Vĩnh Phúc',
  publishedTime: '2021-08-06',
  lang: 'vi',
  dir: null,
  excerpt: 'Từ đầu năm 2021 đến nay…',
  kind: 'article',
  extractedAt: T,
  createdAt: T,
  updatedAt: T + 5000,
};
const V1_HIGHLIGHTS = [0, 1, 2].map((i) => ({
  id: `h${i}`,
  articleId: 'a1',
  target: { source: V1_ARTICLE.url, selector: selectors(`đoạn ${i}`, i * 100, 'trước ', ' sau') },
  claimType: i === 0 ? null : 'claim',
  tags: i === 2 ? ['kinh tế'] : [],
  note: i === 1 ? 'Cần kiểm chứng' : '',
  createdAt: T + i,
  updatedAt: T + i,
}));

/** Records as schema v2 stored them (before status, sourceUrl, the page note and settings). */
const V2_ARTICLE = {
  ...V1_ARTICLE,
  wordCount: 812,
  textHash: 'abc123',
  canonicalUrl: V1_ARTICLE.url,
  lastSeenAt: T + 9000,
};

async function createV2(name: string): Promise<void> {
  const db = new Dexie(name);
  db.version(2).stores({ articles: 'id, *urls, updatedAt', highlights: 'id, articleId, updatedAt, claimType, *tags' });
  await db.table('articles').add(V2_ARTICLE);
  await db.table('highlights').bulkAdd(V1_HIGHLIGHTS);
  db.close();
}

const V3_HIGHLIGHT_FIELDS = { status: null, sourceUrl: null };

async function createV1(name: string): Promise<void> {
  const db = new Dexie(name);
  db.version(1).stores({ articles: 'id, *urls, updatedAt', highlights: 'id, articleId, updatedAt, claimType, *tags' });
  await db.table('articles').add(V1_ARTICLE);
  await db.table('highlights').bulkAdd(V1_HIGHLIGHTS);
  db.close();
}

describe('database migrations (every earlier schema version, realistic records)', () => {
  it(`upgrades a version 1 database to version ${CURRENT_SCHEMA_VERSION} without losing a field`, async () => {
    upgradedFrom.add(1);
    const name = `migrate-v1-${Math.random()}`;
    await createV1(name);
    const db = new MarginaliaDB(name);
    await db.open();
    expect(db.verno).toBe(CURRENT_SCHEMA_VERSION);
    const [article] = await db.articles.toArray();
    expect(Article.safeParse(article).success).toBe(true);
    expect(article).toEqual({
      ...V1_ARTICLE,
      wordCount: null,
      textHash: null,
      canonicalUrl: null,
      lastSeenAt: V1_ARTICLE.updatedAt,
      note: '',
    });
    const highlights = await db.highlights.orderBy('id').toArray();
    expect(highlights).toEqual(V1_HIGHLIGHTS.map((h) => ({ ...h, ...V3_HIGHLIGHT_FIELDS })));
    for (const h of highlights) expect(Highlight.safeParse(h).success).toBe(true);
    // And the upgraded database works through the repository.
    const repo = new Repository(db);
    expect((await repo.findArticleByUrl(`${V1_ARTICLE.url}?utm_source=x`))?.id).toBe('a1');
    expect((await repo.listHighlights('a1')).map((h) => h.id)).toEqual(['h0', 'h1', 'h2']);
    db.close();
  });

  it(`upgrades a version 2 database to version ${CURRENT_SCHEMA_VERSION}: claim status, source, page note, settings`, async () => {
    upgradedFrom.add(2);
    const name = `migrate-v2-${Math.random()}`;
    await createV2(name);
    const db = new MarginaliaDB(name);
    await db.open();
    expect(db.verno).toBe(CURRENT_SCHEMA_VERSION);
    expect(await db.articles.toArray()).toEqual([{ ...V2_ARTICLE, note: '' }]);
    const highlights = await db.highlights.orderBy('id').toArray();
    expect(highlights).toEqual(V1_HIGHLIGHTS.map((h) => ({ ...h, ...V3_HIGHLIGHT_FIELDS })));
    for (const h of highlights) expect(Highlight.safeParse(h).success).toBe(true);
    const repo = new Repository(db);
    // Settings start at their defaults and are writable.
    expect((await repo.getSettings()).language).toBe('auto');
    await repo.saveSettings({ language: 'vi' });
    expect((await repo.getSettings()).language).toBe('vi');
    await repo.updateHighlight('h1', { status: 'disputed', sourceUrl: 'https://factcheck.example/x' });
    expect((await repo.listHighlights('a1'))[1]).toMatchObject({ status: 'disputed' });
    db.close();
  });

  it(`upgrades a version 3 database to version ${CURRENT_SCHEMA_VERSION}: fewer highlight indexes, same records`, async () => {
    upgradedFrom.add(3);
    const name = `migrate-v3-${Math.random()}`;
    const v3 = new Dexie(name);
    v3.version(3).stores({
      articles: 'id, *urls, updatedAt',
      highlights: 'id, articleId, updatedAt, claimType, *tags',
      settings: 'key',
    });
    const V3_HIGHLIGHTS = V1_HIGHLIGHTS.map((h) => ({ ...h, ...V3_HIGHLIGHT_FIELDS }));
    await v3.table('articles').add({ ...V2_ARTICLE, note: 'ghi chú' });
    await v3.table('highlights').bulkAdd(V3_HIGHLIGHTS);
    await v3.table('settings').put({ ...DEFAULT_SETTINGS, key: 'settings', language: 'vi', updatedAt: T });
    v3.close();
    const db = new MarginaliaDB(name);
    await db.open();
    expect(db.verno).toBe(CURRENT_SCHEMA_VERSION);
    expect(db.highlights.schema.indexes.map((i) => i.name).sort()).toEqual(['articleId', 'tags']);
    expect(await db.highlights.orderBy('id').toArray()).toEqual(V3_HIGHLIGHTS);
    const repo = new Repository(db);
    expect((await repo.listHighlights('a1')).map((h) => h.id)).toEqual(['h0', 'h1', 'h2']);
    expect(await repo.allTags()).toEqual(['kinh tế']);
    expect((await repo.getSettings()).language).toBe('vi');
    db.close();
  });

  it(`upgrades a version 4 database to version ${CURRENT_SCHEMA_VERSION}: an empty sync state, same records`, async () => {
    upgradedFrom.add(4);
    const name = `migrate-v4-${Math.random()}`;
    const v4 = new Dexie(name);
    v4.version(4).stores({ articles: 'id, *urls, updatedAt', highlights: 'id, articleId, *tags', settings: 'key' });
    const V4_HIGHLIGHTS = V1_HIGHLIGHTS.map((h) => ({ ...h, ...V3_HIGHLIGHT_FIELDS }));
    await v4.table('articles').add({ ...V2_ARTICLE, note: 'ghi chú' });
    await v4.table('highlights').bulkAdd(V4_HIGHLIGHTS);
    v4.close();
    const db = new MarginaliaDB(name);
    await db.open();
    expect(db.verno).toBe(CURRENT_SCHEMA_VERSION);
    expect(await db.syncState.count()).toBe(0);
    expect(await db.highlights.orderBy('id').toArray()).toEqual(V4_HIGHLIGHTS);
    expect(await db.articles.toArray()).toEqual([{ ...V2_ARTICLE, note: 'ghi chú' }]);
    db.close();
  });

  it('covers every version: an upgrade test starts from each version before the current one', async () => {
    // When the schema gets a version, an upgrade test from the one before it must come with it.
    const db = new MarginaliaDB(`versions-${Math.random()}`);
    await db.open();
    expect(db.verno).toBe(CURRENT_SCHEMA_VERSION);
    db.close();
    const before = Array.from({ length: CURRENT_SCHEMA_VERSION - 1 }, (_, i) => i + 1);
    expect([...upgradedFrom].sort((a, b) => a - b)).toEqual(before);
  });
});
