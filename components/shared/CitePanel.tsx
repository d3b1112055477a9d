import { useEffect, useState } from 'preact/hooks';
import { t } from '@/lib/i18n';
import { type Article, CITATION_STYLES, type CitationStyle } from '@/lib/schema';
import { getRepository } from '@/lib/store/repository';
import { citeArticle, copyText, type Rich } from '@/lib/ui/run-export';

/** Props of {@link CitePanel}. */
export interface CitePanelProps {
  article: Article;
  style: CitationStyle;
}

/** The style picker shared by the sidebar's citation and the library's export. */
export function CitationStyleSelect({
  style,
  onChange,
}: {
  style: CitationStyle;
  onChange: (s: CitationStyle) => void;
}) {
  return (
    <label class="inline">
      <span aria-hidden="true">{t('cite_style')}</span>{' '}
      <select
        aria-label={t('cite_style')}
        value={style}
        onChange={(e) => onChange(e.currentTarget.value as CitationStyle)}
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

/** "Cite this article": the reference in APA, MLA or Chicago, ready to copy. Loads citeproc-js when opened. */
export function CitePanel({ article, style: saved }: CitePanelProps) {
  const [open, setOpen] = useState(false);
  // Shown at once, remembered as a setting (which also sets the style of "Copy quote with citation").
  const [style, setStyle] = useState<CitationStyle>(saved);
  useEffect(() => setStyle(saved), [saved]);
  const [cited, setCited] = useState<Rich | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  useEffect(() => {
    if (!open) return;
    let live = true;
    setStatus(null);
    citeArticle(article, style).then(
      (c) => live && setCited(c),
      (e) => live && setStatus(t('cite_failed', String(e))),
    );
    return () => {
      live = false;
    };
  }, [open, article, style]);
  return (
    <section class="cite" aria-label={t('cite_title')}>
      <button type="button" class="link" aria-expanded={open} onClick={() => setOpen(!open)}>
        {t('cite_title')}
      </button>
      {open ? (
        <div class="cite-body">
          <div class="row">
            <CitationStyleSelect
              style={style}
              onChange={(next) => {
                setStyle(next);
                getRepository()
                  .saveSettings({ citationStyle: next })
                  .catch((e) => setStatus(t('cite_failed', String(e))));
              }}
            />
            <button
              type="button"
              disabled={!cited}
              onClick={() =>
                cited &&
                copyText(cited).then(
                  () => setStatus(t('cite_copied')),
                  (e) => setStatus(t('cite_failed', String(e))),
                )
              }
            >
              {t('cite_copy')}
            </button>
          </div>
          <p class="citation" dir="auto" lang={article.lang ?? undefined}>
            {cited?.text ?? t('sidebar_loading')}
          </p>
          {status ? (
            <p class="hint" role="status">
              {status}
            </p>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
