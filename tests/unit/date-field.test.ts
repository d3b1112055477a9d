import { describe, expect, it } from 'vitest';
import { dateOrder, datePattern, formatDateField, parseDateField } from '@/lib/ui/date-field';

describe('dates in the UI language order', () => {
  it('knows each language order', () => {
    expect(dateOrder('vi').order).toEqual(['day', 'month', 'year']);
    expect(dateOrder('en-US').order).toEqual(['month', 'day', 'year']);
    expect(dateOrder('en-GB').order).toEqual(['day', 'month', 'year']);
    expect(dateOrder('ja').order).toEqual(['year', 'month', 'day']);
    expect(datePattern('vi')).toBe('dd/mm/yyyy');
    expect(datePattern('en-US')).toBe('mm/dd/yyyy');
    expect(datePattern('de')).toBe('dd.mm.yyyy');
  });

  it('writes an ISO date in that order and reads it back', () => {
    expect(formatDateField('2024-11-03', 'vi')).toBe('03/11/2024');
    expect(formatDateField('2024-11-03', 'en-US')).toBe('11/03/2024');
    expect(formatDateField('', 'vi')).toBe('');
    for (const locale of ['vi', 'en-US', 'de', 'ja', 'ar']) {
      expect(parseDateField(formatDateField('2024-02-29', locale), locale)).toBe('2024-02-29');
    }
  });

  it('reads what people type', () => {
    expect(parseDateField('3/11/2024', 'vi')).toBe('2024-11-03');
    expect(parseDateField('3-11-24', 'vi')).toBe('2024-11-03');
    expect(parseDateField(' 03 11 2024 ', 'vi')).toBe('2024-11-03');
    expect(parseDateField('11/3/2024', 'en-US')).toBe('2024-11-03');
    expect(parseDateField('2024-11-03', 'vi')).toBe('2024-11-03');
    expect(parseDateField('', 'vi')).toBe('');
  });

  it('refuses what is not a date', () => {
    for (const text of ['31/02/2024', '13/13/2024', 'hôm qua', '1/2', '1/2/3/4', '00/01/2024']) {
      expect(parseDateField(text, 'vi'), text).toBeNull();
    }
    expect(parseDateField('23/11/2024', 'en-US')).toBeNull();
  });

  it('works a language order out once, however often a field renders', () => {
    const Real = Intl.DateTimeFormat;
    let made = 0;
    Intl.DateTimeFormat = class extends Real {
      constructor(...args: ConstructorParameters<typeof Real>) {
        super(...args);
        made++;
      }
    } as typeof Real;
    try {
      for (let i = 0; i < 5; i++) {
        expect(datePattern('fr')).toBe('dd/mm/yyyy');
        expect(formatDateField('2024-11-23', 'fr')).toBe('23/11/2024');
        expect(parseDateField('23/11/2024', 'fr')).toBe('2024-11-23');
      }
      expect(made).toBe(1);
      // Another language is its own.
      expect(datePattern('ja')).toBe('yyyy/mm/dd');
      expect(dateOrder('ko').order).toEqual(['year', 'month', 'day']);
      expect(made).toBe(2);
    } finally {
      Intl.DateTimeFormat = Real;
    }
  });
});
