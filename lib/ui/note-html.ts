/**
 * A note's Markdown as safe HTML: marked (CommonMark + GFM) renders it, DOMPurify keeps only plain
 * formatting (no raw HTML from the note survives as markup, no images or anything fetched, links
 * http(s)/mailto only and opened in a new tab without an opener).
 */
import DOMPurify from 'dompurify';
import { Marked } from 'marked';

const marked = new Marked({ gfm: true, breaks: true, async: false });
// Raw HTML in a note is shown as text, not interpreted.
marked.use({ renderer: { html: ({ text }) => escapeHtml(text) } });

const ALLOWED_TAGS = [
  'p',
  'br',
  'strong',
  'em',
  'del',
  'code',
  'pre',
  'blockquote',
  'ul',
  'ol',
  'li',
  'a',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'hr',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
];

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const purify = DOMPurify(window);
purify.addHook('afterSanitizeAttributes', (node) => {
  if (node.nodeName === 'A') {
    const href = node.getAttribute('href') ?? '';
    if (!/^(https?:|mailto:)/i.test(href)) node.removeAttribute('href');
    node.setAttribute('target', '_blank');
    node.setAttribute('rel', 'noopener noreferrer');
  }
});

/** The note rendered for display. */
export function noteToHtml(markdown: string): string {
  // Without a working DOM sanitizer (never in a browser), show the note as plain text.
  if (!purify.isSupported) return `<p>${escapeHtml(markdown)}</p>`;
  const html = marked.parse(markdown) as string;
  return purify.sanitize(html, {
    ALLOWED_TAGS,
    ALLOWED_ATTR: ['href', 'target', 'rel', 'title'],
    ALLOW_DATA_ATTR: false,
  });
}
