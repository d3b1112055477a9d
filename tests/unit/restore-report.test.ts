/**
 * What the Backup panel says after a restore or an import (lib/ui/restore-report.ts), with the real
 * messages of both UI languages: counts in words with their plurals, and "nothing" only when nothing
 * changed.
 */
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import type { ImportReport } from '@/lib/backup';
import { type Messages, setMessages } from '@/lib/i18n';
import { importReportLines, restoreReportLines, wroteNothing } from '@/lib/ui/restore-report';

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

describe('the import’s report', () => {
  const read = { pageNotes: 0, skipped: [] as string[], warnings: [] as string[] };

  it('counts what it added, with page notes, what it skipped and why', () => {
    setMessages(messages('en'), 'en');
    expect(
      importReportLines({
        report: { ...none, articlesAdded: 1, highlightsAdded: 2 },
        pageNotes: 1,
        skipped: ['“A reply” (a reply: Marginalia keeps no threads)'],
        warnings: [],
      }),
    ).toEqual([
      'Added 2 highlights and 1 article; 0 updated.',
      '1 note on a whole page became its article’s note.',
      'Not imported (1):',
      '“A reply” (a reply: Marginalia keeps no threads)',
    ]);
  });

  it('says the same file imported again added nothing, and tells that apart from nothing to add', () => {
    setMessages(messages('en'), 'en');
    // The second time: every annotation already here; its page note too (not said to be new).
    expect(importReportLines({ ...read, report: none, pageNotes: 1 })).toEqual([
      'Nothing new: this library already had the annotations read from this file.',
    ]);
    // Nothing read that could be imported: no claim that the library has it.
    expect(importReportLines({ ...read, report: { ...none, unchanged: 0 }, skipped: ['“x” (a reply)'] })).toEqual([
      'No annotation was added.',
      'Not imported (1):',
      '“x” (a reply)',
    ]);
    // A page note that changed an article is a change, said as one.
    expect(importReportLines({ ...read, report: { ...none, articlesUpdated: 1 }, pageNotes: 1 })).toEqual([
      'Added 0 highlights and 0 articles; 1 updated.',
      '1 note on a whole page became its article’s note.',
    ]);
    setMessages(messages('vi'), 'vi');
    expect(importReportLines({ ...read, report: none })).toEqual([
      'Không có gì mới: thư viện đã có các chú thích đọc được từ tệp này.',
    ]);
  });
});
