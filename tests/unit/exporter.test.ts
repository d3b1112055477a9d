/** The export entry point: zip of one Markdown file per article, formats, progress. */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { citer, keptEngines } from '@/lib/export/cite';
import { toCsl } from '@/lib/export/csl';
import { buildExport, type ExportGroup, type ExportOptions } from '@/lib/export/exporter';
import type { Article, Highlight } from '@/lib/schema';
import { articleRecord, selectors } from '../support/factories';

const T = Date.UTC(2026, 10, 28, 9, 30);
function article(id: string, title: string): Article {
  return articleRecord(
    { id, url: `https://news.example/${id}`, title, siteName: 'News', publishedTime: '2026-01-02' },
    T,
  );
}
function highlight(id: string, articleId: string, exact: string): Highlight {
  return {
    id,
    articleId,
    target: { source: `https://news.example/${articleId}`, selector: selectors(exact, 0) },
    claimType: 'claim',
    status: null,
    sourceUrl: null,
    tags: ['t'],
    note: '',
    createdAt: T,
    updatedAt: T,
  };
}
const groups: ExportGroup[] = [
  { article: article('a', 'Tin tức hôm nay'), highlights: [highlight('1', 'a', 'một')] },
  { article: article('b', 'Tin tức hôm nay'), highlights: [highlight('2', 'b', 'hai')] },
  { article: article('c', '光明网 / 科技'), highlights: [highlight('3', 'c', '科技')] },
  { article: article('d', 'أخبار اليوم'), highlights: [highlight('4', 'd', 'خبر')] },
];
const options = (format: ExportOptions['format'], progress?: [number, number][]): ExportOptions => ({
  format,
  template: 'default',
  labels: { claim: 'Claim' },
  statusLabels: {},
  exportedAt: new Date(T),
  citationStyle: 'apa',
  onProgress: progress ? (done, total) => progress.push([done, total]) : undefined,
});

describe('export', () => {
  it('cites each article, then gives the citation engine’s memory back', async () => {
    // An engine a sidebar's citation left kept is dropped too: the export ends with none.
    (await citer('mla')).citation(toCsl(article('z', 'Trước đó')));
    expect(keptEngines()).toBeGreaterThan(0);
    const file = await buildExport(groups, options('markdown'));
    expect(file.data as string).toContain(
      '*Cite as:* Tin tức hôm nay. (2026, January 2). News. https://news.example/a',
    );
    expect(keptEngines()).toBe(0);
  });

  it('zips one Markdown file per article with unique readable names, readable by unzip', async () => {
    const progress: [number, number][] = [];
    const file = await buildExport(groups, options('markdown-zip', progress));
    expect(file.name).toBe('marginalia-2026-11-28.zip');
    expect(file.mime).toBe('application/zip');
    const entries = unzipSync(file.data as Uint8Array);
    expect(Object.keys(entries)).toEqual([
      'Tin-tức-hôm-nay.md',
      'Tin-tức-hôm-nay-2.md',
      '光明网-科技.md',
      'أخبار-اليوم.md',
    ]);
    const first = strFromU8(entries['Tin-tức-hôm-nay.md'] as Uint8Array);
    expect(first).toContain('> một');
    expect(first).toContain('*Cite as:* Tin tức hôm nay. (2026, January 2). News. https://news.example/a');
    expect(progress.at(0)).toEqual([0, 4]);
    expect(progress.at(-1)).toEqual([4, 4]);
    // The system's unzip reads the names as UTF-8 too (the zip marks them so).
    const dir = mkdtempSync(join(tmpdir(), 'zip-'));
    writeFileSync(join(dir, 'x.zip'), file.data as Uint8Array);
    const listing = execFileSync(
      'python3',
      ['-c', 'import zipfile,sys;print("\\n".join(zipfile.ZipFile(sys.argv[1]).namelist()))', join(dir, 'x.zip')],
      {
        encoding: 'utf8',
      },
    );
    expect(listing.trim().split('\n')).toEqual(Object.keys(entries));
    // Info-ZIP's unzip (Debian's), the tool a reader's file manager often runs: the exact names.
    // It honours the UTF-8 flag only for entries made on Unix (MS-DOS ones came out as mojibake).
    const unzip = spawnSync('unzip', ['-Z1', join(dir, 'x.zip')], { encoding: 'utf8' });
    if (unzip.error) console.warn('unzip is not installed: its check was skipped (CI installs it)');
    else expect(unzip.stdout.trim().split('\n')).toEqual(Object.keys(entries));
    const extracted = join(dir, 'out');
    if (!unzip.error) {
      execFileSync('unzip', ['-q', join(dir, 'x.zip'), '-d', extracted]);
      expect(readdirSync(extracted).sort()).toEqual(Object.keys(entries).sort());
    }
  });

  it('writes one article as a Markdown file named after it, and many as one combined file', async () => {
    const one = await buildExport(groups.slice(2, 3), options('markdown'));
    expect(one.name).toBe('光明网-科技.md');
    expect(one.data).toMatch(/^---\ntitle: 光明网 \/ 科技\n/);
    const many = await buildExport(groups, options('markdown'));
    expect(many.name).toBe('marginalia-2026-11-28.md');
    expect((many.data as string).match(/^## /gm)).toHaveLength(4);
  });

  it('writes the other formats', async () => {
    const csl = await buildExport(groups, options('csl-json'));
    expect(JSON.parse(csl.data as string)).toHaveLength(4);
    const bib = await buildExport(groups, options('bibtex'));
    expect((bib.data as string).match(/^@/gm)).toHaveLength(4);
    const wa = await buildExport(groups, options('web-annotation'));
    expect(JSON.parse(wa.data as string).total).toBe(4);
    expect(wa.name.endsWith('.jsonld')).toBe(true);
    const csv = await buildExport(groups, options('readwise'));
    expect((csv.data as string).split('\r\n')).toHaveLength(6);
  });
});
