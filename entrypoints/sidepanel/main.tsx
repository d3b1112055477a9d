import { render } from 'preact';
import { SidebarApp } from '@/components/SidebarApp';
import { startUiPage } from '@/lib/ui/page';
import '@/components/ui.css';

startUiPage('sidebar_title');
const tabId = Number(new URLSearchParams(location.search).get('tabId'));
render(
  <SidebarApp fixedTabId={Number.isInteger(tabId) && tabId > 0 ? tabId : null} />,
  document.getElementById('app') as HTMLElement,
);
