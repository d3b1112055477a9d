import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { t } from '@/lib/i18n';
import { SHORTCUTS, type Shortcut } from '@/lib/ui/keyboard';

/** The keys the browser has assigned to its commands now (the user may have changed them). */
function useCommandKeys(): Record<string, string> {
  const [keys, setKeys] = useState<Record<string, string>>({});
  useEffect(() => {
    void browser.commands
      ?.getAll()
      .then((commands) => {
        const found: Record<string, string> = {};
        for (const c of commands) if (c.name && c.shortcut) found[c.name] = c.shortcut;
        // Firefox names the sidebar's command differently.
        if (found._execute_sidebar_action) found._execute_action = found._execute_sidebar_action;
        setKeys(found);
      })
      .catch(() => undefined);
  }, []);
  return keys;
}

/** A folded panel listing the keyboard shortcuts of the sidebar or the library (lib/ui/keyboard.ts). */
export function HelpPanel({ place }: { place: 'sidebar' | 'library' }) {
  const commandKeys = useCommandKeys();
  const keysOf = (s: Shortcut) => (s.command && commandKeys[s.command] ? [commandKeys[s.command] as string] : s.keys);
  return (
    <details class="help">
      <summary>{t('help_title')}</summary>
      <dl class="shortcuts">
        {SHORTCUTS[place].map((s) => (
          <div key={s.message} class="shortcut" data-shortcut={s.message}>
            <dt>
              {keysOf(s).map((k, i) => (
                <span key={k}>
                  {i > 0 ? ' / ' : ''}
                  <kbd>{k}</kbd>
                </span>
              ))}
            </dt>
            <dd>{t(s.message)}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}
