import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { t, uiLanguage } from '@/lib/i18n';
import { datePattern, formatDateField, parseDateField } from '@/lib/ui/date-field';

/** Props of {@link DateField}. */
export interface DateFieldProps {
  label: string;
  /** An ISO date (yyyy-mm-dd), or '' for none. */
  value: string;
  onChange(iso: string): void;
}

/**
 * A date typed in the UI language's order (dd/mm/yyyy in Vietnamese), with the browser's calendar a
 * button away. A complete date applies as it is typed; text that is no date says how to write one
 * and changes nothing.
 */
export function DateField({ label, value, onChange }: DateFieldProps) {
  const locale = uiLanguage();
  const id = useId();
  const picker = useRef<HTMLInputElement>(null);
  const [text, setText] = useState(() => formatDateField(value, locale));
  const [invalid, setInvalid] = useState(false);
  useEffect(() => {
    setText(formatDateField(value, locale));
    setInvalid(false);
  }, [value, locale]);
  const pattern = datePattern(locale);
  const apply = (typed: string, finished: boolean) => {
    const iso = parseDateField(typed, locale);
    // While typing, only a whole date (a four-digit year) or nothing applies; on leaving, all is checked.
    if (iso === null || (!finished && iso && !/\d{4}/.test(typed) && !/^\d{4}-/.test(typed))) {
      if (finished) setInvalid(iso === null);
      return;
    }
    setInvalid(false);
    if (iso !== value) onChange(iso);
    else if (finished) setText(formatDateField(iso, locale));
  };
  return (
    <span class="date">
      <label for={id}>{label}</label>
      <input
        id={id}
        type="text"
        inputMode="numeric"
        autoComplete="off"
        size={pattern.length}
        placeholder={pattern}
        value={text}
        aria-invalid={invalid}
        aria-describedby={invalid ? `${id}-error` : undefined}
        onInput={(e) => {
          setText(e.currentTarget.value);
          apply(e.currentTarget.value, false);
        }}
        onBlur={(e) => apply(e.currentTarget.value, true)}
        onKeyDown={(e) => e.key === 'Enter' && apply(e.currentTarget.value, true)}
      />
      <button
        type="button"
        class="icon date-pick"
        aria-label={t('filter_pickDate', label)}
        onClick={() => {
          try {
            picker.current?.showPicker();
          } catch {
            picker.current?.focus();
          }
        }}
      >
        <span aria-hidden="true">▦</span>
      </button>
      {/* The browser's calendar, for the button: its own field is never shown. */}
      <input
        ref={picker}
        type="date"
        class="date-picker"
        tabIndex={-1}
        aria-hidden="true"
        value={value}
        onInput={(e) => onChange(e.currentTarget.value)}
      />
      {invalid ? (
        <span id={`${id}-error`} class="date-error" role="alert">
          {t('filter_dateInvalid', pattern)}
        </span>
      ) : null}
    </span>
  );
}
