import { useEffect, useMemo, useRef } from 'preact/hooks';
import { anchorQuote, type Selectors } from '@/lib/anchoring/anchor';
import { describeRange } from '@/lib/anchoring/describe';
import { buildTextIndex } from '@/lib/anchoring/text-index';
import { rangeOf } from '@/lib/anchoring/text-ranges';
import { toolbarSpec } from '@/lib/claim-labels';
import type { ClaimTypeDef } from '@/lib/claim-types';
import { Painter } from '@/lib/highlighting/painter';
import { watchSelection } from '@/lib/highlighting/selection';
import { SelectionToolbar, type ToolbarChoice } from '@/lib/highlighting/toolbar';
import { t } from '@/lib/i18n';
import { toPaintItems } from '@/lib/records';
import type { ArticleMeta, Highlight } from '@/lib/schema';
import { sanitizeArticle } from '@/lib/ui/sanitize';

/** Props of {@link ReaderView}. */
export interface ReaderViewProps {
  /** Readability's article HTML; sanitised here before it is shown. */
  html: string;
  meta: ArticleMeta;
  highlights: Highlight[];
  /** The user's claim types: the colours painted here and the toolbar's choices, as on the page. */
  types: readonly ClaimTypeDef[];
  /** A passage selected here, as a quote selector, to highlight on the live page. */
  onCreate: (selector: Selectors, choice: ToolbarChoice) => void;
}

/** The extracted article, sanitised, in the page's language and direction, with its highlights. */
export function ReaderView({ html, meta, highlights, types, onCreate }: ReaderViewProps) {
  const ref = useRef<HTMLElement>(null);
  const clean = useMemo(() => sanitizeArticle(html), [html]);
  const create = useRef(onCreate);
  create.current = onCreate;

  // Paint the stored highlights, found in the reader's text by quote and context.
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const painter = new Painter(document);
    const index = buildTextIndex(el);
    // The same items the page is painted with; found by quote and context (offsets are the page's).
    for (const item of toPaintItems(highlights, types)) {
      const found = anchorQuote(index, item.selector[0]);
      if (found.status === 'anchored') {
        painter.add(
          item.id,
          found.parts.map(([s, e]) => rangeOf(index, s, e)),
          item.slot,
        );
      }
    }
    return () => painter.clear();
  }, [clean, highlights, types]);

  // The same selection toolbar as on the page, for text selected here.
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const toolbar = new SelectionToolbar(document, (choice, range) => {
      const selector = describeRange(buildTextIndex(el), range);
      document.getSelection()?.removeAllRanges();
      if (selector) create.current(selector, choice);
    });
    toolbar.configure(toolbarSpec(types));
    // Watched as on the page: shown once a selection the user made settles, inside the article only.
    const watching = new AbortController();
    watchSelection(
      document,
      toolbar,
      () => {
        const sel = document.getSelection();
        const range = sel && !sel.isCollapsed && sel.rangeCount ? sel.getRangeAt(0) : null;
        return range && el.contains(range.commonAncestorContainer) && range.toString().trim() ? range : null;
      },
      watching.signal,
    );
    return () => {
      watching.abort();
      toolbar.destroy();
    };
  }, [clean, types]);

  return (
    <article
      ref={ref}
      class="reader"
      aria-label={t('reader_label')}
      lang={meta.lang ?? undefined}
      dir={meta.dir ?? 'auto'}
      // Sanitised by DOMPurify above: no scripts, handlers, frames, forms or styles.
      dangerouslySetInnerHTML={{ __html: clean }}
    />
  );
}
