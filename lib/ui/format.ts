/** Dates and numbers for people, in the UI's language. */
import { uiLanguage } from '../i18n';

/** A published date as the reader's locale writes it; the raw text when it is not a date. */
export function formatDate(value: string | number | null | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return String(value);
  const dateOnly = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value);
  return new Intl.DateTimeFormat(uiLanguage(), {
    dateStyle: 'medium',
    ...(dateOnly ? { timeZone: 'UTC' } : {}),
  }).format(date);
}

/** A whole number in the UI's language. */
export function formatNumber(n: number): string {
  return new Intl.NumberFormat(uiLanguage()).format(n);
}

/** A moment (epoch ms) with date and time, in the UI's language. */
export function formatDateTime(ms: number): string {
  return new Intl.DateTimeFormat(uiLanguage(), { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(ms));
}
