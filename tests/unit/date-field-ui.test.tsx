// @vitest-environment jsdom
/** The library's date filter as a user meets it, in Vietnamese and in English. */
import { readFileSync } from 'node:fs';
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { DateField } from '@/components/library/DateField';
import { type Messages, setMessages } from '@/lib/i18n';

const messages = (lang: string) =>
  JSON.parse(readFileSync(`public/_locales/${lang}/messages.json`, 'utf8')) as Messages;
afterEach(cleanup);
afterAll(() => setMessages(null));

describe('DateField', () => {
  it('in Vietnamese: shows and takes day/month/year, and says how to write a date it cannot read', () => {
    setMessages(messages('vi'), 'vi');
    const onChange = vi.fn();
    const { rerender } = render(<DateField label="Từ ngày" value="2021-08-06" onChange={onChange} />);
    const field = screen.getByRole('textbox', { name: 'Từ ngày' }) as HTMLInputElement;
    expect(field.value).toBe('06/08/2021');
    expect(field.placeholder).toBe('dd/mm/yyyy');
    fireEvent.input(field, { target: { value: '7/8/2021' } });
    expect(onChange).toHaveBeenLastCalledWith('2021-08-07');
    rerender(<DateField label="Từ ngày" value="2021-08-07" onChange={onChange} />);
    // Half-typed: nothing applies yet, nothing is said.
    onChange.mockClear();
    fireEvent.input(field, { target: { value: '31/02' } });
    expect(onChange).not.toHaveBeenCalled();
    fireEvent.input(field, { target: { value: '31/02/2021' } });
    fireEvent.blur(field);
    expect(onChange).not.toHaveBeenCalled();
    expect(screen.getByRole('alert').textContent).toBe('Hãy viết ngày theo dạng dd/mm/yyyy.');
    expect(field.getAttribute('aria-invalid')).toBe('true');
    // Emptied: the filter is off.
    fireEvent.input(field, { target: { value: '' } });
    expect(onChange).toHaveBeenLastCalledWith('');
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.getByRole('button', { name: 'Chọn ngày “Từ ngày” trên lịch' })).toBeTruthy();
  });

  it('in English (US): month/day/year', () => {
    setMessages(messages('en'), 'en-US');
    const onChange = vi.fn();
    render(<DateField label="From" value="2021-08-06" onChange={onChange} />);
    const field = screen.getByRole('textbox', { name: 'From' }) as HTMLInputElement;
    expect(field.value).toBe('08/06/2021');
    expect(field.placeholder).toBe('mm/dd/yyyy');
    fireEvent.input(field, { target: { value: '12/25/2024' } });
    expect(onChange).toHaveBeenLastCalledWith('2024-12-25');
  });
});
