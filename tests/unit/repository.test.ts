import { describe, expect, it } from 'vitest';
import { buildLibraryData } from '@/lib/library-build';
import { tagCountsOf } from '@/lib/library-summary';
import type { Article, Highlight } from '@/lib/schema';
import { ValidationError } from '@/lib/store/repository';
import { dbOf, freshRepository, highlightsIn, selectors } from '../support/factories';

const URL_A = 'https://news.example/a?utm_source=feed';

async function seeded() {
  const { repo, clock } = freshRepository();
  const late = await repo.createHighlight({
    url: URL_A,
    title: 'Bài báo',
    target: { source: URL_A, selector: selectors('đoạn sau', 500) },
    claimType: 'claim',
  });
  const early = await repo.createHighlight({
    url: 'https://news.example/a#top',
    title: 'Bài báo',
    target: { source: URL_A, selector: selectors('đoạn đầu', 10) },
    claimType: null,
  });
  return { repo, clock, late, early };
}

/** Five articles of three highlights each, annotated a second apart (the last most recently). */
async function fiveArticles() {
  const made = freshRepository();
  for (let i = 0; i < 5; i++) {
    made.clock.now += 1000;
    for (let j = 0; j < 3; j++)
      await made.repo.createHighlight({
        url: `https://news.example/${i}`,
        title: `Bài ${i}`,
        target: { source: `https://news.example/${i}`, selector: selectors(`đoạn ${j}`, j * 20) },
        claimType: null,
      });
  }
  return made;
}

/** The tag counts the library shows for everything stored. */
const tagsOf = ({ articles, highlights }: { articles: Article[]; highlights: Highlight[] }) =>
  tagCountsOf(buildLibraryData(articles, highlights).tagCounts);

describe('repository', () => {
  it('creates one article per clean URL, and lists its highlights in article order', async () => {
    const { repo, early, late } = await seeded();
    const articles = await dbOf(repo).articles.toArray();
    expect(articles).toHaveLength(1);
    expect((await highlightsIn(dbOf(repo)).ofArticle(articles[0]?.id ?? '')).length).toBe(2);
    expect(articles[0]?.url).toBe('https://news.example/a');
    expect(articles[0]?.title).toBe('Bài báo');
    const list = await repo.listHighlights(early.articleId);
    expect(list.map((h) => h.id)).toEqual([early.id, late.id]);
    expect(late.target.source).toBe('https://news.example/a');
  });

  it('reads the most recently annotated articles first, with all their highlights and the total (the library’s first rows)', async () => {
    const { repo } = await fiveArticles();
    const recent = await repo.recent(2);
    expect(recent.articles.map((a) => a.title)).toEqual(['Bài 4', 'Bài 3']);
    expect(recent.highlights).toHaveLength(6);
    expect(new Set(recent.highlights.map((h) => h.articleId))).toEqual(new Set(recent.articles.map((a) => a.id)));
    expect(await repo.highlightCount()).toBe(15);
  });

  it('reads everything a page at a time: every record once, in key order, at any page size', async () => {
    const { repo } = await fiveArticles();
    const db = dbOf(repo);
    const whole = { articles: await db.articles.toArray(), highlights: await highlightsIn(db).toArray() };
    expect(whole.highlights).toHaveLength(15);
    // Pages that end inside the records, on their last one (15 and 5 are multiples), and past it.
    for (const page of [1, 2, 4, 5, 15, 16]) expect(await repo.everything(page)).toEqual(whole);
    expect(await repo.everything()).toEqual(whole);
  });

  it('reads everything with each highlight’s values as stored, the strings many of them repeat made one', async () => {
    const { repo, clock } = freshRepository();
    const types = ['claim', null, 'statistic'] as const;
    const statuses = ['disputed', null, 'supported', 'false'] as const;
    for (let i = 0; i < 4; i++) {
      for (let j = 0; j < 3; j++) {
        clock.now += 1000;
        const h = await repo.createHighlight({
          url: `https://báo.example/${i}`,
          title: `Bài ${i}`,
          target: { source: `https://báo.example/${i}`, selector: selectors(`đoạn ${i}.${j}`, j * 20) },
          claimType: types[(i + j) % 3] ?? null,
        });
        await repo.updateHighlight(h.id, {
          status: statuses[(i * 3 + j) % 4] ?? null,
          tags: [`kinh tế ${j}`, 'chung', `bài ${i}`].slice(0, 1 + ((i + j) % 3)),
        });
      }
    }
    const db = dbOf(repo);
    const stored = await highlightsIn(db).toArray();
    // Values that repeat across highlights and articles, and ones that differ: a step that kept the
    // first string seen, or one per field, would read another's value here.
    expect(new Set(stored.map((h) => h.status)).size).toBe(4);
    expect(new Set(stored.flatMap((h) => h.tags)).size).toBe(8);
    for (const page of [1, 5, 12]) expect((await repo.everything(page)).highlights).toEqual(stored);
  });

  it('finds the article from any form of its URL', async () => {
    const { repo } = await seeded();
    expect(await repo.findArticleByUrl('https://news.example/a?fbclid=x#frag')).toBeDefined();
    expect(await repo.findArticleByUrl('https://news.example/b')).toBeUndefined();
    expect(await repo.hasHighlights('https://news.example/a')).toBe(true);
  });

  it('edits note, tags and claim type, normalising tags, and bumps updatedAt', async () => {
    const { repo, late } = await seeded();
    const next = await repo.updateHighlight(late.id, {
      note: 'Cần kiểm chứng',
      tags: [' kinh tế ', 'Kinh tế', 'covid'],
      claimType: 'evidence',
    });
    expect(next.note).toBe('Cần kiểm chứng');
    expect(next.tags).toEqual(['kinh tế', 'covid']);
    expect(next.claimType).toBe('evidence');
    expect(next.updatedAt).toBeGreaterThan(late.updatedAt);
    expect((await repo.listHighlights(late.articleId)).find((h) => h.id === late.id)).toEqual(next);
  });

  it('refuses an empty tag with a message and writes nothing', async () => {
    const { repo, late } = await seeded();
    await expect(repo.updateHighlight(late.id, { tags: ['  '] })).rejects.toThrow(ValidationError);
    const stored = (await repo.listHighlights(late.articleId)).find((h) => h.id === late.id);
    expect(stored?.tags).toEqual([]);
  });

  it('deletes a highlight and restores it on Undo', async () => {
    const { repo, late } = await seeded();
    const removed = await repo.deleteHighlight(late.id);
    expect((await repo.listHighlights(late.articleId)).map((h) => h.id)).not.toContain(late.id);
    await repo.restoreHighlight(removed as NonNullable<typeof removed>);
    expect((await repo.listHighlights(late.articleId)).map((h) => h.id)).toContain(late.id);
  });

  it('gives the page only what it paints: ids, slots and selectors, never notes or tags', async () => {
    const { repo, late } = await seeded();
    await repo.updateHighlight(late.id, { note: 'secret note', tags: ['private'] });
    const items = await repo.paintItems(late.articleId);
    expect(JSON.stringify(items)).not.toMatch(/secret note|private/);
    expect(items.find((i) => i.id === late.id)).toEqual({ id: late.id, slot: 1, selector: late.target.selector });
  });

  it('stores extraction results on the article', async () => {
    const { repo, late } = await seeded();
    await repo.saveArticleMeta(late.articleId, {
      title: 'Thực hiện công tác',
      byline: 'Kim Hiền',
      siteName: 'Báo Vĩnh Phúc',
      publishedTime: '2021-08-06',
      lang: 'vi',
      dir: null,
      excerpt: null,
      wordCount: 700,
      textHash: '0123456789abcdef',
      canonicalUrl: null,
      kind: 'article',
    });
    const article = await repo.getArticle(late.articleId);
    expect(article).toMatchObject({ byline: 'Kim Hiền', kind: 'article', lang: 'vi' });
    expect(article?.extractedAt).not.toBeNull();
  });

  it('refuses a highlight with an empty quote', async () => {
    const { repo } = freshRepository();
    await expect(
      repo.createHighlight({
        url: URL_A,
        title: 'x',
        target: { source: URL_A, selector: selectors('', 0) },
        claimType: null,
      }),
    ).rejects.toThrow(/exact/);
    expect(await dbOf(repo).articles.count()).toBe(0);
  });

  it('renames, merges and deletes a tag across all highlights; lists tags from the index', async () => {
    const { repo, early, late } = await seeded();
    await repo.updateHighlight(early.id, { tags: ['kinh tế', 'Đảng'] });
    await repo.updateHighlight(late.id, { tags: ['kinh te', 'Đảng'] });
    expect(tagsOf(await repo.everything())).toEqual([
      { tag: 'Đảng', count: 2 },
      { tag: 'kinh te', count: 1 },
      { tag: 'kinh tế', count: 1 },
    ]);
    expect(await repo.allTags()).toEqual(['Đảng', 'kinh te', 'kinh tế']);
    // Rename onto an existing tag merges: no highlight carries it twice.
    expect(await repo.renameTag('kinh te', 'kinh tế')).toBe(1);
    expect(tagsOf(await repo.everything())).toEqual([
      { tag: 'Đảng', count: 2 },
      { tag: 'kinh tế', count: 2 },
    ]);
    const before = (await repo.listHighlights(early.articleId)).find((h) => h.id === late.id);
    expect(before?.tags).toEqual(['kinh tế', 'Đảng']);
    expect(await repo.renameTag('Đảng', 'chính trị')).toBe(2);
    expect(await repo.deleteTag('kinh tế')).toBe(2);
    const after = await repo.listHighlights(early.articleId);
    expect(after.map((h) => h.tags)).toEqual([['chính trị'], ['chính trị']]);
    // Each changed highlight carries a newer updatedAt (a backup merge keeps the rename).
    expect(after.every((h) => h.updatedAt > (before?.updatedAt ?? 0))).toBe(true);
    await expect(repo.renameTag('chính trị', '   ')).rejects.toThrow(ValidationError);
  });

  it('keeps claim status, a source link and the page note; refuses a link that is not http(s)', async () => {
    const { repo, late } = await seeded();
    const h = await repo.updateHighlight(late.id, { status: 'supported', sourceUrl: ' https://factcheck.example/1 ' });
    expect(h).toMatchObject({ status: 'supported', sourceUrl: 'https://factcheck.example/1' });
    await expect(repo.updateHighlight(late.id, { sourceUrl: 'javascript:alert(1)' })).rejects.toThrow(ValidationError);
    expect((await repo.updateHighlight(late.id, { sourceUrl: '' })).sourceUrl).toBeNull();
    const article = await repo.updateArticleNote(late.articleId, 'Bài viết **quan trọng**');
    expect((await repo.getArticle(article.id))?.note).toBe('Bài viết **quan trọng**');
  });

  it('reads settings saved before the export settings existed, with their defaults', async () => {
    const { repo } = await seeded();
    await dbOf(repo).settings.put({ key: 'settings', claimTypes: [], language: 'vi', updatedAt: 5 } as never);
    expect(await repo.getSettings()).toMatchObject({
      language: 'vi',
      citationStyle: 'apa',
      markdownTemplate: 'default',
    });
    expect(await repo.saveSettings({ citationStyle: 'mla', markdownTemplate: 'obsidian' })).toMatchObject({
      language: 'vi',
      citationStyle: 'mla',
      markdownTemplate: 'obsidian',
    });
  });

  it('paints a custom claim type in its palette slot and keeps settings valid', async () => {
    const { repo, late } = await seeded();
    await repo.saveSettings({
      claimTypes: [
        { id: 'claim', label: 'Khẳng định', slot: 11, glyph: '!', hidden: false },
        { id: 'misleading-a1b2', label: 'Misleading', slot: 7, glyph: '≈', hidden: false },
      ],
    });
    const types = await repo.claimTypes();
    expect(types.map((d) => d.id)).toEqual([
      'claim',
      'misleading-a1b2',
      'evidence',
      'statistic',
      'opinion',
      'quote',
      'question',
    ]);
    expect((await repo.paintItems(late.articleId)).find((p) => p.id === late.id)?.slot).toBe(11);
    await repo.updateHighlight(late.id, { claimType: 'misleading-a1b2' });
    expect((await repo.paintItems(late.articleId)).find((p) => p.id === late.id)?.slot).toBe(7);
    await expect(
      repo.saveSettings({ claimTypes: [{ id: 'x', label: '', slot: 99, glyph: '', hidden: false }] }),
    ).rejects.toThrow(ValidationError);
    expect((await repo.getSettings()).claimTypes).toHaveLength(2);
  });
});
