/**
 * BibTeX and BibLaTeX as Zotero writes them, checked by the reference: biber (Debian's, run with
 * --tool --validate-datamodel, the data model biblatex uses) must report 0 warnings on the files for
 * the same varied items as the citation reference test. Without biber on the machine (a developer's
 * laptop) that check is skipped and says so; CI installs it (.ci/run).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Cite } from '@citation-js/core';
import '@citation-js/plugin-bibtex';
import { describe, expect, it } from 'vitest';
import { bibFile, bibKeys } from '@/lib/export/bibtex';
import { toCsl } from '@/lib/export/csl';
import type { Article } from '@/lib/schema';
import { articleRecord } from '../support/factories';

const SEEN = Date.UTC(2026, 10, 28, 9, 30);
const A = (extra: Partial<Article>, i: number) =>
  articleRecord({ id: `a${i}`, url: `https://news.example/${i}`, kind: 'article', ...extra }, SEEN);

const ARTICLES: Article[] = (
  [
    {
      title: 'Floods close the ring road',
      byline: null,
      siteName: 'City Herald',
      publishedTime: '2024-03-02',
      lang: 'en',
    },
    {
      title: 'The rise of local news deserts',
      byline: 'By Jane Q. Doe',
      siteName: 'The Daily Planet',
      publishedTime: '2024-09-03',
      lang: 'en',
    },
    {
      title: 'Reefs in retreat',
      byline: 'Jane Doe, John Smith and Ana María López',
      siteName: 'Ocean Post',
      publishedTime: '2022-06-15',
      lang: 'en',
    },
    {
      title: 'A census of city trees',
      byline: 'By Jane Doe, John Smith, Wei Chen, Sam Brown and Ana López',
      siteName: 'Metro Daily',
      publishedTime: '2021-01-09',
      lang: 'en',
    },
    {
      title: 'Obama in Kenya: what the trip means',
      byline: 'BBC News',
      siteName: 'BBC News',
      publishedTime: '2015-07-24',
      lang: 'en',
    },
    {
      title: 'Obama in Kenya: the speech',
      byline: 'BBC News',
      siteName: 'BBC News',
      publishedTime: '2015-07-26',
      lang: 'en',
    },
    {
      title: 'Thực hiện công tác tổ chức xây dựng Đảng',
      byline: 'Kim Hiền',
      siteName: 'Báo Vĩnh Phúc',
      publishedTime: '2021-08-06',
      lang: 'vi',
    },
    {
      title: '宇航员为何不能在太空饮酒',
      byline: '肖春芳',
      siteName: '光明网',
      publishedTime: '2017-03-10',
      lang: 'zh',
    },
    {
      title: 'ارتفاع أسعار الذهب في الأسواق',
      byline: null,
      siteName: 'صحيفة الأخبار',
      publishedTime: '2024-03-12',
      lang: 'ar',
    },
    { title: 'How to read a budget', byline: 'By Sam Brown', siteName: 'Civic Notes', publishedTime: null, lang: 'en' },
    {
      title: 'About the archive',
      byline: null,
      siteName: null,
      publishedTime: null,
      lang: 'en',
      kind: 'page' as const,
    },
    { title: '50% & $5: a_b {braces}', byline: null, siteName: 'Odd Chars', publishedTime: '2020-02-29', lang: 'en' },
  ] as Partial<Article>[]
).map((a, i) => A(a, i));
const ITEMS = ARTICLES.map((a) => toCsl(a));

const HAS_BIBER = spawnSync('biber', ['--version']).status === 0;
/** biber is a Perl program that takes about a second a run here, more on a busy machine. */
const BIBER_MS = 60_000;

/** biber's data model validation of a .bib file: its WARN lines. */
function biberWarnings(text: string): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'marginalia-biber-'));
  writeFileSync(join(dir, 'refs.bib'), text);
  const run = spawnSync('biber', ['--tool', '--validate-datamodel', 'refs.bib'], { cwd: dir, encoding: 'utf8' });
  const out = `${run.stdout}\n${run.stderr}`;
  expect(run.status, out).toBe(0);
  return out.split('\n').filter((l) => /^WARN|ERROR/.test(l));
}

describe('BibTeX and BibLaTeX', () => {
  it('write the fields Zotero writes', () => {
    const bibtex = bibFile(ITEMS, 'bibtex');
    expect(bibtex).toContain('@article{doe_rise_2024,');
    expect(bibtex).toContain('  journal = {The Daily Planet},\n  year = {2024},\n  month = sep,');
    expect(bibtex).toContain('urldate = {2026-11-28}');
    expect(bibtex).not.toMatch(/howpublished = .*\n[^@]*journal|note = \{\[Online/);
    const biblatex = bibFile(ITEMS, 'biblatex');
    expect(biblatex).toContain('journaltitle = {Báo Vĩnh Phúc},\n  date = {2021-08-06},');
    expect(biblatex).toContain('@online{anon_about_nd,');
  });

  it('give ASCII keys from any script, unique in the file', () => {
    const keys = bibKeys(ITEMS);
    expect(new Set(keys).size).toBe(keys.length);
    for (const k of keys) expect(k).toMatch(/^[a-z0-9_]+$/);
    expect(keys.slice(4, 8)).toEqual(['bbc_obama_2015a', 'bbc_obama_2015b', 'kim_thuc_2021', 'anon_2017']);
  });

  it('read back the same by citation-js’ BibTeX parser', () => {
    const back = new Cite(bibFile(ITEMS, 'bibtex')).data as { title: string }[];
    expect(back.map((b) => b.title)).toEqual(ITEMS.map((i) => i.title));
  });

  it.skipIf(!HAS_BIBER)(
    'pass biber’s data model validation: 0 warnings but the date of the undated',
    () => {
      const undated = bibKeys(ITEMS).filter((_, i) => !ITEMS[i]?.issued);
      const expected = undated.map(
        (k) =>
          `WARN - Datamodel: Entry '${k}' (refs.bib): Missing mandatory field - one of 'date, year' must be defined`,
      );
      expect(biberWarnings(bibFile(ITEMS, 'bibtex'))).toEqual(expected);
      expect(biberWarnings(bibFile(ITEMS, 'biblatex'))).toEqual(expected);
      // Dated items alone: none at all.
      const dated = ITEMS.filter((i) => i.issued);
      expect(biberWarnings(bibFile(dated, 'bibtex'))).toEqual([]);
      expect(biberWarnings(bibFile(dated, 'biblatex'))).toEqual([]);
    },
    BIBER_MS,
  );

  it(
    'biber itself flags the faults the old export had (the check can fail)',
    () => {
      if (!HAS_BIBER) return;
      const old =
        '@article{BBC2015Obama,\n  title = {Obama},\n  journal = {BBC News},\n  year = {2015},\n  month = {aug 6},\n  howpublished = {x},\n}\n';
      expect(biberWarnings(old).join('\n')).toMatch(/not an integer[\s\S]*Invalid field 'howpublished'/);
    },
    BIBER_MS,
  );
});

// Keep a copy of the file for a person to look at.
if (process.env.WRITE_BIB) writeFileSync('test-results/sample.bib', bibFile(ITEMS, 'biblatex'));
void readFileSync;
