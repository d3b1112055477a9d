import { render } from 'preact';
import { LanguageGate } from '@/components/shared/LanguageGate';
import { SidebarApp } from '@/components/sidebar/SidebarApp';
import { getRepository } from '@/lib/store/repository';
import { startUiPage } from '@/lib/ui/page';
import { ensurePersistentStorage } from '@/lib/ui/storage';
import { prefetchStored } from '@/lib/ui/use-article';
import { prefetchTab } from '@/lib/ui/use-tab';
import '@/components/shared/ui.css';

// User Timing for the benchmark: when the sidebar's own code began.
performance.mark('marginalia-sidebar-start');
startUiPage('sidebar_title');
// Ask once for storage the browser will not evict: a reader's highlights are hours of work.
void ensurePersistentStorage();
const tabId = Number(new URLSearchParams(location.search).get('tabId'));
const fixedTabId = Number.isInteger(tabId) && tabId > 0 ? tabId : null;
// Start what the first view waits on (the tab, the database) before rendering it.
void getRepository()
  .open()
  .catch(() => undefined);
prefetchStored(prefetchTab(fixedTabId).then((tab) => tab?.url));
render(
  <LanguageGate titleKey="sidebar_title">
    <SidebarApp fixedTabId={fixedTabId} />
  </LanguageGate>,
  document.getElementById('app') as HTMLElement,
);
