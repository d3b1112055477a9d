import { useEffect, useMemo, useState } from 'preact/hooks';
import type { Selectors } from '@/lib/anchoring/anchor';
import type { ToolbarChoice } from '@/lib/highlighting/toolbar';
import { t } from '@/lib/i18n';
import { sendToTab } from '@/lib/messaging';
import type { Highlight } from '@/lib/schema';
import { getRepository, type HighlightPatch } from '@/lib/store/repository';
import { moveFocus, step } from '@/lib/ui/keyboard';
import { copyText, quoteWithCitation, runExport } from '@/lib/ui/run-export';
import type { WriteOutcome } from '@/lib/ui/storage';
import { useArticle } from '@/lib/ui/use-article';
import { useLiveQuery } from '@/lib/ui/use-live-query';
import { useClaimTypes, useSettings } from '@/lib/ui/use-settings';
import { useSidebarMessages } from '@/lib/ui/use-sidebar-messages';
import { useTab } from '@/lib/ui/use-tab';
import { useView } from '@/lib/ui/use-view';
import { writeErrorMessage } from '@/lib/write-errors';
import { CitePanel } from '../shared/CitePanel';
import { HelpPanel } from '../shared/HelpPanel';
import { LowSpaceNotice } from '../shared/LowSpaceNotice';
import { Tabs } from '../shared/Tabs';
import { ArticleChanged } from './ArticleChanged';
import { ArticleHeader } from './ArticleHeader';
import { type CardFilter, FilterBar, NO_FILTER, passes } from './FilterBar';
import { HighlightList } from './HighlightList';
import { NoteEditor } from './NoteEditor';
import type { ReaderView as ReaderViewType } from './ReaderView';
import { UndoToast } from './UndoToast';

/** Props of {@link SidebarApp}. */
export interface SidebarAppProps {
  /** A fixed tab to work on; null follows the active tab. */
  fixedTabId: number | null;
}

/** The sidebar: the article in the tab, its highlights in article order, and their editing. */
const SIDEBAR_VIEWS = ['highlights', 'reader'] as const;

export function SidebarApp({ fixedTabId }: SidebarAppProps) {
  const repo = getRepository();
  const tab = useTab(fixedTabId);
  const { meta, content, article, highlights, placements, applyResults, changes, loading } = useArticle(tab);
  const [view, setView] = useView(SIDEBAR_VIEWS, 'highlights');
  const focused = useSidebarMessages(tab.tabId, applyResults);
  // A highlight clicked on the page is shown in the list, whatever view was open.
  useEffect(() => {
    if (focused) setView('highlights');
  }, [focused]);
  const [deleted, setDeleted] = useState<Highlight | null>(null);
  const [error, setError] = useState<string | null>(null);
  const types = useClaimTypes();
  const { settings } = useSettings();
  // The reader view (sanitiser, painter) loads when its tab is first opened.
  const [Reader, setReader] = useState<typeof ReaderViewType | null>(null);
  useEffect(() => {
    if (view === 'reader' && !Reader) void import('./ReaderView').then((m) => setReader(() => m.ReaderView));
  }, [view, Reader]);
  // Autocomplete needs the names only: the tag index's distinct keys, not a count per highlight.
  const [allTags] = useLiveQuery(() => repo.allTags(), [], [] as string[]);
  const [filter, setFilter] = useState<CardFilter>(NO_FILTER);
  const shown = useMemo(() => highlights.filter((h) => passes(h, filter)), [highlights, filter]);
  // A new article starts unfiltered.
  useEffect(() => setFilter(NO_FILTER), [article?.id]);
  // J / K move between cards (outside text fields).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const direction = step(e);
      if (direction) {
        e.preventDefault();
        moveFocus(document, '.card button.quote, .card.orphan', direction);
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  /** Runs a write; a failure is said in words, and returned so the control used can say it too. */
  const guard = async (write: () => Promise<unknown>): Promise<WriteOutcome> => {
    try {
      await write();
      setError(null);
      return null;
    } catch (e) {
      const message = writeErrorMessage(e);
      setError(message);
      return message;
    }
  };
  const update = (id: string, patch: HighlightPatch) => guard(() => repo.updateHighlight(id, patch));
  const remove = (id: string) => void guard(async () => setDeleted((await repo.deleteHighlight(id)) ?? null));
  const show = (id: string) =>
    tab.tabId !== null && void sendToTab(tab.tabId, { type: 'page.scrollTo', id }).catch(() => undefined);
  const reattach = (id: string) =>
    void guard(async () => {
      if (tab.tabId === null) return;
      const { selector } = await sendToTab(tab.tabId, { type: 'page.describeSelection' });
      if (!selector) throw new Error(t('orphan_selectFirst'));
      await repo.reattachHighlight(id, selector);
    });
  const accept = (id: string) =>
    void guard(async () => {
      const candidate = placements.get(id)?.candidate;
      if (candidate) await repo.reattachHighlight(id, candidate);
    });
  const keep = (id: string) =>
    void guard(async () => {
      const now = placements.get(id)?.candidate?.[0].exact;
      if (now) await repo.keepOriginal(id, now);
    });
  const createFromReader = (selector: Selectors, claimType: ToolbarChoice) =>
    void guard(async () => {
      if (tab.tabId === null) return;
      const { id } = await sendToTab(tab.tabId, { type: 'page.createFromQuote', selector, claimType });
      if (!id) throw new Error(t('reader_notOnPage'));
    });
  const shownMeta = meta ?? article ?? null;
  const exportMarkdown = () =>
    void guard(async () => {
      if (article)
        // Highlights come from the repository in article order already.
        await runExport([{ article, highlights }], 'markdown', settings, types);
    });
  // Said on the card, next to the button (the top of the sidebar may be scrolled out of view).
  const copy = async (id: string): Promise<string> => {
    const failed = await guard(async () => {
      const h = highlights.find((x) => x.id === id);
      if (!article || !h) throw new Error(t('cite_copyFailed'));
      await copyText(await quoteWithCitation(article, h, settings.citationStyle));
    });
    return failed ?? t('cite_copiedQuote');
  };
  return (
    <main class="sidebar">
      <LowSpaceNotice recheck={error} />
      {tab.error ? (
        <p class="notice" role="alert">
          {t(tab.error)}
        </p>
      ) : null}
      {error ? (
        <p class="notice" role="alert">
          {error}
        </p>
      ) : null}
      {loading && !shownMeta ? (
        <p class="loading" role="status">
          {t('sidebar_loading')}
        </p>
      ) : null}
      {shownMeta ? (
        <ArticleHeader
          meta={shownMeta}
          highlights={highlights}
          onExport={article && highlights.length ? exportMarkdown : null}
        />
      ) : null}
      {article && changes && article.baseline ? (
        <ArticleChanged
          changes={changes}
          since={article.baseline.at}
          highlights={highlights}
          lang={shownMeta?.lang ?? null}
        />
      ) : null}
      {article ? <CitePanel article={article} style={settings.citationStyle} /> : null}
      {article ? (
        <section class="page-note" aria-labelledby="page-note-h">
          <h2 id="page-note-h">{t('pageNote_title')}</h2>
          <NoteEditor
            note={article.note}
            label={t('pageNote_title')}
            addLabel={t('pageNote_add')}
            onSave={(note) => guard(() => repo.updateArticleNote(article.id, note))}
          />
        </section>
      ) : null}
      <Tabs
        label={t('tabs_label')}
        tabs={[
          { key: 'highlights', label: t('tab_highlights') },
          { key: 'reader', label: t('tab_reader') },
        ]}
        selected={view}
        onSelect={setView}
      />
      {view === 'highlights' ? (
        <div role="tabpanel" id="panel-highlights" aria-labelledby="tab-highlights">
          {tab.status === 'ready' && highlights.length === 0 ? (
            <div class="empty-state">
              <p class="empty">{t('sidebar_empty')}</p>
              <p class="hint">{t('sidebar_emptyHow')}</p>
            </div>
          ) : null}
          <FilterBar highlights={highlights} types={types} filter={filter} onChange={setFilter} />
          {shown.length < highlights.length ? (
            <p class="hint" role="status">
              {t('filter_showing', [String(shown.length), String(highlights.length)])}
            </p>
          ) : null}
          <HighlightList
            highlights={shown}
            types={types}
            allTags={allTags}
            placements={placements}
            lang={shownMeta?.lang ?? null}
            focused={focused}
            actions={{ update, remove, show, accept, reattach, keep, copy }}
          />
        </div>
      ) : (
        <div role="tabpanel" id="panel-reader" aria-labelledby="tab-reader">
          {content && meta && Reader ? (
            <Reader html={content} meta={meta} highlights={highlights} types={types} onCreate={createFromReader} />
          ) : (
            <p class="empty">{loading ? t('sidebar_loading') : t('reader_unavailable')}</p>
          )}
        </div>
      )}
      <HelpPanel place="sidebar" />
      {deleted ? (
        <UndoToast
          message={t('card_deleted')}
          onUndo={() =>
            void guard(async () => {
              await repo.restoreHighlight(deleted);
              setDeleted(null);
            })
          }
        />
      ) : null}
    </main>
  );
}
