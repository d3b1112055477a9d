/**
 * Browser UI that highlights the page's selection: the context-menu entry and the keyboard
 * shortcut. Both are trusted browser actions, so the page side acts on them.
 */
import { browser } from 'wxt/browser';
import { t } from '../i18n';
import { sendToTab } from '../messaging';
import { ensureAnnotator } from './inject';

/** The context-menu entry's id and the command's name (see wxt.config.ts). */
export const MENU_ID = 'marginalia-highlight-selection';
export const COMMAND = 'highlight-selection';

/** Injects the annotator if needed and highlights the selection in the tab. */
export async function highlightSelectionIn(tabId: number): Promise<string | null> {
  const { attached } = await ensureAnnotator(tabId);
  if (!attached) return null;
  const { id } = await sendToTab(tabId, { type: 'page.highlightSelection', claimType: null });
  return id;
}

/** Names the context-menu entry in the language in effect (after the user changes it). */
export async function retitleMenu(): Promise<void> {
  await browser.contextMenus.update(MENU_ID, { title: t('menu_highlightSelection') });
}

/** Registers the context-menu entry and the keyboard command. */
export function registerUserActions(): void {
  const menus = browser.contextMenus;
  void menus
    .removeAll()
    .then(() => menus.create({ id: MENU_ID, title: t('menu_highlightSelection'), contexts: ['selection'] }));
  menus.onClicked.addListener((info, tab) => {
    if (info.menuItemId === MENU_ID && tab?.id !== undefined) void highlightSelectionIn(tab.id).catch(() => null);
  });
  browser.commands.onCommand.addListener((command, tab) => {
    if (command !== COMMAND) return;
    void (async () => {
      const id = tab?.id ?? (await browser.tabs.query({ active: true, currentWindow: true }))[0]?.id;
      if (id !== undefined) await highlightSelectionIn(id);
    })().catch(() => null);
  });
}
