/** Claim type and status names in the UI language (extension side; the page gets them resolved). */
import type { ClaimTypeDef } from './claim-types';
import { t } from './i18n';
import type { ToolbarSpec } from './protocol';

/** A claim type's name: the user's, else the built-in one translated. */
export function claimLabel(def: Pick<ClaimTypeDef, 'id' | 'label'>): string {
  return def.label ?? t(`claimType_${def.id}`);
}

/** The name of a claim type id under the given definitions (an unknown id shows as itself). */
export function claimLabelOf(id: string | null, defs: readonly ClaimTypeDef[]): string {
  if (id === null) return t('claimType_none');
  const def = defs.find((d) => d.id === id);
  return def ? claimLabel(def) : id;
}

/** What the page's selection toolbar offers: the visible types, named in the UI language. */
export function toolbarSpec(defs: readonly ClaimTypeDef[]): ToolbarSpec {
  return {
    label: t('toolbar_label'),
    highlight: t('action_highlight'),
    types: defs
      .filter((d) => !d.hidden)
      .map((d) => ({ id: d.id, slot: d.slot, glyph: d.glyph, label: claimLabel(d).slice(0, 100) })),
  };
}
