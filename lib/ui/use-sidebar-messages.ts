/**
 * What the background tells the sidebar about its tab: a painted highlight was clicked (focus its
 * card), or the page anchored highlights by itself (late content, in-page navigation).
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { isExtensionPage, type Sender, serve } from '../messaging';
import { type PaintResult, SidebarMessage } from '../protocol';

/** The id of the highlight last clicked on the page of `tabId`; results go to `onResults`. */
export function useSidebarMessages(tabId: number | null, onResults: (results: PaintResult[]) => void): string | null {
  // A fresh object per click, so clicking the same highlight again scrolls to it again.
  const [focused, setFocused] = useState<{ id: string } | null>(null);
  const current = useRef({ tabId, onResults });
  current.current = { tabId, onResults };
  useEffect(() => {
    // Only the background (no tab, extension origin) sends these.
    const fromBackground = (_m: SidebarMessage, sender: Sender) => !sender.tab || isExtensionPage(sender);
    const receiver = serve(
      SidebarMessage,
      {
        'sidebar.focus': (m) => {
          if (m.tabId === current.current.tabId) setFocused({ id: m.id });
          return {};
        },
        'sidebar.anchored': (m) => {
          if (m.tabId === current.current.tabId) current.current.onResults(m.results);
          return {};
        },
      },
      fromBackground,
    );
    // The sidebar's tree remounts (a language change): the old listener must not live on.
    return () => receiver.stop();
  }, []);
  useEffect(() => {
    if (!focused) return;
    const card = document.querySelector<HTMLElement>(`[data-highlight-id="${CSS.escape(focused.id)}"]`);
    card?.scrollIntoView({ block: 'center', behavior: 'smooth' });
    card?.focus();
  }, [focused]);
  return focused?.id ?? null;
}
