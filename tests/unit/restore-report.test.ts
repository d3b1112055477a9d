/**
 * What the Backup panel says after a restore (lib/ui/restore-report.ts), with the real messages of
 * both UI languages: counts in words with their plurals, and "nothing" only when nothing changed.
 */
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import type { ImportReport } from '@/lib/backup';
import { type Messages, setMessages } from '@/lib/i18n';
import { restoreReportLines, wroteNothing } from '@/lib/ui/restore-report';

const messages = (lang: string) =>
  JSON.parse(readFileSync(`public/_locales/${lang}/messages.json`, 'utf8')) as Messages;

const none: ImportReport = {
  articlesAdded: 0,
  articlesUpdated: 0,
  highlightsAdded: 0,
  highlightsUpdated: 0,
  highlightsMerged: 0,
  unchanged: 12,
  settingsApplied: false,
  unknownTypes: [],
};

afterAll(() => setMessages(null));

describe('the restore’s report', () => {
  it('counts in words, one and many, in English', () => {
    setMessages(messages('en'), 'en');
    expect(restoreReportLines({ ...none, articlesAdded: 1, highlightsAdded: 1 })).toEqual([
      'Restored: 1 article and 1 highlight added, 0 updated.',
    ]);
    expect(
      restoreReportLines({ ...none, articlesAdded: 10_000, highlightsAdded: 100_000, highlightsUpdated: 2 }),
    ).toEqual(['Restored: 10,000 articles and 100,000 highlights added, 2 updated.']);
  });

  it('says nothing changed only when nothing did: no record, no merge, no settings', () => {
    setMessages(messages('en'), 'en');
    expect(wroteNothing(none)).toBe(true);
    expect(restoreReportLines(none)).toEqual([
      'Restored: this library already had everything in this backup; nothing was added or changed.',
    ]);
    for (const change of [
      { articlesUpdated: 1 },
      { highlightsUpdated: 1 },
      { highlightsMerged: 1 },
      { settingsApplied: true },
    ]) {
      expect(wroteNothing({ ...none, ...change }), JSON.stringify(change)).toBe(false);
    }
    // Settings alone: said, not hidden behind "nothing was changed".
    expect(restoreReportLines({ ...none, settingsApplied: true })).toEqual([
      'Restored: 0 articles and 0 highlights added, 0 updated.',
      "The backup's settings were saved after this library's, and replace them.",
    ]);
  });

  it('in Vietnamese, with its digits', () => {
    setMessages(messages('vi'), 'vi');
    expect(restoreReportLines({ ...none, articlesAdded: 2, highlightsAdded: 11, highlightsUpdated: 1 })).toEqual([
      'Đã khôi phục: thêm 2 bài viết và 11 đoạn đánh dấu, cập nhật 1.',
    ]);
    expect(restoreReportLines({ ...none, articlesAdded: 10_000, highlightsAdded: 100_000 })[0]).toBe(
      'Đã khôi phục: thêm 10.000 bài viết và 100.000 đoạn đánh dấu, cập nhật 0.',
    );
  });
});
