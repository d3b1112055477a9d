// @vitest-environment jsdom
/**
 * Components as a user meets them (Testing Library: found by role and name, driven by events): the
 * tag editor, a highlight card (its controls, a custom claim type, the changed-on-the-page mark)
 * and the library's rows (search terms marked, selection, the changed badge).
 */

import { readFileSync } from 'node:fs';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ArticleRow, HighlightRow } from '@/components/library/LibraryRows';
import { ArticleHeader } from '@/components/sidebar/ArticleHeader';
import { HighlightCard, type HighlightCardProps } from '@/components/sidebar/HighlightCard';
import { TagEditor } from '@/components/sidebar/TagEditor';
import { resolveClaimTypes } from '@/lib/claim-types';
import { type Messages, setMessages } from '@/lib/i18n';
import { provisionalMeta } from '@/lib/records';
import { articleRecord, highlightRecord, selectors } from '../support/factories';

beforeAll(() => setMessages(JSON.parse(readFileSync('public/_locales/en/messages.json', 'utf8')) as Messages, 'en'));
afterAll(() => setMessages(null));
afterEach(cleanup);

const TYPES = resolveClaimTypes([
  { id: 'claim', label: null, slot: 11, glyph: '!', hidden: false },
  { id: 'rumour', label: 'Rumour', slot: 15, glyph: '~', hidden: false },
]);

describe('TagEditor', () => {
  it('adds a tag on Enter (trimmed), removes one with its button, and adds a draft left on blur', () => {
    const onChange = vi.fn();
    const { rerender } = render(<TagEditor tags={[]} onChange={onChange} />);
    const field = screen.getByRole('textbox', { name: 'Add tag' });
    fireEvent.input(field, { target: { value: '  kinh tế ' } });
    fireEvent.keyDown(field, { key: 'Enter' });
    expect(onChange).toHaveBeenLastCalledWith(['kinh tế']);
    expect((field as HTMLInputElement).value).toBe('');
    rerender(<TagEditor tags={['kinh tế', 'Đảng']} onChange={onChange} />);
    fireEvent.click(screen.getByRole('button', { name: 'Remove tag kinh tế' }));
    expect(onChange).toHaveBeenLastCalledWith(['Đảng']);
    fireEvent.input(field, { target: { value: 'địa phương' } });
    fireEvent.blur(field);
    expect(onChange).toHaveBeenLastCalledWith(['kinh tế', 'Đảng', 'địa phương']);
  });
});

describe('HighlightCard', () => {
  const base = (over: Partial<HighlightCardProps> = {}): HighlightCardProps => ({
    highlight: highlightRecord({
      claimType: 'rumour',
      target: { source: 'https://news.example/a', selector: selectors('rà soát kỹ lưỡng các quần chúng', 10) },
    }),
    types: TYPES,
    allTags: [],
    focused: false,
    onUpdate: vi.fn(async () => null),
    onDelete: vi.fn(),
    onShow: vi.fn(),
    onAccept: vi.fn(),
    onReattach: vi.fn(),
    onKeep: vi.fn(),
    onCopy: vi.fn(async () => 'Quote and citation copied.'),
    ...over,
  });

  it('shows the quote and the user’s own type, and saves a change of type from its menu', () => {
    const props = base();
    render(<HighlightCard {...props} />);
    const card = screen.getByRole('article', { name: /rà soát kỹ lưỡng/ });
    fireEvent.click(within(card).getByRole('button', { name: 'Edit highlight' }));
    const type = within(card).getByRole('combobox', { name: /type/i }) as HTMLSelectElement;
    expect(type.selectedOptions[0]?.textContent).toContain('Rumour');
    fireEvent.change(type, { target: { value: 'claim' } });
    expect(props.onUpdate).toHaveBeenCalledWith(expect.objectContaining({ claimType: 'claim' }));
    fireEvent.click(within(card).getByRole('button', { name: /rà soát kỹ lưỡng/ }));
    expect(props.onShow).toHaveBeenCalled();
  });

  it('offers a check status only for types that can be checked: no "False question"', () => {
    const { rerender } = render(<HighlightCard {...base({ highlight: highlightRecord({ claimType: 'question' }) })} />);
    fireEvent.click(screen.getByRole('button', { name: 'Edit highlight' }));
    expect(screen.getByRole('combobox', { name: 'Claim type' })).toBeTruthy();
    expect(screen.queryByRole('combobox', { name: 'Status' })).toBeNull();
    rerender(<HighlightCard {...base({ highlight: highlightRecord({ claimType: 'statistic' }) })} />);
    expect(screen.getByRole('combobox', { name: 'Status' })).toBeTruthy();
    // The user's own type, once they mark it checkable.
    const types = TYPES.map((d) => (d.id === 'rumour' ? { ...d, checkable: true } : d));
    rerender(<HighlightCard {...base({ types })} />);
    expect(screen.getByRole('combobox', { name: 'Status' })).toBeTruthy();
  });

  it('says "copied" on the card itself, next to the button the user pressed', async () => {
    render(<HighlightCard {...base()} />);
    const card = screen.getByRole('article', { name: /rà soát kỹ lưỡng/ });
    fireEvent.click(within(card).getByRole('button', { name: 'Edit highlight' }));
    fireEvent.click(within(card).getByRole('button', { name: 'Copy quote with citation' }));
    expect(await within(card).findByRole('status')).toHaveProperty('textContent', 'Quote and citation copied.');
  });

  it('makes its controls when first opened or focused, and keeps them, with a draft, once the focus leaves', async () => {
    render(<HighlightCard {...base()} />);
    const card = screen.getByRole('article', { name: /rà soát kỹ lưỡng/ });
    // Read first: the summary only, no controls made.
    expect(within(card).queryByRole('combobox', { name: 'Claim type' })).toBeNull();
    expect(card.querySelector('.card-edit')).toBeNull();
    (within(card).getByRole('button', { name: /rà soát kỹ lưỡng/ }) as HTMLButtonElement).focus();
    await waitFor(() => expect(card.className).toContain('active'));
    expect(await within(card).findByRole('combobox', { name: 'Claim type' })).toBeTruthy();
    fireEvent.click(within(card).getByRole('button', { name: 'Add a note…' }));
    const field = within(card).getByRole('textbox', { name: 'Note' }) as HTMLTextAreaElement;
    fireEvent.input(field, { target: { value: 'bản nháp chưa lưu' } });
    (document.activeElement as HTMLElement).blur();
    await waitFor(() => expect(card.classList.contains('active')).toBe(false));
    expect((within(card).getByRole('textbox', { name: 'Note' }) as HTMLTextAreaElement).value).toBe(
      'bản nháp chưa lưu',
    );
  });

  it('marks a passage the page changed, with the word diff and Accept / Keep', () => {
    const props = base({
      placement: {
        id: 'h',
        status: 'anchored',
        change: 'edited',
        candidate: selectors('rà soát kĩ lưỡng các quần chúng', 10),
      },
      lang: 'vi',
    });
    render(<HighlightCard {...props} />);
    const mark = screen.getByRole('region', { name: 'Changed on the page.' });
    expect(within(mark).getByText((_, el) => el?.tagName === 'DEL' && el.textContent === 'deleted: kỹ')).toBeTruthy();
    expect(within(mark).getByText((_, el) => el?.tagName === 'INS' && el.textContent === 'inserted: kĩ')).toBeTruthy();
    fireEvent.click(within(mark).getByRole('button', { name: 'Accept the new wording' }));
    expect(props.onAccept).toHaveBeenCalled();
    fireEvent.click(within(mark).getByRole('button', { name: 'Keep the original' }));
    expect(props.onKeep).toHaveBeenCalled();
  });
});

describe('sidebar article header', () => {
  it('names the article as its citation does: the headline without the site suffix, authors never the site', () => {
    const meta = {
      ...provisionalMeta('米朝首脳直通電話　習氏に挑むトランプ戦術の成否　：日本経済新聞', 'https://www.nikkei.com/a'),
      kind: 'article' as const,
      siteName: '日本経済新聞社',
      byline: '日本経済新聞社',
      lang: 'ja',
      headline: '米朝首脳直通電話 習氏に挑むトランプ戦術の成否',
      authors: [],
    };
    const { rerender } = render(<ArticleHeader meta={meta} highlights={[]} onExport={null} />);
    const heading = screen.getByRole('heading', { level: 1 });
    expect(heading.textContent).toBe('米朝首脳直通電話 習氏に挑むトランプ戦術の成否');
    expect(heading.getAttribute('title')).toBe(meta.title); // the page's own title, a hover away
    expect(screen.queryByText(/^By /)).toBeNull();
    rerender(<ArticleHeader meta={{ ...meta, authors: ['山田 太郎', '佐藤 花子'] }} highlights={[]} onExport={null} />);
    expect(screen.getByText(/^By /).textContent).toContain('山田 太郎, 佐藤 花子');
  });
});

describe('library rows', () => {
  const article = articleRecord({ id: 'a1', title: 'Xây dựng Đảng ở Vĩnh Tường', siteName: 'Báo Vĩnh Phúc' });
  const highlight = highlightRecord({
    id: 'h1',
    articleId: 'a1',
    claimType: 'rumour',
    pageNow: { text: 'đã sửa', at: 1 },
    target: { source: 'https://news.example/a', selector: selectors('phát triển đảng viên mới', 0) },
  });

  it('marks the search terms in a highlight row and selects it with its checkbox', () => {
    const onToggle = vi.fn();
    render(
      <HighlightRow
        row={{ kind: 'highlight', key: 'h:h1', highlight, article }}
        types={TYPES}
        terms={['dang vien']}
        selected={new Set()}
        onToggle={onToggle}
      />,
    );
    expect(document.querySelector('mark')?.textContent).toBe('đảng viên');
    fireEvent.click(screen.getByRole('checkbox'));
    expect(onToggle).toHaveBeenCalledWith(['h1'], true);
  });

  it('shows an article whose passage changed with its badge, and selects all its highlights at once', () => {
    const onToggle = vi.fn();
    render(
      <ArticleRow
        row={{ kind: 'article', key: 'a:a1', article, highlights: [highlight], total: 1 }}
        types={TYPES}
        terms={[]}
        filtering={false}
        selected={new Set()}
        onToggle={onToggle}
      />,
    );
    expect(screen.getByText('Xây dựng Đảng ở Vĩnh Tường')).toBeTruthy();
    expect(screen.getByText('Changed')).toBeTruthy();
    fireEvent.click(screen.getAllByRole('checkbox')[0] as HTMLElement);
    expect(onToggle).toHaveBeenCalledWith(['h1'], true);
  });
});

describe('page strings inside UI text', () => {
  it('isolates a right-to-left site name from the date and counts around it (UI in Vietnamese)', async () => {
    setMessages(JSON.parse(readFileSync('public/_locales/vi/messages.json', 'utf8')) as Messages, 'vi');
    try {
      const article = articleRecord({
        id: 'a2',
        title: 'خبر',
        siteName: 'صحيفة الأخبار',
        publishedTime: '2024-03-12',
        lang: 'ar',
      });
      render(
        <ArticleRow
          row={{ kind: 'article', key: 'a:a2', article, highlights: [], total: 12 }}
          types={TYPES}
          terms={[]}
          filtering={false}
          selected={new Set()}
          onToggle={vi.fn()}
        />,
      );
      const meta = document.querySelector('.meta') as HTMLElement;
      const site = meta.querySelector('bdi');
      expect(site?.textContent).toBe('صحيفة الأخبار');
      // The date and the count are outside the isolated name.
      expect(meta.textContent).toMatch(/^صحيفة الأخبار · .*2024 · 12 /);
      expect(site?.textContent).not.toMatch(/2024|12/);
    } finally {
      setMessages(JSON.parse(readFileSync('public/_locales/en/messages.json', 'utf8')) as Messages, 'en');
    }
  });

  it('isolates the byline and tag names set into UI sentences', async () => {
    const { isolate } = await import('@/lib/i18n');
    expect(isolate('محمد')).toBe('\u2068محمد\u2069');
  });
});
