import { useState } from 'preact/hooks';
import { CLAIM_TYPES } from '@/lib/claim-types';
import { t } from '@/lib/i18n';
import { articleToMarkdown, markdownFileName } from '@/lib/markdown';
import { sendToTab } from '@/lib/protocol';
import { getRepository, type HighlightPatch } from '@/lib/repository';
import type { Highlight } from '@/lib/schema';
import { downloadText } from '@/lib/ui/download';
import { useArticle } from '@/lib/ui/use-article';
import { useSidebarMessages } from '@/lib/ui/use-sidebar-messages';
import { useTab } from '@/lib/ui/use-tab';
import { ArticleHeader } from './ArticleHeader';
import { HighlightCard } from './HighlightCard';
import { UndoToast } from './UndoToast';

/** Props of {@link SidebarApp}. */
export interface SidebarAppProps {
  /** A fixed tab to work on; null follows the active tab. */
  fixedTabId: number | null;
}

/** The sidebar: the article in the tab, its highlights in article order, and their editing. */
export function SidebarApp({ fixedTabId }: SidebarAppProps) {
  const repo = getRepository();
  const tab = useTab(fixedTabId);
  const { meta, article, highlights, orphans, applyResults, loading } = useArticle(tab);
  const focused = useSidebarMessages(tab.tabId, applyResults);
  const [deleted, setDeleted] = useState<Highlight | null>(null);
  const [error, setError] = useState<string | null>(null);

  const guard = async (write: () => Promise<unknown>) => {
    try {
      await write();
      setError(null);
    } catch (e) {
      setError(t('error_saveFailed', e instanceof Error ? e.message : String(e)));
    }
  };
  const update = (id: string) => (patch: HighlightPatch) => guard(() => repo.updateHighlight(id, patch));
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
      const candidate = orphans.get(id)?.candidate;
      if (candidate) await repo.reattachHighlight(id, candidate);
    });
  const shownMeta = meta ?? article ?? null;
  const exportMarkdown = () => {
    if (!article) return;
    const labels = Object.fromEntries(CLAIM_TYPES.map((c) => [c, t(`claimType_${c}`)]));
    const md = articleToMarkdown(article, highlights, { exportedAt: new Date(), labels });
    downloadText(markdownFileName(article.title), md);
  };
  const found = highlights.filter((h) => !orphans.has(h.id));
  const missing = highlights.filter((h) => orphans.has(h.id));
  const card = (h: Highlight) => (
    <li key={h.id}>
      <HighlightCard
        highlight={h}
        orphan={orphans.get(h.id)}
        focused={focused === h.id}
        onUpdate={update(h.id)}
        onDelete={() => remove(h.id)}
        onShow={() => show(h.id)}
        onAccept={() => accept(h.id)}
        onReattach={() => reattach(h.id)}
      />
    </li>
  );

  return (
    <main class="sidebar">
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
      {tab.status === 'ready' && highlights.length === 0 ? <p class="empty">{t('sidebar_empty')}</p> : null}
      {found.length > 0 ? (
        <section aria-labelledby="h-list">
          <h2 id="h-list">{t('sidebar_highlights')}</h2>
          <ol class="cards">{found.map(card)}</ol>
        </section>
      ) : null}
      {missing.length > 0 ? (
        <section aria-labelledby="h-missing" class="missing">
          <h2 id="h-missing">{t('sidebar_notFound')}</h2>
          <p class="hint">{t('sidebar_notFoundHelp')}</p>
          <ol class="cards">{missing.map(card)}</ol>
        </section>
      ) : null}
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
