import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { Article, Highlight } from '@/lib/schema';
import { CURRENT_SCHEMA_VERSION, MarginaliaDB } from '@/lib/store/db';
import { DEFAULT_SETTINGS, Repository } from '@/lib/store/repository';
import { highlightsIn, selectors } from '../support/factories';

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
    const highlights = await highlightsIn(db).byId();
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
    const highlights = await highlightsIn(db).byId();
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
    expect(await highlightsIn(db).byId()).toEqual(V3_HIGHLIGHTS);
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
    expect(await highlightsIn(db).byId()).toEqual(V4_HIGHLIGHTS);
    expect(await db.articles.toArray()).toEqual([{ ...V2_ARTICLE, note: 'ghi chú' }]);
    db.close();
  });

  it(`upgrades a version 5 database to version ${CURRENT_SCHEMA_VERSION}: highlights stored one record per article, each as it was`, async () => {
    upgradedFrom.add(5);
    const name = `migrate-v5-${Math.random()}`;
    const v5 = new Dexie(name);
    v5.version(5).stores({
      articles: 'id, *urls, updatedAt',
      highlights: 'id, articleId, *tags',
      settings: 'key',
      syncState: 'key',
    });
    const a2 = {
      ...V2_ARTICLE,
      id: 'a2',
      url: 'https://news.example/bac-kinh',
      urls: ['https://news.example/bac-kinh'],
      note: '',
    };
    const a3 = {
      ...V2_ARTICLE,
      id: 'a3',
      url: 'https://news.example/empty',
      urls: ['https://news.example/empty'],
      note: '',
    };
    const V5_HIGHLIGHTS = [
      ...V1_HIGHLIGHTS.map((h) => ({ ...h, ...V3_HIGHLIGHT_FIELDS })),
      ...[3, 4].map((i) => ({
        ...V1_HIGHLIGHTS[0],
        ...V3_HIGHLIGHT_FIELDS,
        id: `h${i}`,
        articleId: 'a2',
        target: { source: a2.url, selector: selectors(`北京 ${i} خبر`, i * 10) },
        tags: i === 3 ? ['kinh tế', '经济'] : ['经济'],
        status: i === 4 ? 'disputed' : null,
        pageNow: i === 4 ? { text: 'đã sửa', at: T } : undefined,
      })),
    ].map((h) => JSON.parse(JSON.stringify(h)));
    await v5.table('articles').bulkAdd([{ ...V2_ARTICLE, note: 'ghi chú' }, a2, a3]);
    await v5.table('highlights').bulkAdd(V5_HIGHLIGHTS);
    await v5.table('syncState').put({ key: 'h:h0', rev: '1-x' });
    v5.close();
    const db = new MarginaliaDB(name);
    await db.open();
    expect(db.verno).toBe(CURRENT_SCHEMA_VERSION);
    expect(db.tables.map((t) => t.name).sort()).toEqual([
      'anchorHints',
      'articleHighlights',
      'articles',
      'highlightTallies',
      'settings',
      'syncState',
    ]);
    // One record per article with highlights, holding each highlight exactly as it was.
    const groups = await db.articleHighlights.orderBy('articleId').toArray();
    expect(groups.map((g) => [g.articleId, g.ids, g.tags.slice().sort()])).toEqual([
      ['a1', ['h0', 'h1', 'h2'], ['kinh tế']],
      ['a2', ['h3', 'h4'], ['kinh tế', '经济']],
    ]);
    expect(await highlightsIn(db).byId()).toEqual(V5_HIGHLIGHTS);
    for (const h of await highlightsIn(db).byId()) expect(Highlight.safeParse(h).success).toBe(true);
    expect(await db.syncState.toArray()).toEqual([{ key: 'h:h0', rev: '1-x' }]);
    // Tallied as they were copied: five highlights, "kinh tế" on two (h2, h3), "经济" on two (h3, h4).
    const tallies = await db.highlightTallies.toArray();
    expect(tallies.map((t) => ({ ...t, tags: t.tags.slice().sort() }))).toEqual([
      {
        key: 'highlights',
        count: 5,
        tags: [
          ['kinh tế', 2],
          ['经济', 2],
        ],
      },
    ]);
    // And the repository works on it: lists, counts, tags, edits, deletes.
    const repo = new Repository(db);
    expect((await repo.listHighlights('a2')).map((h) => h.id)).toEqual(['h3', 'h4']);
    expect(await repo.highlightCount()).toBe(5);
    expect(await repo.allTags()).toEqual(['kinh tế', '经济'].sort((x, y) => x.localeCompare(y)));
    expect(await repo.hasHighlights(a3.url)).toBe(false);
    expect(await repo.hasHighlights(a2.url)).toBe(true);
    await repo.updateHighlight('h3', { note: 'đã kiểm tra' });
    expect((await highlightsIn(db).get('h3'))?.note).toBe('đã kiểm tra');
    await repo.deleteHighlight('h3');
    await repo.deleteHighlight('h4');
    expect(await db.articleHighlights.get('a2')).toBeUndefined();
    expect(await repo.highlightCount()).toBe(3);
    db.close();
  });

  it(`upgrades a version 6 database to version ${CURRENT_SCHEMA_VERSION}: the old highlights table removed, the records per article kept`, async () => {
    upgradedFrom.add(6);
    const name = `migrate-v6-${Math.random()}`;
    const v6 = new Dexie(name);
    v6.version(6).stores({
      articles: 'id, *urls, updatedAt',
      highlights: 'id, articleId, *tags',
      settings: 'key',
      syncState: 'key',
      articleHighlights: 'articleId, *ids, *tags',
      highlightTallies: 'key',
    });
    const V6_HIGHLIGHTS = V1_HIGHLIGHTS.map((h) => ({ ...h, ...V3_HIGHLIGHT_FIELDS }));
    await v6.table('articles').add({ ...V2_ARTICLE, note: '' });
    // Version 6 copied the highlights and kept the old table until version 7.
    await v6.table('highlights').bulkAdd(V6_HIGHLIGHTS);
    await v6
      .table('articleHighlights')
      .add({ articleId: 'a1', ids: ['h0', 'h1', 'h2'], tags: ['kinh tế'], highlights: V6_HIGHLIGHTS });
    const tagged = V6_HIGHLIGHTS.filter((h) => h.tags.includes('kinh tế')).length;
    await v6.table('highlightTallies').add({ key: 'highlights', count: 3, tags: [['kinh tế', tagged]] });
    v6.close();
    const db = new MarginaliaDB(name);
    await db.open();
    expect(db.verno).toBe(CURRENT_SCHEMA_VERSION);
    expect(db.tables.map((t) => t.name)).not.toContain('highlights');
    expect(await highlightsIn(db).byId()).toEqual(V6_HIGHLIGHTS);
    expect(await new Repository(db).highlightCount()).toBe(3);
    expect(await new Repository(db).allTags()).toEqual(['kinh tế']);
    db.close();
  });

  /** The stores of a version 7 database: highlights one record per article, their tallies beside. */
  const V7_STORES = {
    articles: 'id, *urls, updatedAt',
    settings: 'key',
    syncState: 'key',
    articleHighlights: 'articleId, *ids, *tags',
    highlightTallies: 'key',
  };
  const GROUPED_HIGHLIGHTS = V1_HIGHLIGHTS.map((h) => ({ ...h, ...V3_HIGHLIGHT_FIELDS }));
  const GROUPED_ARTICLE = { ...V2_ARTICLE, note: 'ghi chú' };

  /** A database made by `version` (7 on) with these stores, holding one article and its highlights. */
  async function groupedAt(version: number, stores: Record<string, string>): Promise<{ name: string; old: Dexie }> {
    const name = `migrate-v${version}-${Math.random()}`;
    const old = new Dexie(name);
    old.version(version).stores(stores);
    await old.table('articles').add(GROUPED_ARTICLE);
    await old
      .table('articleHighlights')
      .add({ articleId: 'a1', ids: ['h0', 'h1', 'h2'], tags: ['kinh tế'], highlights: GROUPED_HIGHLIGHTS });
    await old.table('highlightTallies').add({ key: 'highlights', count: 3, tags: [['kinh tế', 1]] });
    return { name, old };
  }

  it(`upgrades a version 7 database to version ${CURRENT_SCHEMA_VERSION}: an empty table of anchor hints, same records`, async () => {
    upgradedFrom.add(7);
    const { name, old: v7 } = await groupedAt(7, V7_STORES);
    const article = GROUPED_ARTICLE;
    await v7.table('syncState').put({ key: 'h:h0', rev: '1-x' });
    v7.close();
    const db = new MarginaliaDB(name);
    await db.open();
    expect(db.verno).toBe(CURRENT_SCHEMA_VERSION);
    expect(await db.anchorHints.count()).toBe(0);
    expect(await db.articles.toArray()).toEqual([article]);
    expect(await highlightsIn(db).byId()).toEqual(GROUPED_HIGHLIGHTS);
    expect(await db.syncState.toArray()).toEqual([{ key: 'h:h0', rev: '1-x' }]);
    // The page's items carry no hint until the page side tells one; then only the article's own.
    const repo = new Repository(db);
    expect((await repo.paintItems('a1')).map((i) => i.hint)).toEqual([undefined, undefined, undefined]);
    const hint = { from: 'article[1]/p[2]/text()[1]', offset: 12, nodes: 2, of: 40 };
    await repo.saveAnchorHints('a1', [
      { id: 'h1', hint },
      { id: 'not-a1', hint },
    ]);
    expect(await db.anchorHints.toArray()).toEqual([{ articleId: 'a1', hints: { h1: hint } }]);
    // Checked against its schema before it is written, as every record is.
    await expect(repo.saveAnchorHints('a1', [{ id: 'h2', hint: { ...hint, offset: -1 } }])).rejects.toThrow();
    expect(await db.anchorHints.toArray()).toEqual([{ articleId: 'a1', hints: { h1: hint } }]);
    const items = await repo.paintItems('a1');
    expect(items.find((i) => i.id === 'h1')?.hint).toEqual(hint);
    expect(items.filter((i) => i.hint)).toHaveLength(1);
    // A hint that no longer finds its highlight is dropped; a deleted highlight's goes with it, and
    // the article's record when it held no other.
    await repo.saveAnchorHints('a1', [{ id: 'h0', hint }]);
    await repo.deleteHighlight('h0');
    expect(await db.anchorHints.toArray()).toEqual([{ articleId: 'a1', hints: { h1: hint } }]);
    await repo.saveAnchorHints('a1', [{ id: 'h2', hint }]);
    await repo.saveAnchorHints('a1', [{ id: 'h1', hint: null }]);
    expect(await db.anchorHints.toArray()).toEqual([{ articleId: 'a1', hints: { h2: hint } }]);
    // So are those of highlights another device deleted (sync).
    await repo.applySync({ highlightDeletes: ['h2'] });
    expect(await db.anchorHints.count()).toBe(0);
    db.close();
  });

  it(`upgrades a version 8 database to version ${CURRENT_SCHEMA_VERSION}: anchor hints without the path to their last node`, async () => {
    upgradedFrom.add(8);
    const { name, old: v8 } = await groupedAt(8, { ...V7_STORES, anchorHints: 'articleId' });
    const article = GROUPED_ARTICLE;
    const hint = (p: number) => ({ from: `id('bài')/p[${p}]/text()[1]`, offset: 3, nodes: 4, of: 90 });
    await v8.table('anchorHints').add({
      articleId: 'a1',
      hints: {
        h0: { ...hint(2), to: "id('bài')/p[3]/text()[2]" },
        h1: { ...hint(5), to: "id('bài')/p[5]/text()[1]" },
      },
    });
    // A dense page's: its stretches held most of its text, so they were never used.
    await v8.table('anchorHints').add({
      articleId: 'a2',
      hints: { h9: { ...hint(1), nodes: 60, of: 100, to: "id('bài')/p[9]/text()[1]" } },
    });
    v8.close();
    const db = new MarginaliaDB(name);
    await db.open();
    expect(db.verno).toBe(CURRENT_SCHEMA_VERSION);
    expect(await db.anchorHints.toArray()).toEqual([{ articleId: 'a1', hints: { h0: hint(2), h1: hint(5) } }]);
    expect(await db.articles.toArray()).toEqual([article]);
    expect(await highlightsIn(db).byId()).toEqual(GROUPED_HIGHLIGHTS);
    const repo = new Repository(db);
    const items = await repo.paintItems('a1');
    expect(items.map((i) => i.hint)).toEqual([hint(2), hint(5), undefined]);
    // Hints that together would look at most of the page's text are kept but not handed.
    await repo.saveAnchorHints('a1', [{ id: 'h2', hint: { ...hint(7), nodes: 80 } }]);
    expect(Object.keys((await db.anchorHints.get('a1'))?.hints ?? {})).toHaveLength(3);
    expect((await repo.paintItems('a1')).map((i) => i.hint)).toEqual([undefined, undefined, undefined]);
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
