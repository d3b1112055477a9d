/**
 * Markdown export: one file per article, or one combined file for many.
 *
 * A file has YAML frontmatter (./frontmatter.ts, quoting through the `yaml` library) with Obsidian Web Clipper's keys
 * (title, source, author, published, created, tags) plus ours (canonical, site, language,
 * exported, highlights, claims); then the title, a byline with the citation, the page note, and
 * the highlights in article order. Two layouts: `default` (blockquote, then type · status · tags ·
 * link) and `obsidian` (a callout per highlight with the quote as `==highlight==`).
 *
 * Text from the page is escaped so that it reads as text in any CommonMark or Obsidian renderer.
 * The user's notes are Markdown and are kept as written, except that raw HTML is shown as text and
 * an unclosed code fence is closed, so a note cannot swallow the rest of the document.
 */

import { own } from '../own';
import type { Article, Highlight, MarkdownTemplate } from '../schema';
import { citedNames, citeUrl, dateParts, sameName } from './article-facts';
import { type FrontValue, yamlFrontmatter } from './frontmatter';
import { hashtag, obsidianDateTime, tagName } from './obsidian';
import { oneSpaced, passageLink } from './text-fragment';

export { MARKDOWN_TEMPLATES, type MarkdownTemplate } from '../schema';

/** Labels for claim types or statuses, in the export's language. */
export type Labels = Record<string, string>;

export interface MarkdownOptions {
  exportedAt: Date;
  template: MarkdownTemplate;
  /** Claim type id → name. */
  labels: Labels;
  /** Claim status → name. */
  statusLabels: Labels;
  /** The article's citation as plain text (see ./cite.ts), by article id. */
  citations?: ReadonlyMap<string, string>;
  /** Words used in the document, in the export's language. */
  words?: Partial<MarkdownWords>;
}

export interface MarkdownWords {
  highlight: string;
  openPassage: string;
  source: string;
  cite: string;
  exportTitle: string;
  /** Before the page's current text, under a quote the page has changed since. */
  nowReads: string;
  /** Before a claim's check status (Readwise notes). */
  status: string;
}

export const WORDS: MarkdownWords = {
  highlight: 'Highlight',
  openPassage: 'Open passage',
  source: 'Source',
  cite: 'Cite as',
  exportTitle: 'Marginalia notes',
  nowReads: 'Now reads',
  status: 'Status',
};

const MARKUP_CHAR = /[\\`*_[\]<>|~#$^&%=]/;
const MARKUP_LINE_START = /^\s*(?:[+-]|\d+[.)])/m;

/**
 * Backslash-escapes what CommonMark, GFM or Obsidian would read as markup, keeping text as text:
 * emphasis, links, wiki links, HTML, entities (`&amp;`), tags (`#word`), highlights (`==`), math
 * (`$`), comments (`%%`), block ids (`^id`), and line starts that begin lists, headings or rules.
 * A lone `%` or `&` ("100%", "R&D") stays as it is.
 */
export function escapeMarkdown(text: string): string {
  // Most lines of most quotes hold none of it: one test each, instead of six rewrites.
  if (!MARKUP_CHAR.test(text) && !MARKUP_LINE_START.test(text)) return text;
  return text
    .replace(/[\\`*_[\]<>|~#$^]/g, '\\$&')
    .replace(/&(?=#?\w+;)/g, '\\&')
    .replace(/%(?=%)|(?<=%)%/g, '\\%')
    .replace(/=(?==)/g, '\\=')
    .replace(/^(\s*)([+=-])/gm, '$1\\$2')
    .replace(/^(\s*\d+)([.)])/gm, '$1\\$2');
}

/** A link destination in `<…>` form, which accepts parentheses; `<`, `>` and spaces encoded. */
function destination(url: string): string {
  return `<${url.replace(/[<>\s]/g, (c) => encodeURIComponent(c))}>`;
}

/** A quote from the page as Markdown lines: escaped, one line per line, no indented-code starts. */
function quoteLines(exact: string): string[] {
  return exact
    .split(/\r?\n/)
    .map((line) => escapeMarkdown(oneSpaced(line).trim()))
    .filter((line, i, all) => line || (i > 0 && all[i - 1]));
}

/**
 * The user's note as Markdown that stays inside its own block: raw HTML tags and comments are
 * shown as text (outside code), an unclosed fence is closed.
 */
export function safeNote(note: string): string {
  let fence: string | null = null;
  const lines = note
    .trim()
    .split(/\r?\n/)
    .map((line) => {
      const marker = /^\s{0,3}(`{3,}|~{3,})/.exec(line)?.[1];
      if (marker && (fence === null || (marker[0] === fence[0] && marker.length >= fence.length))) {
        fence = fence === null ? marker : null;
        return line;
      }
      if (fence !== null) return line;
      // Outside code spans, `<tag`, `</tag`, `<!--`, `<?` become text.
      return line
        .split(/(`+[^`]*`+)/)
        .map((part, i) => (i % 2 ? part : part.replace(/<(?=[A-Za-z!/?])/g, '&lt;')))
        .join('');
    });
  if (fence !== null) lines.push(fence);
  return lines.join('\n');
}

/**
 * The date part of an ISO date or anything Date reads, as YYYY-MM-DD (or YYYY-MM, YYYY); null for
 * anything else. The value comes from the page: what is not a date is never written out.
 */
function isoDay(value: string | null): string | null {
  const parts = value ? dateParts(value) : null;
  if (!parts) return null;
  return parts.map((p, i) => (i === 0 ? String(p) : String(p).padStart(2, '0'))).join('-');
}

function day(t: number): string {
  return new Date(t).toISOString().slice(0, 10);
}

/** Frontmatter values for an article, Obsidian Web Clipper keys first. */
export function frontmatter(
  article: Article,
  highlights: readonly Highlight[],
  exportedAt: Date,
): Record<string, FrontValue> {
  const front: Record<string, FrontValue> = { title: article.title.replace(/\s+/g, ' ').trim(), source: article.url };
  const people = citedNames(article);
  if (people.length) front.author = people;
  const published = isoDay(article.publishedTime);
  if (published) front.published = published;
  const first = highlights.reduce((t, h) => Math.min(t, h.createdAt), article.createdAt);
  front.created = day(first);
  if (article.excerpt) front.description = article.excerpt.replace(/\s+/g, ' ').trim();
  const tags = [...new Set(highlights.flatMap((h) => h.tags).map(tagName))].filter(Boolean).sort();
  front.tags = tags;
  const canonical = citeUrl(article);
  if (canonical !== article.url) front.canonical = canonical;
  if (article.siteName) front.site = article.siteName;
  if (article.lang) front.language = article.lang;
  front.exported = obsidianDateTime(exportedAt);
  front.highlights = highlights.length;
  // Obsidian's properties are flat (text, number, date, list): the claim types as a list, most used
  // first; how many of each is in the body.
  const claims = new Map<string, number>();
  for (const h of highlights) if (h.claimType) claims.set(h.claimType, (claims.get(h.claimType) ?? 0) + 1);
  front.claims = [...claims.entries()].sort((a, b) => b[1] - a[1]).map(([type]) => type);
  return front;
}

function yamlBlock(values: Record<string, FrontValue>): string {
  return yamlFrontmatter(values);
}

/** Obsidian callout kinds for the built-in claim types; others are quotes. */
const CALLOUT: Record<string, string> = {
  claim: 'important',
  evidence: 'success',
  statistic: 'info',
  opinion: 'note',
  quote: 'quote',
  question: 'question',
};

function oneLine(text: string): string {
  return oneSpaced(text).trim();
}

function highlightBlock(article: Article, h: Highlight, options: MarkdownOptions, words: MarkdownWords): string {
  const [quote] = h.target.selector;
  const type = h.claimType ? escapeMarkdown(own(options.labels, h.claimType) ?? h.claimType) : null;
  const status = h.status ? escapeMarkdown(own(options.statusLabels, h.status) ?? h.status) : null;
  const tags = h.tags.map(hashtag).filter(Boolean).join(' ');
  const link = `[${words.openPassage}](${destination(passageLink(article.url, quote, h.block, h.textDirective))})`;
  const source = h.sourceUrl ? `[${words.source}](${destination(h.sourceUrl)})` : null;
  const lines = quoteLines(quote.exact);
  const note = h.note.trim() ? safeNote(h.note) : null;
  // The original quote stays the quote; what the page says now follows it (the page changed since).
  const now = h.pageNow?.text
    ? `*${escapeMarkdown(words.nowReads)}:* ${escapeMarkdown(oneLine(h.pageNow.text))}`
    : null;
  if (options.template === 'obsidian') {
    const title = [type ?? escapeMarkdown(words.highlight), status].filter(Boolean).join(' · ');
    const kind = (h.claimType && own(CALLOUT, h.claimType)) || 'quote';
    const body = lines.map((l) => (l ? `> ==${l}==` : '>'));
    const meta = [tags, source, link].filter(Boolean).join(' · ');
    const changed = now ? ['>', `> ${now}`] : [];
    return [[`> [!${kind}] ${title}`, ...body, ...changed, '>', `> ${meta}`].join('\n'), note]
      .filter(Boolean)
      .join('\n\n');
  }
  const quoteBlock = lines.map((l) => (l ? `> ${l}` : '>')).join('\n');
  const meta = [type && `**${type}**`, status, tags, source, link].filter(Boolean).join(' · ');
  return [quoteBlock, now, meta, note].filter(Boolean).join('\n\n');
}

/** The article's body below its heading: byline, citation, page note, highlights. */
function articleBody(article: Article, highlights: readonly Highlight[], options: MarkdownOptions): string[] {
  const words = { ...WORDS, ...options.words };
  const people = citedNames(article);
  // The site once: not again when the byline is the site ("BBC News · BBC News").
  const site =
    article.siteName && !people.some((p) => sameName(p, article.siteName as string)) ? article.siteName : null;
  const byline = [
    ...people.map(escapeMarkdown),
    site && escapeMarkdown(site),
    isoDay(article.publishedTime),
    `[${escapeMarkdown(host(article.url))}](${destination(article.url)})`,
  ].filter(Boolean);
  const parts = [byline.join(' · ')];
  const citation = options.citations?.get(article.id);
  if (citation) parts.push(`*${words.cite}:* ${escapeMarkdown(citation)}`);
  if (article.note.trim()) parts.push(safeNote(article.note));
  for (const h of highlights) parts.push(highlightBlock(article, h, options, words));
  return parts;
}

function host(url: string): string {
  try {
    return new URL(url).host || url;
  } catch {
    return url;
  }
}

function heading(level: number, title: string): string {
  return `${'#'.repeat(level)} ${escapeMarkdown(oneSpaced(title).trim())}`;
}

/** One article and its highlights (in the order given: the caller sorts them in article order). */
export function articleToMarkdown(
  article: Article,
  highlights: readonly Highlight[],
  options: MarkdownOptions,
): string {
  const parts = [
    yamlBlock(frontmatter(article, highlights, options.exportedAt)),
    heading(1, article.title),
    ...articleBody(article, highlights, options),
  ];
  return `${parts.join('\n\n')}\n`;
}

/** Many articles in one file: one frontmatter for the export, then a section per article. */
export function combinedMarkdown(
  groups: readonly { article: Article; highlights: readonly Highlight[] }[],
  options: MarkdownOptions,
): string {
  const words = { ...WORDS, ...options.words };
  const all = groups.flatMap((g) => g.highlights);
  const front = {
    title: words.exportTitle,
    created: day(options.exportedAt.getTime()),
    exported: obsidianDateTime(options.exportedAt),
    articles: groups.length,
    highlights: all.length,
    tags: [...new Set(all.flatMap((h) => h.tags).map(tagName))].filter(Boolean).sort(),
    sources: groups.map((g) => g.article.url),
  };
  const parts = [yamlBlock(front), heading(1, words.exportTitle)];
  for (const g of groups) parts.push(heading(2, g.article.title), ...articleBody(g.article, g.highlights, options));
  return `${parts.join('\n\n')}\n`;
}
