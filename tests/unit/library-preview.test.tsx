// @vitest-environment jsdom
/**
 * The library's first rows while everything loads (lib/ui/library-preview.ts): shown before the
 * highlights are counted (counting 100,000 takes 160–270 ms, which the first rows no longer wait
 * for), the count said once it is in, and search and filters held until everything is loaded.
 */
import { readFileSync } from 'node:fs';
import { cleanup, render, screen } from '@testing-library/preact';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LibraryBrowser } from '@/components/library/LibraryBrowser';
import { resolveClaimTypes } from '@/lib/claim-types';
import { type Messages, setMessages } from '@/lib/i18n';
import { buildLibraryData } from '@/lib/library';
import { DEFAULT_SETTINGS } from '@/lib/store/settings-records';
import { articleRecord, highlightRecord } from '../support/factories';

beforeAll(() => {
  setMessages(JSON.parse(readFileSync('public/_locales/en/messages.json', 'utf8')) as Messages, 'en');
  // jsdom lays nothing out: the virtual list's observer has nothing to tell.
  globalThis.ResizeObserver ??= class {
    observe() {}
    unobserve() {}
    disconnect() {}
  } as unknown as typeof ResizeObserver;
});
afterAll(() => setMessages(null));
afterEach(cleanup);

const TYPES = resolveClaimTypes([]);
const ARTICLE = articleRecord({ id: 'a1', title: 'Thực hiện công tác' });
const DATA = buildLibraryData([ARTICLE], [highlightRecord({ id: 'h1', articleId: 'a1' })]);

describe('the library while it loads', () => {
  it('shows the first rows before the highlights are counted, then says how many there are', () => {
    const { rerender } = render(
      <LibraryBrowser data={DATA} types={TYPES} settings={DEFAULT_SETTINGS} loading={{ total: undefined }} />,
    );
    expect(screen.getByRole('status').textContent).toBe(
      'Showing the 1 article annotated most recently · loading everything to search and filter…',
    );
    expect(screen.getByText('Thực hiện công tác')).toBeTruthy();
    expect((screen.getByRole('searchbox') as HTMLInputElement).disabled).toBe(true);
    rerender(<LibraryBrowser data={DATA} types={TYPES} settings={DEFAULT_SETTINGS} loading={{ total: 100_000 }} />);
    expect(screen.getByRole('status').textContent).toMatch(/^Showing the 1 article .* loading all 100,000 highlights/);
    rerender(<LibraryBrowser data={DATA} types={TYPES} settings={DEFAULT_SETTINGS} />);
    expect((screen.getByRole('searchbox') as HTMLInputElement).disabled).toBe(false);
  });
});
