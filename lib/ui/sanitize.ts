/**
 * Article HTML from a page, made safe to show in the extension's own pages (DOMPurify: the
 * well-kept sanitizer, rather than hand-written filtering). No scripts, no event handlers, no
 * `javascript:` URLs, no frames, forms or embedded objects, no styles (CSS can hide or fake text),
 * and nothing loaded from the network but images. Links open in a new tab, without an opener.
 */
import DOMPurify from 'dompurify';

const FORBID_TAGS = [
  'style',
  'link',
  'meta',
  'base',
  'form',
  'input',
  'button',
  'textarea',
  'select',
  'iframe',
  'frame',
  'object',
  'embed',
  'video',
  'audio',
  'source',
  'track',
  'svg',
  'math',
  'template',
];
const FORBID_ATTR = ['style', 'class', 'id', 'srcset', 'background', 'poster', 'ping', 'action', 'formaction'];

let hooked = false;

/** Sanitises article HTML for the reader view. */
export function sanitizeArticle(html: string): string {
  if (!hooked) {
    DOMPurify.addHook('afterSanitizeAttributes', (node) => {
      if (node.nodeName === 'A') {
        node.setAttribute('target', '_blank');
        node.setAttribute('rel', 'noopener noreferrer');
      }
      if (node.nodeName === 'IMG') {
        node.setAttribute('loading', 'lazy');
        node.setAttribute('referrerpolicy', 'no-referrer');
        const src = node.getAttribute('src') ?? '';
        // Images only over http(s) or inline data; nothing else is fetched.
        if (!/^(https?:|data:image\/)/i.test(src)) node.removeAttribute('src');
      }
    });
    hooked = true;
  }
  return DOMPurify.sanitize(html, {
    FORBID_TAGS,
    FORBID_ATTR,
    ALLOW_DATA_ATTR: false,
    ALLOW_UNKNOWN_PROTOCOLS: false,
  });
}
