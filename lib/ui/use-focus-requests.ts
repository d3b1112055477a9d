/** Listens for the page asking the sidebar to show a highlight (the user clicked it on the page). */
import { useEffect, useRef, useState } from 'preact/hooks';
import { isExtensionPage, type Sender, SidebarMessage, serve } from '../protocol';

/** The id of the highlight last clicked on the page of `tabId`. */
export function useFocusRequests(tabId: number | null): [string | null, (id: string | null) => void] {
  const [focused, setFocused] = useState<string | null>(null);
  const tabRef = useRef(tabId);
  tabRef.current = tabId;
  useEffect(() => {
    // Only the background (no tab, extension origin) sends these.
    const fromBackground = (_m: SidebarMessage, sender: Sender) => !sender.tab || isExtensionPage(sender);
    serve(
      SidebarMessage,
      {
        'sidebar.focus': (m) => {
          if (m.tabId === tabRef.current) setFocused(m.id);
          return {};
        },
      },
      fromBackground,
    );
  }, []);
  useEffect(() => {
    if (!focused) return;
    const card = document.querySelector<HTMLElement>(`[data-highlight-id="${CSS.escape(focused)}"]`);
    card?.scrollIntoView({ block: 'center', behavior: 'smooth' });
    card?.focus();
  }, [focused]);
  return [focused, setFocused];
}
