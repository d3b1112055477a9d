// @vitest-environment jsdom
/** The keyboard map: what the handlers test is what the shortcuts panel lists, browser commands included. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { KEYS, SHORTCUTS, step } from '@/lib/ui/keyboard';

const key = (init: KeyboardEventInit, target: Element = document.body) => {
  const e = new KeyboardEvent('keydown', { ...init, bubbles: true });
  Object.defineProperty(e, 'target', { value: target });
  return e;
};

describe('the keyboard map', () => {
  it('lists every shortcut it handles, in the sidebar or the library', () => {
    const listed = new Set([...SHORTCUTS.sidebar, ...SHORTCUTS.library]);
    for (const [name, shortcut] of Object.entries(KEYS)) expect(listed.has(shortcut), name).toBe(true);
  });

  it('lists every keyboard command of the manifest with its default keys', () => {
    const config = readFileSync('wxt.config.ts', 'utf8');
    const defaults = [...config.matchAll(/suggested_key: \{ default: '([^']+)' \}/g)].map((m) => m[1]);
    expect(defaults).toEqual(['Alt+Shift+H', 'Alt+Shift+M']);
    const shown = SHORTCUTS.sidebar.flatMap((s) => s.keys);
    for (const keys of defaults) expect(shown).toContain(keys);
  });

  it('moves with J and K, but not while typing or with a modifier', () => {
    expect(step(key({ key: 'j' }))).toBe(1);
    expect(step(key({ key: 'k' }))).toBe(-1);
    expect(step(key({ key: 'j', ctrlKey: true }))).toBe(0);
    expect(step(key({ key: 'j' }, document.createElement('input')))).toBe(0);
    expect(KEYS.focusSearch.test(key({ key: '/' }, document.createElement('textarea')))).toBe(false);
    expect(KEYS.saveNote.test(key({ key: 'Enter', metaKey: true }))).toBe(true);
  });
});

describe('the open view in the address', () => {
  it('reads a known view from the hash, and nothing else', async () => {
    const { viewInAddress } = await import('@/lib/ui/use-view');
    const views = ['browse', 'tags', 'settings'] as const;
    expect(viewInAddress(views, '#settings')).toBe('settings');
    expect(viewInAddress(views, '')).toBeNull();
    expect(viewInAddress(views, '#constructor')).toBeNull();
  });
});
