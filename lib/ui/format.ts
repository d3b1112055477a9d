/** Dates and numbers for people, in the UI's language. */
import { uiLanguage } from '../i18n';

// Making an Intl formatter costs far more than formatting with one (a sidebar formats a date on every
// card): one per language and kind, kept.
const formatters = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();

function formatter<T extends Intl.DateTimeFormat | Intl.NumberFormat>(kind: string, make: (lang: string) => T): T {
  const lang = uiLanguage();
  const key = `${kind} ${lang}`;
  let f = formatters.get(key) as T | undefined;
  if (!f) {
    f = make(lang);
    formatters.set(key, f);
  }
  return f;
}

/** A published date as the reader's locale writes it; the raw text when it is not a date. */
export function formatDate(value: string | number | null | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return String(value);
  const dateOnly = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value);
  return formatter(
    dateOnly ? 'date-utc' : 'date',
    (lang) => new Intl.DateTimeFormat(lang, { dateStyle: 'medium', ...(dateOnly ? { timeZone: 'UTC' } : {}) }),
  ).format(date);
}

/** A whole number in the UI's language. */
export function formatNumber(n: number): string {
  return formatter('number', (lang) => new Intl.NumberFormat(lang)).format(n);
}

/** A moment (epoch ms) with date and time, in the UI's language. */
export function formatDateTime(ms: number): string {
  return formatter(
    'date-time',
    (lang) => new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' }),
  ).format(new Date(ms));
}
