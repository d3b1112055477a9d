/**
 * Finding elements as a user (and assistive technology) knows them: by ARIA role and accessible
 * name, through open shadow roots. Runs inside the page (passed to `evaluate`), so it must stay
 * self-contained. It covers the roles and naming rules our UI uses (aria-label, aria-labelledby,
 * label text, content minus aria-hidden parts), in the spirit of Testing Library's queries.
 */

/** A query: role plus accessible name (exact string, or a RegExp source with `regex: true`). */
export interface RoleQuery {
  role: string;
  name?: string;
  regex?: boolean;
  /** Which match when several: 0 is the first, -1 the last. */
  nth?: number;
}

/**
 * In-page: the elements matching a role query, in document order (open shadow roots included, and
 * the closed ones the driver passes in `roots`).
 */
export function findByRoleInPage(q: RoleQuery, roots: ShadowRoot[] = []): Element[] {
  const implicit = (el: Element): string | null => {
    const explicit = el.getAttribute('role');
    if (explicit) return explicit;
    const tag = el.tagName.toLowerCase();
    if (tag === 'button') return 'button';
    if (tag === 'a' && el.hasAttribute('href')) return 'link';
    if (tag === 'textarea') return 'textbox';
    if (tag === 'input') {
      const type = (el.getAttribute('type') ?? 'text').toLowerCase();
      // A password field has no ARIA role; 'password' finds it by its label (Testing Library's
      // getByLabelText), as a screen reader announces it: "Password, secure edit text".
      return ['text', 'search', 'email', 'url', ''].includes(type)
        ? 'textbox'
        : type === 'checkbox' || type === 'radio' || type === 'password'
          ? type
          : null;
    }
    if (tag === 'select') return 'combobox';
    if (/^h[1-6]$/.test(tag)) return 'heading';
    if (tag === 'article') return 'article';
    if (tag === 'section' && (el.hasAttribute('aria-label') || el.hasAttribute('aria-labelledby'))) return 'region';
    if (tag === 'ul' || tag === 'ol') return 'list';
    if (tag === 'li') return 'listitem';
    if (tag === 'main') return 'main';
    if (tag === 'fieldset') return 'group';
    if (tag === 'dialog') return 'dialog';
    return null;
  };
  const textOf = (node: Node): string => {
    if (node.nodeType === 3) return node.textContent ?? '';
    if (node.nodeType !== 1) return '';
    const el = node as Element;
    if (el.getAttribute('aria-hidden') === 'true') return '';
    if (el.tagName === 'STYLE' || el.tagName === 'SCRIPT') return '';
    return [...el.childNodes].map(textOf).join('');
  };
  const nameOf = (el: Element): string => {
    const root = el.getRootNode() as Document | ShadowRoot;
    const labelledby = el.getAttribute('aria-labelledby');
    if (labelledby) {
      return labelledby
        .split(/\s+/)
        .map((id) => textOf(root.getElementById?.(id) ?? document.createTextNode('')))
        .join(' ');
    }
    const label = el.getAttribute('aria-label');
    if (label) return label;
    const tag = el.tagName.toLowerCase();
    if (['input', 'textarea', 'select'].includes(tag)) {
      const id = el.getAttribute('id');
      const labelEl = id ? root.querySelector?.(`label[for="${id}"]`) : el.closest('label');
      if (labelEl) return textOf(labelEl);
      return el.getAttribute('title') ?? el.getAttribute('placeholder') ?? '';
    }
    if (tag === 'fieldset') {
      const legend = el.querySelector('legend');
      return legend ? textOf(legend) : '';
    }
    return textOf(el) || el.getAttribute('title') || '';
  };
  const norm = (s: string) => s.replace(/\s+/g, ' ').trim();
  const all: Element[] = [];
  const walk = (root: Document | ShadowRoot | Element) => {
    for (const el of root.querySelectorAll('*')) {
      all.push(el);
      if (el.shadowRoot) walk(el.shadowRoot);
    }
  };
  walk(document);
  for (const root of roots) walk(root);
  const visible = (el: Element) => {
    const r = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    return r.width > 0 && r.height > 0 && style.visibility !== 'hidden' && style.display !== 'none';
  };
  const matches = all.filter((el) => {
    if (implicit(el) !== q.role || !visible(el)) return false;
    if (q.name === undefined) return true;
    const name = norm(nameOf(el));
    return q.regex ? new RegExp(q.name).test(name) : name === q.name;
  });
  return matches;
}

/**
 * In-page: scrolls the match into view and returns its centre, or null when nothing matches.
 * `armed` is false while the match sits in a container marked as not yet taking clicks (the page
 * toolbar, until it has been on screen for a moment: it is in the top layer and never scrolled).
 */
export function locateByRoleInPage(
  q: RoleQuery,
  roots: ShadowRoot[] = [],
): { x: number; y: number; count: number; armed: boolean } | null {
  const found = findByRoleInPage(q, roots);
  const el = q.nth === -1 ? found[found.length - 1] : found[q.nth ?? 0];
  if (!el) return null;
  const inRoot = roots.some((root) => root.contains(el));
  if (!inRoot) el.scrollIntoView({ block: 'center' });
  const r = el.getBoundingClientRect();
  const armed = !inRoot || !!el.closest('[data-armed]');
  return { x: r.left + r.width / 2, y: r.top + r.height / 2, count: found.length, armed };
}
