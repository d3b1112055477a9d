/** The toolbar button opens the sidebar: Chrome's side panel, or Firefox's sidebar_action. */
import { browser } from 'wxt/browser';

interface SidePanelApi {
  setPanelBehavior(options: { openPanelOnActionClick: boolean }): Promise<void>;
}
interface ActionApi {
  onClicked: { addListener(listener: () => void): void };
}

/** Wires the toolbar button to the sidebar of the browser we run in. */
export function openSidebarOnActionClick(): void {
  const b = browser as unknown as {
    sidePanel?: SidePanelApi;
    action?: ActionApi;
    browserAction?: ActionApi;
    sidebarAction?: { toggle(): Promise<void> };
  };
  if (b.sidePanel) {
    void b.sidePanel.setPanelBehavior({ openPanelOnActionClick: true });
    return;
  }
  // Firefox: toggle() must run inside the click's user gesture, so call it synchronously.
  (b.action ?? b.browserAction)?.onClicked.addListener(() => void b.sidebarAction?.toggle());
}
