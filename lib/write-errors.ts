/**
 * Failed writes, said in words. A write can fail far from where the user acted (the background
 * stores what the page side asks for), so errors travel as text: `describeError` keeps the error's
 * name and its cause's (Dexie wraps IndexedDB's), and `writeErrorKind` reads them back from either
 * an Error or that text. Used by the page side, the sidebar and the library alike.
 */
import { t } from './i18n';

/** What kind of failure a write met. */
export type WriteErrorKind = 'quota' | 'storage' | 'refused' | 'other';

interface Named {
  name?: unknown;
  message?: unknown;
  inner?: Named | null;
  cause?: unknown;
}

/** An error as one line of text: `Name: message (Inner: message)`, for messages between contexts. */
export function describeError(error: unknown): string {
  if (!error || typeof error !== 'object') return String(error);
  const e = error as Named;
  const one = (x: Named) => {
    const name = typeof x.name === 'string' && x.name !== 'Error' ? `${x.name}: ` : '';
    return `${name}${typeof x.message === 'string' ? x.message : ''}`;
  };
  const inner = e.inner ?? (e.cause && typeof e.cause === 'object' ? (e.cause as Named) : null);
  return inner ? `${one(e)} (${one(inner)})` : one(e);
}

/**
 * The kind of a failed write: the storage quota used up, the browser's storage failing (a full disk
 * shows as `UnknownError` or a closed database in Chromium, `NS_ERROR_FILE_NO_DEVICE_SPACE` in
 * Firefox), a message the other side refused, or something else.
 */
export function writeErrorKind(error: unknown): WriteErrorKind {
  const text = describeError(error);
  if (/QuotaExceeded|quota|NS_ERROR_FILE_NO_DEVICE_SPACE|no space|disk is full|ENOSPC/i.test(text)) return 'quota';
  if (
    /UnknownError|DatabaseClosed|InvalidStateError|AbortError|transaction was aborted|backing store|Internal error|I\/O|IOError|OpenFailed/i.test(
      text,
    )
  ) {
    return 'storage';
  }
  if (/^Refused|^MessageError|Malformed|No answer/i.test(text)) return 'refused';
  return 'other';
}

/** A message key for a failed write. */
export function writeErrorKey(error: unknown): string {
  const kind = writeErrorKind(error);
  return kind === 'quota' ? 'error_quota' : kind === 'storage' ? 'error_storage' : 'error_saveFailed';
}

/** What to tell the user about a failed write, in the UI language. */
export function writeErrorMessage(error: unknown): string {
  const key = writeErrorKey(error);
  return key === 'error_saveFailed' ? t(key, describeError(error)) : t(key);
}
