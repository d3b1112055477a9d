/**
 * BibTeX and BibLaTeX as Zotero writes them, from CSL-JSON items: a news article is `@article`
 * (BibTeX: `journal`, `year`, `month = aug`; BibLaTeX: `journaltitle`, `date = {2021-08-06}`), a
 * web page `@misc` (BibTeX, `howpublished`) or `@online` (BibLaTeX, `organization`); both with `url`
 * and `urldate`. With no byline the publication is the (corporate) author, as biblatex requires one;
 * with no published date there is no date field (biber then says a date is missing: a date is
 * never made up). Keys are ASCII whatever the script (author or site, year, first title word), and
 * unique in the file (`a`, `b` … after a repeat). Fields are UTF-8 with TeX's special characters
 * escaped, so a page's title can neither end its field nor run TeX. Checked by biber's own data
 * model validation (tests/unit/bibtex.test.ts). Pure.
 */
import type { CslItem, CslName } from './csl';

export type BibDialect = 'bibtex' | 'biblatex';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/**
 * A field's text as BibTeX reads it back unchanged: TeX's special characters as commands, so a
 * title from a page can neither close its field and open another (`Budget} , note = {…`) nor run
 * TeX (`\input{…}`, `\write18{…}`). Braces become \textbraceleft{} / \textbraceright{}: BibTeX
 * counts every brace, escaped or not, so `\{` alone would still unbalance the field.
 */
export function texEscape(text: string): string {
  return text.replace(/[\\{}%&$#_~^]/g, (c) => TEX_ESCAPES[c] ?? c);
}

const TEX_ESCAPES: Readonly<Record<string, string>> = {
  '\\': '\\textbackslash{}',
  '{': '\\textbraceleft{}',
  '}': '\\textbraceright{}',
  '%': '\\%',
  '&': '\\&',
  $: '\\$',
  '#': '\\#',
  _: '\\_',
  '~': '\\textasciitilde{}',
  '^': '\\textasciicircum{}',
};

/** A URL as BibTeX's `url` field takes it (verbatim): braces, backslashes and spaces percent-encoded. */
function urlEscape(url: string): string {
  return url.replace(/[{}\\\s]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

/** A name as BibTeX reads it: "Family, Given", or kept whole in braces (organisations, Vietnamese). */
function bibName(n: CslName): string {
  if (n.literal) return `{${texEscape(n.literal)}}`;
  return [n.family, n.given]
    .filter(Boolean)
    .map((p) => texEscape(p as string))
    .join(', ');
}

/** ASCII letters and digits of a text: diacritics dropped, đ → d; other scripts leave nothing. */
function ascii(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .replace(/[^A-Za-z0-9]+/g, ' ')
    .trim();
}

/** Words a key skips in a title (Zotero's list, in short). */
const STOP = new Set(['a', 'an', 'the', 'of', 'on', 'in', 'and', 'for', 'to', 'at', 'by', 'with']);

/** The key before it is made unique: first author's family name (or site), year, first title word. */
export function baseKey(item: CslItem): string {
  const first = item.author?.[0];
  // The first author's family name (a kept-whole name's first word), else the site; in ASCII.
  const who = [first?.family ?? first?.literal?.split(/\s+/)[0], item['container-title']]
    .map((w) => ascii(w ?? '').split(' ')[0])
    .find(Boolean);
  const year = item.issued?.['date-parts'][0][0];
  const word = ascii(item.title)
    .split(' ')
    .find((w) => w.length > 1 && !STOP.has(w.toLowerCase()));
  const key = `${(who || 'anon').toLowerCase()}_${(word ?? '').toLowerCase()}_${year ?? 'nd'}`.replace(/_+/g, '_');
  return key.replace(/^_|_$/g, '');
}

/** Keys for the items in order, unique in the file: a repeat gets a, b, c … (on every one of them). */
export function bibKeys(items: readonly CslItem[]): string[] {
  const bases = items.map(baseKey);
  const count = new Map<string, number>();
  for (const b of bases) count.set(b, (count.get(b) ?? 0) + 1);
  const seen = new Map<string, number>();
  return bases.map((b) => {
    if ((count.get(b) ?? 0) < 2) return b;
    const i = seen.get(b) ?? 0;
    seen.set(b, i + 1);
    return `${b}${suffix(i)}`;
  });
}

function suffix(i: number): string {
  let s = '';
  let n = i;
  do {
    s = String.fromCharCode(97 + (n % 26)) + s;
    n = Math.floor(n / 26) - 1;
  } while (n >= 0);
  return s;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

const pad = (n: number) => String(n).padStart(2, '0');

/** One entry. */
function entry(item: CslItem, key: string, dialect: BibDialect): string {
  const fields: [string, string][] = [];
  const text = (name: string, value: string | undefined) => value && fields.push([name, `{${texEscape(value)}}`]);
  const isArticle = item.type === 'article-newspaper';
  const type = isArticle ? 'article' : dialect === 'biblatex' ? 'online' : 'misc';
  // biblatex's data model requires an author: with no byline, the publication stands as corporate
  // author (as Chicago does for unsigned web content); with no site either, the web address's host.
  const authors = item.author?.length ? item.author : [{ literal: item['container-title'] ?? hostOf(item.URL) }];
  fields.push(['author', `{${authors.map(bibName).join(' and ')}}`]);
  text('title', item.title);
  const site = item['container-title'];
  if (isArticle) text(dialect === 'biblatex' ? 'journaltitle' : 'journal', site);
  else text(dialect === 'biblatex' ? 'organization' : 'howpublished', site);
  const [year, month, day] = item.issued?.['date-parts'][0] ?? [];
  if (year !== undefined) {
    if (dialect === 'biblatex') {
      fields.push([
        'date',
        `{${[String(year).padStart(4, '0'), month && pad(month), month && day && pad(day)].filter(Boolean).join('-')}}`,
      ]);
    } else {
      fields.push(['year', `{${year}}`]);
      if (month) fields.push(['month', MONTHS[month - 1] as string]);
    }
  }
  fields.push(['url', `{${urlEscape(item.URL)}}`]);
  const [ay, am, ad] = item.accessed['date-parts'][0];
  fields.push(['urldate', `{${ay}-${pad(am)}-${pad(ad)}`.concat('}')]);
  return `@${type}{${key},\n${fields.map(([k, v]) => `  ${k} = ${v},`).join('\n')}\n}`;
}

/** The items as a .bib file (UTF-8), in order. */
export function bibFile(items: readonly CslItem[], dialect: BibDialect = 'bibtex'): string {
  if (!items.length) return '';
  const keys = bibKeys(items);
  return `${items.map((item, i) => entry(item, keys[i] as string, dialect)).join('\n\n')}\n`;
}
