import { useEffect, useState } from 'preact/hooks';
import { t } from '@/lib/i18n';
import { getRepository } from '@/lib/repository';
import { type Article, CITATION_STYLES, type CitationStyle } from '@/lib/schema';
import { citeArticle, copyText } from '@/lib/ui/export';

/** Props of {@link CitePanel}. */
export interface CitePanelProps {
  article: Article;
  style: CitationStyle;
}

/** The style picker shared by the sidebar's citation and the library's export (saved as a setting). */
export function CitationStyleSelect({ style }: { style: CitationStyle }) {
  return (
    <label class="inline">
      {t('cite_style')}{' '}
      <select
        value={style}
        onChange={(e) => void getRepository().saveSettings({ citationStyle: e.currentTarget.value as CitationStyle })}
      >
        {CITATION_STYLES.map((s) => (
          <option key={s} value={s}>
            {t(`citeStyle_${s}`)}
          </option>
        ))}
      </select>
    </label>
  );
}

/** "Cite this article": the reference in APA, MLA or Chicago, ready to copy. Loads citation-js when opened. */
export function CitePanel({ article, style }: CitePanelProps) {
  const [open, setOpen] = useState(false);
  const [text, setText] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  useEffect(() => {
    if (!open) return;
    let live = true;
    setStatus(null);
    citeArticle(article, style).then(
      (c) => live && setText(c),
      (e) => live && setStatus(t('cite_failed', String(e))),
    );
    return () => {
      live = false;
    };
  }, [open, article, style]);
  return (
    <details class="cite" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>{t('cite_title')}</summary>
      <div class="row">
        <CitationStyleSelect style={style} />
        <button
          type="button"
          disabled={!text}
          onClick={() =>
            text &&
            copyText(text).then(
              () => setStatus(t('cite_copied')),
              (e) => setStatus(t('cite_failed', String(e))),
            )
          }
        >
          {t('cite_copy')}
        </button>
      </div>
      <p class="citation" dir="auto" lang={article.lang ?? undefined}>
        {text ?? t('sidebar_loading')}
      </p>
      {status ? (
        <p class="hint" role="status">
          {status}
        </p>
      ) : null}
    </details>
  );
}
