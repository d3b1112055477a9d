/** W3C Web Annotation export/import, Hypothesis import, Readwise CSV, text fragments. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readwiseCsv } from '@/lib/export/readwise';
import { encodeTerm, passageLink, textDirective } from '@/lib/export/text-fragment';
import { ANNO_CONTEXT, webAnnotationCollection } from '@/lib/export/web-annotation';
import { parseAnnotations } from '@/lib/import/annotations';
import { buildLibraryData } from '@/lib/library-build';
import { exportGroups } from '@/lib/library-summary';
import { dbOf, freshRepository, highlightsIn, selectors } from '../support/factories';

async function seeded() {
  const { repo } = freshRepository();
  const a = await repo.createHighlight({
    url: 'https://news.example/a',
    title: 'Bài một: "kinh tế", 2021',
    target: { source: 'https://news.example/a', selector: selectors('đoạn, "một"\nhai dòng', 10, 'trước ', ' sau') },
    claimType: 'claim',
  });
  await repo.updateHighlight(a.id, {
    note: 'ghi chú, có "ngoặc"',
    tags: ['kinh tế', 'covid'],
    status: 'disputed',
    sourceUrl: 'https://check.example/1',
  });
  await repo.createHighlight({
    url: 'https://news.example/b',
    title: '光明网',
    target: { source: 'https://news.example/b', selector: selectors('科技新闻', 20) },
    claimType: null,
  });
  return repo;
}

async function groupsOf(repo: Awaited<ReturnType<typeof seeded>>) {
  const backup = await repo.createBackup();
  return exportGroups(buildLibraryData(backup.articles, backup.highlights), null);
}

describe('W3C Web Annotation', () => {
  it('exports selectors and bodies as the model names them', async () => {
    const repo = await seeded();
    const json = JSON.parse(webAnnotationCollection(await groupsOf(repo), new Date(0)));
    expect(json['@context']).toEqual([ANNO_CONTEXT, { marginalia: 'urn:marginalia:vocab:' }]);
    expect(json.type).toBe('AnnotationCollection');
    expect(json.total).toBe(2);
    const claim = json.first.items.find((a: { motivation: string }) => a.motivation === 'commenting');
    expect(claim.target.selector.map((s: { type: string }) => s.type)).toEqual([
      'TextQuoteSelector',
      'TextPositionSelector',
    ]);
    expect(claim.body).toEqual([
      { type: 'TextualBody', purpose: 'commenting', value: 'ghi chú, có "ngoặc"', format: 'text/markdown' },
      { type: 'TextualBody', purpose: 'tagging', value: 'kinh tế' },
      { type: 'TextualBody', purpose: 'tagging', value: 'covid' },
      // Claim type and status as terms of the export's own vocabulary; the source link as a resource.
      { type: 'SpecificResource', purpose: 'classifying', source: 'urn:marginalia:vocab:claim-type:claim' },
      { type: 'SpecificResource', purpose: 'assessing', source: 'urn:marginalia:vocab:status:disputed' },
      { type: 'SpecificResource', purpose: 'linking', source: 'https://check.example/1' },
    ]);
  });

  it('round-trips through export and import into an empty database, and again adds nothing', async () => {
    const repo = await seeded();
    const text = webAnnotationCollection(await groupsOf(repo), new Date(0));
    const parsed = parseAnnotations(text);
    if (!parsed.ok) throw new Error(parsed.error);
    expect(parsed.skipped).toEqual([]);
    const target = freshRepository().repo;
    expect(await target.applyBackup(parsed.backup)).toMatchObject({ articlesAdded: 2, highlightsAdded: 2 });
    const strip = (h: Record<string, unknown>) => ({ ...h, articleId: undefined });
    expect((await highlightsIn(dbOf(target)).byId()).map(strip)).toEqual(
      (await highlightsIn(dbOf(repo)).byId()).map(strip),
    );
    expect((await dbOf(target).articles.toArray()).map((a) => a.title).sort()).toEqual([
      'Bài một: "kinh tế", 2021',
      '光明网',
    ]);
    expect(await target.applyBackup(parsed.backup)).toMatchObject({ articlesAdded: 0, highlightsAdded: 0 });
    // Into the database it came from: the same records, nothing new.
    expect(await repo.applyBackup(parsed.backup)).toMatchObject({ articlesAdded: 0, highlightsAdded: 0 });
    expect(await dbOf(repo).articles.count()).toBe(2);
  });

  it("imports Hypothesis' export: highlights, notes, tags, claim tags; lists what it cannot import", () => {
    const text = readFileSync(join(process.cwd(), 'tests/fixtures/hypothesis/export.json'), 'utf8');
    const parsed = parseAnnotations(text, Date.UTC(2026, 10, 28));
    if (!parsed.ok) throw new Error(parsed.error);
    expect(parsed.source).toBe('hypothesis');
    expect(parsed.backup.articles).toHaveLength(1);
    expect(parsed.backup.articles[0]).toMatchObject({
      url: 'http://127.0.0.1:0/seed/vinhphuc.html',
      title: 'Thực hiện công tác tổ chức xây dựng Đảng gắn với nhiệm vụ chính trị tại địa phương',
    });
    const [first, second] = parsed.backup.highlights;
    expect(first).toMatchObject({
      id: 'hyp-AbCdEf123456',
      claimType: 'evidence',
      // The claim-type tag sets the type and stays a tag, as it was in Hypothesis.
      tags: ['Đảng viên', 'evidence'],
      note: 'Kiểm tra lại **con số** này.',
      createdAt: Date.parse('2026-11-18T08:00:00Z'),
      updatedAt: Date.parse('2026-11-18T08:05:00Z'),
    });
    expect(first?.target.selector[1]).toEqual({ type: 'TextPositionSelector', start: 2210, end: 2352 });
    expect(first?.target.selector[0].prefix).toBe('Năm 2020, ');
    // No position in the file: the quote alone anchors it.
    expect(second?.target.selector[0].exact).toMatch(/^Huyện giao chỉ tiêu/);
    // The page note is the article's note.
    expect(parsed.pageNotes).toBe(1);
    expect(parsed.backup.articles[0]?.note).not.toBe('');
    expect(parsed.skipped).toEqual([
      'annotation 4: a reply to another annotation',
      'annotation 5: an annotation on a PDF (Marginalia annotates web pages)',
    ]);
  });

  it('takes any tag Hypothesis accepts (trimmed, blank dropped, long cut) and counts a search response’s replies', () => {
    const row = (tags: string[]) => ({
      id: 'r1',
      uri: 'https://news.example/a',
      tags,
      target: [{ source: 'https://news.example/a', selector: [{ type: 'TextQuoteSelector', exact: 'a passage' }] }],
    });
    const long = 'x'.repeat(300);
    const parsed = parseAnnotations(
      JSON.stringify({
        total: 1,
        rows: [row(['  kinh   tế ', '', '   ', long, 'Claim'])],
        replies: [{ id: 'r2' }, { id: 'r3' }],
      }),
    );
    if (!parsed.ok) throw new Error(parsed.error);
    expect(parsed.backup.highlights[0]?.tags).toEqual(['kinh tế', 'x'.repeat(100), 'Claim']);
    expect(parsed.backup.highlights[0]?.claimType).toBe('claim');
    expect(parsed.skipped).toEqual(['2 replies in the search response (replies are not imported)']);
  });

  it('refuses a bad file whole, naming where it is wrong', () => {
    expect(parseAnnotations('{')).toMatchObject({ ok: false, error: expect.stringMatching(/not valid JSON/) });
    expect(parseAnnotations('{"hello": 1}')).toMatchObject({
      ok: false,
      error: expect.stringMatching(/Hypothesis export/),
    });
    const bad = parseAnnotations(
      JSON.stringify({ annotations: [{ id: 'x', uri: 'https://a.example/', tags: 'oops' }] }),
    );
    expect(bad).toMatchObject({
      ok: false,
      error: expect.stringMatching(/Annotation 1 .*its "tags" should be a list, but is the text "oops"/),
    });
    const w3c = parseAnnotations(JSON.stringify([{ type: 'Annotation', body: 5, target: 'https://a.example/' }]));
    expect(w3c).toMatchObject({
      ok: false,
      error:
        'Annotation 1 does not follow the Web Annotation model: its "body" should be a body (text or a resource) or a list of them, but is the number 5. Nothing was imported.',
    });
  });
});

describe('Readwise CSV', () => {
  it('quotes every field so commas, quotes and newlines stay in their cell', async () => {
    const repo = await seeded();
    const csv = readwiseCsv(await groupsOf(repo), { claim: 'Claim' });
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('"Highlight","Title","Author","URL","Note","Location","Date"');
    expect(csv).toContain(
      // Tags first (Readwise reads them only at the note's start), then the note, status and source.
      '"đoạn, ""một""\nhai dòng","Bài một: ""kinh tế"", 2021","","https://news.example/a",".Claim .kinh_tế .covid\n\nghi chú, có ""ngoặc""\n\nStatus: disputed\nSource: https://check.example/1","1","2026-11-28T09:00:00Z"',
    );
    expect(csv).toContain('"科技新闻","光明网","","https://news.example/b","","1",');
  });
});

describe('text fragments', () => {
  it('encode the characters the directive reserves', () => {
    expect(encodeTerm('a-b, c&d')).toBe('a%2Db%2C%20c%26d');
  });

  it('use whole words of context, and first and last words of a long quote', () => {
    const link = passageLink('https://x.example/p', {
      type: 'TextQuoteSelector',
      exact: 'one two three four five six seven eight nine ten eleven twelve thirteen',
      prefix: 'tial word before',
      suffix: ' after this partia',
    });
    expect(link).toBe(
      'https://x.example/p#:~:text=word%20before-,one%20two%20three%20four%20five,nine%20ten%20eleven%20twelve%20thirteen,-after%20this',
    );
  });

  it('work for CJK and keep an existing fragment', () => {
    expect(textDirective({ type: 'TextQuoteSelector', exact: '科技新闻', prefix: '光明网的', suffix: '报道说' })).toBe(
      `text=${encodeTerm('光明网的')}-,${encodeTerm('科技新闻')},-${encodeTerm('报道说')}`,
    );
    expect(
      passageLink('https://x.example/p#top', { type: 'TextQuoteSelector', exact: 'a', prefix: '', suffix: '' }),
    ).toBe('https://x.example/p#top:~:text=a');
  });

  it('give a quote of white space alone no fragment, with or without its block (it once never returned)', () => {
    const blank = { type: 'TextQuoteSelector' as const, exact: ' \u00a0 ', prefix: 'before', suffix: 'after' };
    expect(passageLink('https://x.example/p', blank, 'before \u00a0 after')).toBe('https://x.example/p');
    expect(passageLink('https://x.example/p', blank)).toBe('https://x.example/p');
    // The directive itself still returns (it searched the block for "" forever).
    expect(textDirective(blank, 'before \u00a0 after')).toMatch(/^text=/);
    // Spread over lines and runs of spaces: the same words as one-spaced text.
    expect(
      textDirective({
        type: 'TextQuoteSelector',
        exact: 'one\ntwo  three\tfour five six seven eight nine ten eleven twelve\u00a0thirteen',
        prefix: 'x\n word\tbefore ',
        suffix: '\u00a0after  this partia',
      }),
    ).toBe('text=word%20before-,one%20two%20three%20four%20five,nine%20ten%20eleven%20twelve%20thirteen,-after%20this');
  });
});
