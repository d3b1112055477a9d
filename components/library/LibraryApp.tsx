import { useEffect, useMemo, useState } from 'preact/hooks';
import { t } from '@/lib/i18n';
import { buildLibraryData } from '@/lib/library-build';
import { tagCountsOf } from '@/lib/library-summary';
import { getRepository } from '@/lib/store/repository';
import { type Preview, takePreview } from '@/lib/ui/library-preview';
import { useLibraryData } from '@/lib/ui/use-library-data';
import { useLibraryRecords } from '@/lib/ui/use-library-records';
import { useClaimTypes, useSettings } from '@/lib/ui/use-settings';
import { useView } from '@/lib/ui/use-view';
import { HelpPanel } from '../shared/HelpPanel';
import { LowSpaceNotice } from '../shared/LowSpaceNotice';
import { Tabs } from '../shared/Tabs';
import { AutoBackupPanel } from './AutoBackupPanel';
import { BackupPanel } from './BackupPanel';
import { LibraryBrowser } from './LibraryBrowser';
import { LostLibraryNotice } from './LostLibraryNotice';
import { SettingsPanel } from './SettingsPanel';
import { StoragePanel } from './StoragePanel';
import { SyncPanel } from './SyncPanel';
import { TagManager } from './TagManager';

const VIEWS = ['browse', 'tags', 'settings', 'backup'] as const;
type View = (typeof VIEWS)[number];

/** The library: search and filter every highlight, manage tags and claim types, back up. */
export function LibraryApp() {
  const repo = getRepository();
  const [view, setView] = useView<View>(VIEWS, 'browse');
  // The most recent articles first, read through indexes and shown while everything loads (at
  // 100,000 highlights reading them all takes seconds). Everything is read after them: the browser
  // answers one read of these tables after the other, so read together the small one waits.
  const [recent, setRecent] = useState<Preview | 'pending' | 'failed'>('pending');
  // How many highlights there are in all, read after the first rows (one record: their tally).
  const [total, setTotal] = useState<number | undefined>(undefined);
  useEffect(() => {
    takePreview().then(
      (preview) => {
        setRecent(preview);
        repo.highlightCount().then(setTotal, () => undefined);
      },
      () => setRecent('failed'),
    );
  }, [repo]);
  const started = recent !== 'pending';
  // Everything, then what each write touched, read back and patched in; nothing while the library
  // is a tab in the background: then once when it is shown again (lib/ui/use-library-records.ts).
  const [everything, error] = useLibraryRecords(repo, started);
  const { settings } = useSettings();
  const types = useClaimTypes();
  const data = useLibraryData(everything);
  // Shown until everything is read and made into the library's data.
  const loaded = data !== null;
  const preview = useMemo(
    () => (!loaded && typeof recent === 'object' ? buildLibraryData(recent.articles, recent.highlights) : null),
    [loaded, recent],
  );
  const tagCounts = useMemo(() => (data ? tagCountsOf(data.tagCounts) : []), [data]);
  return (
    <main class="library">
      <LowSpaceNotice />
      <LostLibraryNotice />
      <header class="lib-header">
        <h1>{t('library_title')}</h1>
        <HelpPanel place="library" />
      </header>
      <Tabs
        label={t('library_sections')}
        tabs={[
          { key: 'browse', label: t('library_browse') },
          { key: 'tags', label: t('library_tags') },
          { key: 'settings', label: t('library_settings') },
          { key: 'backup', label: t('library_backup') },
        ]}
        selected={view}
        onSelect={setView}
      />
      {error ? (
        <p class="notice" role="alert">
          {error.message}
        </p>
      ) : null}
      <div role="tabpanel" id={`panel-${view}`} aria-labelledby={`tab-${view}`} class="lib-panel">
        {view === 'browse' ? (
          data ? (
            <LibraryBrowser data={data} types={types} settings={settings} />
          ) : preview && typeof recent === 'object' ? (
            <LibraryBrowser data={preview} types={types} settings={settings} loading={{ total }} />
          ) : (
            <p class="loading" role="status">
              {t('sidebar_loading')}
            </p>
          )
        ) : null}
        {view === 'tags' ? <TagManager tags={tagCounts} /> : null}
        {view === 'settings' ? (
          <>
            <SettingsPanel settings={settings} types={types} />
            <SyncPanel />
          </>
        ) : null}
        {view === 'backup' ? (
          <>
            <BackupPanel />
            <AutoBackupPanel />
            <StoragePanel />
          </>
        ) : null}
      </div>
    </main>
  );
}
