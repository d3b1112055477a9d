import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { openSidebarOnActionClick } from '@/lib/background/sidebar';

describe('the toolbar button opens the sidebar', () => {
  it('in Chrome, by letting the action open the side panel', () => {
    const setPanelBehavior = vi.fn(async () => undefined);
    const b = fakeBrowser as unknown as Record<string, unknown>;
    b.sidePanel = { setPanelBehavior };
    openSidebarOnActionClick();
    expect(setPanelBehavior).toHaveBeenCalledWith({ openPanelOnActionClick: true });
    delete b.sidePanel;
  });

  it('in Firefox, by toggling the sidebar on a click of the (MV2) browser action', async () => {
    const toggle = vi.fn(async () => undefined);
    const listeners: (() => void)[] = [];
    const b = fakeBrowser as unknown as Record<string, unknown>;
    const action = b.action;
    b.action = undefined;
    b.browserAction = { onClicked: { addListener: (l: () => void) => listeners.push(l) } };
    b.sidebarAction = { toggle };
    openSidebarOnActionClick();
    for (const l of listeners) l();
    expect(toggle).toHaveBeenCalledTimes(1);
    b.action = action;
  });
});
