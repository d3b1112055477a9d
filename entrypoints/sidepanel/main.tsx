import { render } from 'preact';
import { LanguageGate } from '@/components/shared/LanguageGate';
import { SidebarApp } from '@/components/sidebar/SidebarApp';
import { applyLanguage, rememberedLanguage } from '@/lib/i18n/language';
import { getRepository } from '@/lib/store/repository';
import { settledWithin, startUiPage } from '@/lib/ui/page';
import { ensurePersistentStorage } from '@/lib/ui/storage';
import { prefetchStored } from '@/lib/ui/use-article';
import { forgetPrefetched, prefetchSettings } from '@/lib/ui/use-settings';
import { prefetchTab } from '@/lib/ui/use-tab';
import '@/components/shared/ui.css';

// User Timing for the benchmark: when the sidebar's own code began.
performance.mark('marginalia-sidebar-start');
/** The longest the first render waits for what it shows. */
const FIRST_RENDER_WAIT_MS = 200;
startUiPage('sidebar_title');
// Ask once for storage the browser will not evict: a reader's highlights are hours of work.
void ensurePersistentStorage();
const tabId = Number(new URLSearchParams(location.search).get('tabId'));
const fixedTabId = Number.isInteger(tabId) && tabId > 0 ? tabId : null;
// Start what the first view shows (the tab's page's stored highlights, the settings, the language's
// messages) and render once they are in, or after FIRST_RENDER_WAIT_MS: an empty sidebar rendered
// first, then again with them, held the thread the database's answers wait on and made everything
// twice (a scratch run: cards shown 58 → 45 ms after this line, median).
void getRepository()
  .open()
  .catch(() => undefined);
const firstView = [
  prefetchStored(prefetchTab(fixedTabId).then((tab) => tab?.url)),
  prefetchSettings(),
  applyLanguage(rememberedLanguage()),
];
void settledWithin(firstView, FIRST_RENDER_WAIT_MS).then(() => {
  render(
    <LanguageGate titleKey="sidebar_title">
      <SidebarApp fixedTabId={fixedTabId} />
    </LanguageGate>,
    document.getElementById('app') as HTMLElement,
  );
  forgetPrefetched();
});
