import { useState } from 'preact/hooks';
import { claimLabel } from '@/lib/claim-labels';
import { type ClaimTypeDef, customTypeId, isCheckable, PALETTE } from '@/lib/claim-types';
import { t } from '@/lib/i18n';
import { SELECTION_TOOLBAR, type SelectionToolbarMode, type Settings, UI_LANGUAGES } from '@/lib/schema';
import { getRepository } from '@/lib/store/repository';

/** Props of {@link SettingsPanel}. */
export interface SettingsPanelProps {
  settings: Settings;
  types: ClaimTypeDef[];
}

/** The UI language, and the claim types: rename, recolour, hide, reorder, add. */
export function SettingsPanel({ settings, types }: SettingsPanelProps) {
  const repo = getRepository();
  const [error, setError] = useState<string | null>(null);
  const [newLabel, setNewLabel] = useState('');
  const save = async (claimTypes: ClaimTypeDef[]) => {
    try {
      await repo.saveSettings({ claimTypes });
      setError(null);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  const change = (id: string, patch: Partial<ClaimTypeDef>) =>
    void save(types.map((d) => (d.id === id ? { ...d, ...patch } : d)));
  const move = (i: number, step: -1 | 1) => {
    const next = [...types];
    const [item] = next.splice(i, 1);
    if (item) next.splice(i + step, 0, item);
    void save(next);
  };
  const add = () => {
    const label = newLabel.trim();
    if (!label) return;
    const used = new Set(types.map((d) => d.slot));
    const slot = PALETTE.findIndex((_, s) => s > 0 && !used.has(s));
    void save([...types, { id: customTypeId(label), label, slot: slot > 0 ? slot : 9, glyph: '•', hidden: false }]);
    setNewLabel('');
  };
  return (
    <div class="settings">
      <section aria-labelledby="set-lang">
        <h2 id="set-lang">{t('settings_language')}</h2>
        <select
          aria-labelledby="set-lang"
          value={settings.language}
          onChange={(e) => void repo.saveSettings({ language: e.currentTarget.value as Settings['language'] })}
        >
          {UI_LANGUAGES.map((l) => (
            <option key={l} value={l}>
              {t(`language_${l}`)}
            </option>
          ))}
        </select>
      </section>
      <section aria-labelledby="set-toolbar">
        <h2 id="set-toolbar">{t('settings_toolbar')}</h2>
        <div class="row">
          <label for="set-toolbar-mode">{t('settings_toolbarWhen')}</label>
          <select
            id="set-toolbar-mode"
            value={settings.selectionToolbar}
            onChange={(e) =>
              void repo.saveSettings({ selectionToolbar: e.currentTarget.value as SelectionToolbarMode })
            }
          >
            {SELECTION_TOOLBAR.map((m) => (
              <option key={m} value={m}>
                {t(`toolbarMode_${m}`)}
              </option>
            ))}
          </select>
        </div>
        <p class="hint">{t('settings_toolbarHelp')}</p>
      </section>
      <section aria-labelledby="set-types">
        <h2 id="set-types">{t('settings_claimTypes')}</h2>
        <p class="hint">{t('settings_claimTypesHelp')}</p>
        {error ? (
          <p class="notice pre" role="alert">
            {error}
          </p>
        ) : null}
        <ul class="type-table">
          {types.map((d, i) => (
            <li key={d.id} class={`type-row${d.hidden ? ' hidden-type' : ''}`}>
              <span class="chip-glyph" aria-hidden="true" style={{ background: PALETTE[d.slot] }}>
                {d.glyph}
              </span>
              <input
                type="text"
                aria-label={t('settings_typeName')}
                value={claimLabel(d)}
                maxLength={60}
                onChange={(e) => {
                  const label = e.currentTarget.value.trim();
                  if (label) change(d.id, { label: label === t(`claimType_${d.id}`) ? null : label });
                }}
              />
              <select
                aria-label={t('settings_typeColour', claimLabel(d))}
                value={String(d.slot)}
                onChange={(e) => change(d.id, { slot: Number(e.currentTarget.value) })}
              >
                {PALETTE.map((c, s) => (
                  <option key={c} value={String(s)}>
                    {t(`colour_${s}`)}
                  </option>
                ))}
              </select>
              <input
                type="text"
                class="glyph-input"
                aria-label={t('settings_typeGlyph', claimLabel(d))}
                value={d.glyph}
                maxLength={2}
                onChange={(e) => e.currentTarget.value.trim() && change(d.id, { glyph: e.currentTarget.value.trim() })}
              />
              <label class="check">
                <input
                  type="checkbox"
                  checked={!d.hidden}
                  onChange={(e) => change(d.id, { hidden: !e.currentTarget.checked })}
                />
                {t('settings_typeShown')}
              </label>
              <label class="check">
                <input
                  type="checkbox"
                  checked={isCheckable(d)}
                  onChange={(e) => change(d.id, { checkable: e.currentTarget.checked })}
                />
                {t('settings_typeCheckable')}
              </label>
              <button
                type="button"
                aria-label={t('settings_moveUp', claimLabel(d))}
                disabled={i === 0}
                onClick={() => move(i, -1)}
              >
                ↑
              </button>
              <button
                type="button"
                aria-label={t('settings_moveDown', claimLabel(d))}
                disabled={i === types.length - 1}
                onClick={() => move(i, 1)}
              >
                ↓
              </button>
            </li>
          ))}
        </ul>
        <div class="row">
          <input
            type="text"
            aria-label={t('settings_newType')}
            placeholder={t('settings_newType')}
            value={newLabel}
            maxLength={60}
            onInput={(e) => setNewLabel(e.currentTarget.value)}
            onKeyDown={(e) => e.key === 'Enter' && add()}
          />
          <button type="button" onClick={add} disabled={!newLabel.trim()}>
            {t('settings_addType')}
          </button>
        </div>
      </section>
      <section aria-labelledby="set-about">
        <h2 id="set-about">{t('settings_about')}</h2>
        <p class="hint">{t('settings_credits')}</p>
      </section>
    </div>
  );
}
