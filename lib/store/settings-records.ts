/**
 * The user's settings: read (defaults until they change one, and if the stored record is unreadable)
 * and changed in part. The change records and the repository extend this.
 */
import { type ClaimTypeDef, resolveClaimTypes } from '../claim-types';
import { check } from '../records';
import { Settings } from '../schema';
import { type MarginaliaDB, settingsOf, settingsRecord } from './db';
import { GuardedAccess } from './guarded-access';

/** Settings before the user changed any. */
export const DEFAULT_SETTINGS: Settings = {
  claimTypes: [],
  language: 'auto',
  citationStyle: 'apa',
  markdownTemplate: 'default',
  autoBackup: 'weekly',
  keepTextCopies: true,
  selectionToolbar: 'articles',
  updatedAt: 0,
};

export class SettingsRecords extends GuardedAccess {
  constructor(
    db: MarginaliaDB,
    room: () => Promise<void>,
    /** The clock (tests pass their own). */
    protected readonly now: () => number,
  ) {
    super(db, room);
  }

  /** The user's settings (defaults until they change one). */
  async getSettings(): Promise<Settings> {
    const stored = await this.run(() => this.db.settings.get('settings'));
    if (!stored) return DEFAULT_SETTINGS;
    const parsed = Settings.safeParse(settingsOf(stored));
    return parsed.success ? parsed.data : DEFAULT_SETTINGS;
  }

  /** Changes some settings; the rest stay. */
  async saveSettings(patch: Partial<Omit<Settings, 'updatedAt'>>): Promise<Settings> {
    const now = this.now();
    return this.write(() =>
      this.db.transaction('rw', this.db.settings, async () => {
        const stored = await this.db.settings.get('settings');
        const current = stored ? settingsOf(stored) : DEFAULT_SETTINGS;
        const next = check(Settings, { ...current, ...patch, updatedAt: Math.max(now, current.updatedAt + 1) });
        await this.db.settings.put(settingsRecord(next));
        return next;
      }),
    );
  }

  /** The claim types in use: the user's, completed with the built-in ones. */
  async claimTypes(): Promise<ClaimTypeDef[]> {
    return resolveClaimTypes((await this.getSettings()).claimTypes);
  }
}
