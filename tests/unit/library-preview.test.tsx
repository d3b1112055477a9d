// @vitest-environment jsdom
/**
 * The library's first rows while everything loads (lib/ui/library-preview.ts): shown before the
 * highlights are counted (counting 100,000 takes 160–270 ms, which the first rows no longer wait
 * for), the count said once it is in, and search and filters working meanwhile on what is shown,
 * saying so, the query kept when everything arrives; export waits for everything.
 */
import { readFileSync } from 'node:fs';
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LibraryBrowser } from '@/components/library/LibraryBrowser';
import { resolveClaimTypes } from '@/lib/claim-types';
import { type Messages, setMessages } from '@/lib/i18n';
import { buildLibraryData } from '@/lib/library-build';
import { DEFAULT_SETTINGS } from '@/lib/store/settings-records';
import { articleRecord, highlightRecord, selectors } from '../support/factories';

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
const quote = (id: string, articleId: string, exact: string) =>
  highlightRecord({ id, articleId, target: { source: 'https://news.example/', selector: selectors(exact, 10) } });

describe('the library while it loads', () => {
  it('shows the first rows before the highlights are counted, then says how many there are', () => {
    const { rerender } = render(
      <LibraryBrowser data={DATA} types={TYPES} settings={DEFAULT_SETTINGS} loading={{ total: undefined }} />,
    );
    expect(screen.getByRole('status').textContent).toBe(
      'Showing the 1 article annotated most recently · loading everything…',
    );
    expect(screen.getByText('Thực hiện công tác')).toBeTruthy();
    rerender(<LibraryBrowser data={DATA} types={TYPES} settings={DEFAULT_SETTINGS} loading={{ total: 100_000 }} />);
    expect(screen.getByRole('status').textContent).toBe(
      'Showing the 1 article annotated most recently · loading all 100,000 highlights…',
    );
  });

  it('searches and filters what is shown meanwhile, says so, and keeps the query when everything arrives', () => {
    const older = articleRecord({ id: 'a2', title: 'Older article' });
    const recent = buildLibraryData(
      [ARTICLE],
      [quote('h1', 'a1', 'cán bộ đảng viên'), quote('h2', 'a1', 'doanh nghiệp')],
    );
    const all = buildLibraryData(
      [ARTICLE, older],
      [quote('h1', 'a1', 'cán bộ đảng viên'), quote('h2', 'a1', 'doanh nghiệp'), quote('h3', 'a2', 'đảng bộ')],
    );
    const { container, rerender } = render(
      <LibraryBrowser data={recent} types={TYPES} settings={DEFAULT_SETTINGS} loading={{ total: 3 }} />,
    );
    const search = screen.getByRole('searchbox') as HTMLInputElement;
    expect(search.disabled).toBe(false);
    expect((container.querySelector('fieldset.filters') as HTMLFieldSetElement).disabled).toBe(false);
    expect((screen.getByRole('button', { name: 'Export…' }) as HTMLButtonElement).disabled).toBe(true);
    expect(container.querySelector('.browser')?.getAttribute('aria-busy')).toBe('true');
    fireEvent.input(search, { target: { value: 'dang' } });
    expect(screen.getByRole('status').textContent).toBe(
      '1 highlight · 1 article · in the 1 article annotated most recently: the rest are still loading…',
    );
    expect(screen.queryByText('doanh nghiệp')).toBeNull();
    rerender(<LibraryBrowser data={all} types={TYPES} settings={DEFAULT_SETTINGS} />);
    expect((screen.getByRole('searchbox') as HTMLInputElement).value).toBe('dang');
    expect(screen.getByRole('status').textContent).toBe('2 highlights · 2 articles');
    expect(container.querySelector('.browser')?.getAttribute('aria-busy')).toBe('false');
    expect((screen.getByRole('button', { name: 'Export…' }) as HTMLButtonElement).disabled).toBe(false);
  });
});
