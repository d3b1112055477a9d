/**
 * What the Backup panel says after a restore or an import (components/library/BackupPanel.tsx), in
 * the UI language: counts in words with its plurals, what was merged, settings taken from the
 * backup, and claim types it did not know; for an import, also what it did not import and why. One
 * that changed nothing says so rather than listing zeros.
 */
import type { ImportReport } from '../backup';
import { t, tn } from '../i18n';
import type { ImportResult } from '../store/restore-worker';
import { formatNumber } from './format';

/** True when a restore or an import wrote nothing: no record added, updated or merged, no settings taken. */
export function wroteNothing(r: ImportReport): boolean {
  return (
    !r.articlesAdded &&
    !r.highlightsAdded &&
    !r.articlesUpdated &&
    !r.highlightsUpdated &&
    !r.highlightsMerged &&
    !r.settingsApplied
  );
}

/** The lines the panel shows for a restore's report. */
export function restoreReportLines(r: ImportReport): string[] {
  if (wroteNothing(r)) return [t('library_restoredNothing')];
  const lines = [
    t('library_restored', [
      tn('library_articleCount', r.articlesAdded),
      tn('library_highlightCount', r.highlightsAdded),
      formatNumber(r.articlesUpdated + r.highlightsUpdated),
    ]),
  ];
  if (r.highlightsMerged) lines.push(tn('library_merged', r.highlightsMerged));
  if (r.settingsApplied) lines.push(t('library_settingsRestored'));
  if (r.unknownTypes.length) lines.push(t('library_unknownTypes', r.unknownTypes.join(', ')));
  return lines;
}

/** The lines the panel shows for an import that succeeded (lib/store/restore-worker.ts). */
export function importReportLines({
  report: r,
  pageNotes,
  skipped,
  warnings,
}: Omit<Extract<ImportResult, { ok: true }>, 'ok'>): string[] {
  const lines: string[] = [];
  if (!wroteNothing(r)) {
    lines.push(
      t('library_imported', [
        tn('library_highlightCount', r.highlightsAdded),
        tn('library_articleCount', r.articlesAdded),
        formatNumber(r.highlightsUpdated + r.articlesUpdated),
      ]),
    );
    if (r.highlightsMerged) lines.push(tn('library_merged', r.highlightsMerged));
    if (pageNotes) lines.push(tn('library_importPageNotes', pageNotes));
  } else lines.push(t(r.unchanged > 0 ? 'library_importedNothing' : 'library_importedNone'));
  if (r.unknownTypes.length) lines.push(t('library_unknownTypes', r.unknownTypes.join(', ')));
  if (skipped.length) lines.push(t('library_importSkipped', String(skipped.length)), ...skipped);
  if (warnings.length) lines.push(t('library_importWarnings', String(warnings.length)), ...warnings);
  return lines;
}
