import { useEffect, useRef, useState } from 'preact/hooks';
import type { ClaimTypeDef } from '@/lib/claim-types';
import type { ExportGroup } from '@/lib/export/exporter';
import { EXPORT_FORMATS, type ExportFormat } from '@/lib/export/formats';
import { t, tn } from '@/lib/i18n';
import { type CitationStyle, MARKDOWN_TEMPLATES, type MarkdownTemplate, type Settings } from '@/lib/schema';
import { getRepository } from '@/lib/store/repository';
import { formatNumber } from '@/lib/ui/format';
import { runExport } from '@/lib/ui/run-export';
import { writeErrorKey } from '@/lib/ui/storage';
import { CitationStyleSelect } from '../shared/CitePanel';

/** One choice of what to export, with its groups computed when chosen. */
export interface ExportScope {
  key: string;
  label: string;
  groups: () => ExportGroup[];
}

/** Props of {@link ExportDialog}. */
export interface ExportDialogProps {
  scopes: ExportScope[];
  settings: Settings;
  types: readonly ClaimTypeDef[];
  onClose: () => void;
}

/** What to export, in which format and layout, with a progress bar while it runs. */
export function ExportDialog({ scopes, settings, types, onClose }: ExportDialogProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [scope, setScope] = useState(scopes[0]?.key ?? '');
  const [format, setFormat] = useState<ExportFormat>('markdown-zip');
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [status, setStatus] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  // The layout and citation style are the dialog's own, and are remembered as settings.
  const [template, setTemplate] = useState<MarkdownTemplate>(settings.markdownTemplate);
  const [citationStyle, setCitationStyle] = useState<CitationStyle>(settings.citationStyle);
  // citeproc takes ~5 ms an article: on by default, and a choice for very large exports.
  const [withCitations, setWithCitations] = useState(true);
  const remember = (patch: Partial<Pick<Settings, 'markdownTemplate' | 'citationStyle'>>) =>
    getRepository()
      .saveSettings(patch)
      .catch((e) => setStatus({ kind: 'error', text: t(writeErrorKey(e), String(e)) }));
  useEffect(() => {
    dialog.current?.showModal();
  }, []);
  const markdown = format === 'markdown' || format === 'markdown-zip';
  const start = async () => {
    const chosen = scopes.find((s) => s.key === scope);
    if (!chosen) return;
    const groups = chosen.groups();
    const count = groups.reduce((n, g) => n + g.highlights.length, 0);
    setStatus(null);
    setProgress({ done: 0, total: groups.length });
    try {
      await runExport(
        groups,
        format,
        { markdownTemplate: template, citationStyle: withCitations ? citationStyle : null },
        types,
        (done, total) => setProgress({ done, total }),
      );
      setStatus({
        kind: 'ok',
        text: t('export_done', [tn('library_highlightCount', count), tn('library_articleCount', groups.length)]),
      });
    } catch (e) {
      setStatus({ kind: 'error', text: t('export_failed', t(writeErrorKey(e), String(e))) });
    } finally {
      setProgress(null);
    }
  };
  return (
    <dialog ref={dialog} class="export-dialog" aria-labelledby="export-h" onClose={onClose}>
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          void start();
        }}
      >
        <h2 id="export-h">{t('export_title')}</h2>
        <fieldset>
          <legend>{t('export_scope')}</legend>
          {scopes.map((s) => (
            <label key={s.key} class="choice">
              <input type="radio" name="scope" checked={scope === s.key} onChange={() => setScope(s.key)} />
              {s.label}
            </label>
          ))}
        </fieldset>
        <label class="field">
          <span aria-hidden="true">{t('export_format')}</span>
          <select
            aria-label={t('export_format')}
            value={format}
            onChange={(e) => setFormat(e.currentTarget.value as ExportFormat)}
          >
            {EXPORT_FORMATS.map((f) => (
              <option key={f} value={f}>
                {t(`format_${f.replace('-', '_')}`)}
              </option>
            ))}
          </select>
        </label>
        {markdown ? (
          <fieldset>
            <legend>{t('export_template')}</legend>
            {MARKDOWN_TEMPLATES.map((m) => (
              <label key={m} class="choice">
                <input
                  type="radio"
                  name="template"
                  checked={template === m}
                  onChange={() => {
                    setTemplate(m);
                    void remember({ markdownTemplate: m });
                  }}
                />
                {t(`template_${m}`)}
              </label>
            ))}
          </fieldset>
        ) : null}
        {markdown ? (
          <label class="choice">
            <input
              type="checkbox"
              checked={withCitations}
              onChange={(e) => setWithCitations(e.currentTarget.checked)}
            />
            {t('export_withCitations')}
          </label>
        ) : null}
        {markdown && withCitations ? (
          <CitationStyleSelect
            style={citationStyle}
            onChange={(style) => {
              setCitationStyle(style);
              void remember({ citationStyle: style });
            }}
          />
        ) : null}
        {progress ? (
          <div class="progress" role="status">
            <progress max={Math.max(progress.total, 1)} value={progress.done} aria-label={t('export_progress')} />{' '}
            {formatNumber(progress.done)} / {formatNumber(progress.total)}
          </div>
        ) : null}
        {status ? (
          <p class={status.kind === 'error' ? 'notice' : 'hint'} role={status.kind === 'error' ? 'alert' : 'status'}>
            {status.text}
          </p>
        ) : null}
        <div class="row">
          <span class="spacer" />
          <button type="button" onClick={() => dialog.current?.close()}>
            {t('export_close')}
          </button>
          <button type="submit" class="primary" disabled={progress !== null}>
            {t('export_run')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
