import { render } from 'preact';
import { LanguageGate } from '@/components/LanguageGate';
import { SidebarApp } from '@/components/SidebarApp';
import { startUiPage } from '@/lib/ui/page';
import { ensurePersistentStorage } from '@/lib/ui/storage';
import '@/components/ui.css';

// User Timing for the benchmark: when the sidebar's own code began.
performance.mark('marginalia-sidebar-start');
startUiPage('sidebar_title');
// Ask once for storage the browser will not evict: a reader's highlights are hours of work.
void ensurePersistentStorage();
const tabId = Number(new URLSearchParams(location.search).get('tabId'));
render(
  <LanguageGate titleKey="sidebar_title">
    <SidebarApp fixedTabId={Number.isInteger(tabId) && tabId > 0 ? tabId : null} />
  </LanguageGate>,
  document.getElementById('app') as HTMLElement,
);
