import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { t, tn } from '@/lib/i18n';
import { sendToBackground } from '@/lib/messaging';
import { getRepository } from '@/lib/store/repository';
import type { SyncErrorCode } from '@/lib/sync/client';
import type { SyncReport } from '@/lib/sync/engine';
import { formatDateTime } from '@/lib/ui/format';
import { type Status, StatusLine } from './StatusLine';

type Client = typeof import('@/lib/sync/client');
/** The sync code (PouchDB included) loads when this panel is first shown. */
const loadClient = (): Promise<Client> => import('@/lib/sync/client');

type State = Awaited<ReturnType<Client['syncState']>>;

const ERROR_KEYS: Record<SyncErrorCode, string> = {
  'bad-url': 'sync_error_badUrl',
  unreachable: 'sync_error_unreachable',
  unauthorized: 'sync_error_unauthorized',
  'no-database': 'sync_error_noDatabase',
  'wrong-passphrase': 'sync_error_wrongPassphrase',
  'newer-format': 'sync_error_newerFormat',
  server: 'sync_error_server',
};

/** A sync failure in words. */
function errorText(code: SyncErrorCode, detail: string, database = ''): string {
  return t(ERROR_KEYS[code], code === 'no-database' ? database : detail);
}

function reportText(r: Pick<SyncReport, 'pushed' | 'pulled' | 'merged' | 'deleted' | 'newer'>): string {
  const lines = [t('sync_done', [String(r.pushed), String(r.pulled), String(r.merged), String(r.deleted)])];
  if (r.newer) lines.push(t('sync_newer', String(r.newer)));
  return lines.join('\n');
}

/**
 * Settings → Sync: the server, user name, password and sync passphrase (labelled for screen readers
 * and tests), "Sync now", the status (last synced, changes not yet synced, the last error in words,
 * progress), and "Stop syncing", which keeps everything here.
 */
export function SyncPanel() {
  const repo = getRepository();
  const [state, setState] = useState<State | null>(null);
  const [form, setForm] = useState({ serverUrl: '', username: '', password: '', passphrase: '' });
  const [status, setStatus] = useState<Status | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  /** Reads the state; the count of changes not yet synced (a read of the whole library) only when asked. */
  const refresh = async (countPending = true) => {
    const next = await (await loadClient()).syncState(repo, countPending);
    setState((old) => (next.pending === null ? { ...next, pending: old?.pending ?? null } : next));
  };
  useEffect(() => {
    void refresh().catch(() => undefined);
    // The background syncs on its own: its last run shows within seconds (the count waits for an action).
    const timer = setInterval(() => void refresh(false).catch(() => undefined), 10_000);
    return () => clearInterval(timer);
  }, []);

  /** Asks the background to sync (it alone runs sync), and says how it went. */
  const run = async () => {
    setBusy(t('sync_running'));
    const done = await sendToBackground({ type: 'sync.run' });
    if (done.error) setStatus({ kind: 'error', text: errorText(done.error.code as SyncErrorCode, done.error.detail) });
    else if (done.report) setStatus({ kind: 'ok', text: reportText(done.report) });
  };

  const turnOn = async (e: Event) => {
    e.preventDefault();
    setStatus(null);
    const client = await loadClient();
    try {
      const server = client.serverAddress(form.serverUrl);
      // Host permission for the server, asked for now (at install only the pages' are).
      const origins = [`${new URL(server).origin}/*`];
      if (!(await browser.permissions.contains({ origins }).catch(() => false))) {
        await browser.permissions.request({ origins }).catch(() => false);
      }
      setBusy(t('sync_running'));
      await client.turnOn(repo, form);
      setForm({ ...form, password: '', passphrase: '' });
      await run();
    } catch (err) {
      const error = client.syncErrorOf(err);
      setStatus({
        kind: 'error',
        text: errorText(error.code, error.detail, client.userDatabase(form.username.trim())),
      });
    } finally {
      setBusy(null);
      await refresh();
    }
  };

  const syncNow = async () => {
    setStatus(null);
    try {
      await run();
    } finally {
      setBusy(null);
      await refresh();
    }
  };

  const stop = async () => {
    await sendToBackground({ type: 'sync.off' });
    setStatus({ kind: 'ok', text: t('sync_stopped') });
    await refresh();
  };

  const field = (name: keyof typeof form, label: string, type: 'url' | 'text' | 'password', autocomplete: string) => (
    <label class="field">
      <span>{label}</span>
      <input
        type={type as 'text'}
        name={name}
        autocomplete={autocomplete}
        required
        value={form[name]}
        onInput={(e) => setForm({ ...form, [name]: e.currentTarget.value })}
      />
    </label>
  );

  return (
    <section aria-labelledby="lib-sync" class="sync">
      <h2 id="lib-sync">{t('sync_title')}</h2>
      <p class="hint">{t('sync_help')}</p>
      {state?.on ? (
        <>
          <p data-sync="on">{t('sync_on', [state.serverUrl ?? '', state.username ?? ''])}</p>
          <p class="hint" data-sync-pending={state.pending}>
            {state.status.lastSync ? t('sync_last', formatDateTime(state.status.lastSync)) : t('sync_never')}{' '}
            {state.pending ? tn('sync_pending', state.pending) : null}
          </p>
          {state.status.lastError && state.status.lastError.at >= (state.status.lastSync ?? 0) ? (
            <p class="notice pre">
              {t('sync_lastError', [
                formatDateTime(state.status.lastError.at),
                errorText(state.status.lastError.code, state.status.lastError.detail),
              ])}
            </p>
          ) : null}
          <div class="row">
            <button type="button" disabled={!!busy} onClick={() => void syncNow()}>
              {t('sync_now')}
            </button>
            <button type="button" disabled={!!busy} onClick={() => void stop()}>
              {t('sync_stop')}
            </button>
          </div>
        </>
      ) : state ? (
        <form class="sync-form" onSubmit={(e) => void turnOn(e)}>
          {field('serverUrl', t('sync_server'), 'url', 'url')}
          {field('username', t('sync_user'), 'text', 'username')}
          {field('password', t('sync_password'), 'password', 'current-password')}
          {field('passphrase', t('sync_passphrase'), 'password', 'new-password')}
          <p class="hint">{t('sync_passphraseHelp')}</p>
          <div class="row">
            <button type="submit" disabled={!!busy}>
              {t('sync_now')}
            </button>
          </div>
        </form>
      ) : null}
      {busy ? (
        <p class="hint" role="status">
          {busy}
        </p>
      ) : null}
      <StatusLine status={status} />
    </section>
  );
}
