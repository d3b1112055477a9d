import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { followSettings } from '@/lib/background';
import { PAGE_SCRIPT } from '@/lib/background/inject';
import { COMMAND, MENU_ID, registerUserActions } from '@/lib/background/user-actions';
import type { Messages } from '@/lib/i18n';
import { applyLanguage } from '@/lib/i18n/language';
import { freshRepository } from '../support/factories';

type Listener = (...args: unknown[]) => unknown;

/** Stubs what fakeBrowser leaves unimplemented, recording what the background does with a tab. */
function stubBrowser() {
  const sent: unknown[] = [];
  const commandListeners: Listener[] = [];
  const menuListeners: Listener[] = [];
  let injected = false;
  const b = fakeBrowser as unknown as Record<string, Record<string, unknown>>;
  b.contextMenus = {
    create: vi.fn(),
    removeAll: vi.fn(async () => undefined),
    onClicked: { addListener: (l: Listener) => menuListeners.push(l) },
  };
  b.commands = { onCommand: { addListener: (l: Listener) => commandListeners.push(l) } };
  b.scripting = {
    insertCSS: vi.fn(async () => undefined),
    getRegisteredContentScripts: vi.fn(async () => []),
    registerContentScripts: vi.fn(async () => undefined),
    executeScript: vi.fn(async () => {
      injected = true;
      return [];
    }),
  };
  b.tabs = {
    ...b.tabs,
    get: vi.fn(async (id: number) => ({ id, url: 'https://news.example/a' })),
    query: vi.fn(async () => [{ id: 9, url: 'https://news.example/a' }]),
    sendMessage: vi.fn(async (_tabId: number, message: { type: string }) => {
      sent.push(message);
      if (!injected) throw new Error('Could not establish connection');
      return message.type === 'page.highlightSelection'
        ? { ok: true, data: { id: 'h1' } }
        : { ok: true, data: { ready: true } };
    }),
  };
  const click = (info: unknown, tab: unknown) => Promise.all(menuListeners.map((l) => l(info, tab)));
  return { sent, click, commandListeners, scripting: b.scripting as Record<string, ReturnType<typeof vi.fn>> };
}

describe('context menu and keyboard shortcut', () => {
  it('registers "Highlight selection" for selections', async () => {
    stubBrowser();
    registerUserActions();
    await vi.waitFor(() =>
      expect(fakeBrowser.contextMenus.create).toHaveBeenCalledWith({
        id: MENU_ID,
        title: 'Highlight selection',
        contexts: ['selection'],
      }),
    );
  });

  it('re-titles the entry when the user changes the language, and back', async () => {
    stubBrowser();
    const update = vi.fn(async () => undefined);
    (fakeBrowser.contextMenus as unknown as Record<string, unknown>).update = update;
    const { repo } = freshRepository();
    const load = async (language: string) =>
      JSON.parse(readFileSync(`public/_locales/${language}/messages.json`, 'utf8')) as Messages;
    const following = followSettings(repo, load);
    try {
      await vi.waitFor(() => expect(update).toHaveBeenLastCalledWith(MENU_ID, { title: 'Highlight selection' }));
      await repo.saveSettings({ language: 'vi' });
      await vi.waitFor(() => expect(update).toHaveBeenLastCalledWith(MENU_ID, { title: 'Đánh dấu đoạn đã chọn' }));
      await repo.saveSettings({ language: 'en' });
      await vi.waitFor(() => expect(update).toHaveBeenLastCalledWith(MENU_ID, { title: 'Highlight selection' }));
    } finally {
      following.unsubscribe();
      await applyLanguage('auto');
    }
  });

  it('injects the annotator when needed, then highlights the selection of the clicked tab', async () => {
    const { sent, click, scripting } = stubBrowser();
    registerUserActions();
    await click({ menuItemId: MENU_ID }, { id: 4 });
    await vi.waitFor(() => expect(sent).toContainEqual({ type: 'page.highlightSelection', claimType: null }));
    expect(scripting.executeScript).toHaveBeenCalledWith({
      target: { tabId: 4 },
      files: [PAGE_SCRIPT],
      injectImmediately: true,
    });
    // No stylesheet file: the page side's per-load paint names are styled when it reports in.
    expect(scripting.insertCSS).not.toHaveBeenCalled();
  });

  it('does the same for the keyboard command, on the active tab', async () => {
    const { sent, commandListeners } = stubBrowser();
    registerUserActions();
    for (const l of commandListeners) l(COMMAND, undefined);
    await vi.waitFor(() => expect(sent).toContainEqual({ type: 'page.highlightSelection', claimType: null }));
  });

  it('ignores other menu entries and commands', async () => {
    const { sent, click, commandListeners } = stubBrowser();
    registerUserActions();
    await click({ menuItemId: 'other' }, { id: 4 });
    for (const l of commandListeners) l('_execute_action', { id: 4 });
    // Then the real command: once its highlight is asked for, the ignored ones have had their turn
    // (they started first) and asked for none.
    for (const l of commandListeners) l(COMMAND, { id: 5 });
    await vi.waitFor(() => expect(sent).toContainEqual({ type: 'page.highlightSelection', claimType: null }));
    expect(sent.filter((m) => (m as { type: string }).type === 'page.highlightSelection')).toHaveLength(1);
  });
});
