/**
 * Markdown export of an article's highlights: YAML frontmatter (written by the `yaml` library, so a
 * title with `:` or `---` cannot break it), the title, then each highlight in article order as a
 * blockquote with its claim type, tags and note. Text from the page is escaped so that it reads as
 * text; the user's own notes are Markdown and are kept as written, inside their own block.
 */
import { stringify } from 'yaml';
import type { Article, Highlight } from './schema';

/** Labels for claim types, in the export's language. */
export type ClaimLabels = Record<string, string>;

/** Backslash-escapes what Markdown would read as markup or HTML, keeping text as text. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*_[\]<>|~]/g, '\\$&')
    .replace(/^(\s*)([#+=-])/gm, '$1\\$2')
    .replace(/^(\s*\d+)([.)])/gm, '$1\\$2');
}

/** `#tag` form of a tag: spaces become hyphens, characters Markdown apps stop at are dropped. */
export function hashtag(tag: string): string {
  const body = tag
    .trim()
    .replace(/\s+/g, '-')
    .replace(/[#,;:!?()[\]{}<>"'`*\\/|]/g, '');
  return body ? `#${body}` : '';
}

/** Prefixes every line with `> `, so a multi-line quote stays inside one blockquote. */
function blockquote(text: string): string {
  return text
    .split(/\r?\n/)
    .map((line) => (line.trim() ? `> ${line}` : '>'))
    .join('\n');
}

/** A file name for the article: its title as a readable slug (any script), with `.md`. */
export function markdownFileName(title: string, fallback = 'article'): string {
  const slug = title
    .normalize('NFC')
    .replace(/[\\/:*?"<>|#%&{}$!'`@=+^~[\]\p{Cc}]/gu, ' ')
    .trim()
    .replace(/[\s.]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '');
  // At most 120 characters, cut between words where possible.
  const chars = [...slug];
  let cut = chars.slice(0, 120).join('');
  if (chars.length > 120 && cut.lastIndexOf('-') > 40) cut = cut.slice(0, cut.lastIndexOf('-'));
  return `${cut || fallback}.md`;
}

/** Renders one article and its highlights (any order; sorted here by the caller's comparator). */
export function articleToMarkdown(
  article: Article,
  highlights: readonly Highlight[],
  options: { exportedAt: Date; labels: ClaimLabels; statusLabels?: ClaimLabels },
): string {
  const front: Record<string, string> = { title: article.title, source: article.url };
  if (article.byline) front.author = article.byline;
  if (article.siteName) front.site = article.siteName;
  if (article.publishedTime) front.published = article.publishedTime;
  front.exported = options.exportedAt.toISOString();
  const parts = [
    `---\n${stringify(front, { lineWidth: 0 })}---`,
    `# ${escapeMarkdown(article.title.replace(/\s+/g, ' ').trim())}`,
  ];
  if (article.note.trim()) parts.push(article.note.trim());
  for (const h of highlights) {
    const lines = [blockquote(escapeMarkdown(h.target.selector[0].exact))];
    const meta: string[] = [];
    if (h.claimType) meta.push(`**${escapeMarkdown(options.labels[h.claimType] ?? h.claimType)}**`);
    if (h.status) meta.push(escapeMarkdown(options.statusLabels?.[h.status] ?? h.status));
    if (h.sourceUrl) meta.push(`<${h.sourceUrl.replace(/[<>\s]/g, encodeURIComponent)}>`);
    const tags = h.tags.map(hashtag).filter(Boolean);
    if (tags.length) meta.push(tags.join(' '));
    if (meta.length) lines.push(meta.join(' · '));
    if (h.note.trim()) lines.push(h.note.trim());
    parts.push(lines.join('\n\n'));
  }
  return `${parts.join('\n\n')}\n`;
}
