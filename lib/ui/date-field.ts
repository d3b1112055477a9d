/**
 * Dates typed in the UI language's order. A browser's `<input type="date">` shows its own locale's
 * order (mm/dd/yyyy in an English Chrome, whatever the page's language), so a Vietnamese reader
 * would be asked for 11/23/2024; the library's date filters take text in the order the UI
 * language writes dates (23/11/2024 in Vietnamese) and keep ISO dates (2024-11-23) underneath.
 */

/** Direction marks some locales write around the separators (Arabic). */
const BIDI_MARKS = /[\u200e\u200f\u061c]/g;

/** A locale's order of day, month and year, and its separator. */
export interface DateOrder {
  readonly order: readonly ('day' | 'month' | 'year')[];
  readonly separator: string;
}

/**
 * Each locale's order, worked out once: the library renders its two date fields with every
 * keystroke in its search, and making the Intl formatter each time took 1–4 ms of each (28 ms in the
 * first render, cold; a CPU profile of keys typed while 100,000 highlights load).
 */
const orders = new Map<string, DateOrder>();

/** The order of day, month and year in `locale`, and the separator it writes between them. */
export function dateOrder(locale: string): DateOrder {
  let known = orders.get(locale);
  if (!known) {
    known = readDateOrder(locale);
    orders.set(locale, known);
  }
  return known;
}

function readDateOrder(locale: string): DateOrder {
  const parts = new Intl.DateTimeFormat(locale, { day: '2-digit', month: '2-digit', year: 'numeric' }).formatToParts(
    new Date(2024, 10, 23),
  );
  const order = parts
    .map((p) => p.type)
    .filter((t): t is 'day' | 'month' | 'year' => t === 'day' || t === 'month' || t === 'year');
  const separator =
    parts
      .find((p) => p.type === 'literal')
      ?.value.replace(BIDI_MARKS, '')
      .trim() || '/';
  return { order: order.length === 3 ? order : ['year', 'month', 'day'], separator };
}

/** The pattern to show as a placeholder, e.g. dd/mm/yyyy. */
export function datePattern(locale: string): string {
  const { order, separator } = dateOrder(locale);
  const letters = { day: 'dd', month: 'mm', year: 'yyyy' };
  return order.map((p) => letters[p]).join(separator);
}

/** An ISO date (yyyy-mm-dd) written in `locale`'s order; '' stays ''. */
export function formatDateField(iso: string, locale: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return '';
  const value = { year: m[1], month: m[2], day: m[3] };
  const { order, separator } = dateOrder(locale);
  return order.map((p) => value[p]).join(separator);
}

/**
 * What the user typed, as an ISO date: in `locale`'s order with any of / . - or spaces between the
 * numbers (a two-digit year is 20xx), or already ISO. '' for nothing typed, null for text that is
 * not a date (13/13/2024, 31/02/2024, letters).
 */
export function parseDateField(text: string, locale: string): string | null {
  const typed = text.replace(BIDI_MARKS, '').trim();
  if (!typed) return '';
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(typed);
  let year: number;
  let month: number;
  let day: number;
  if (iso) {
    [year, month, day] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  } else {
    const numbers = typed.split(/[\s/.-]+/).filter(Boolean);
    if (numbers.length !== 3 || numbers.some((n) => !/^\d{1,4}$/.test(n))) return null;
    const { order } = dateOrder(locale);
    const value = Object.fromEntries(order.map((p, i) => [p, Number(numbers[i])])) as Record<string, number>;
    [year, month, day] = [value.year as number, value.month as number, value.day as number];
    if (year < 100) year += 2000;
  }
  const date = new Date(Date.UTC(year, month - 1, day));
  if (year < 1000 || date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day)
    return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
