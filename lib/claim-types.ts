/**
 * Claim types. Six are built in (claim, evidence, statistic, opinion, quote, question); the user can
 * rename, recolour or hide them and add their own. A type's colour is a slot in a fixed palette:
 * the page paints by slot, never by name, so page scripts listing `CSS.highlights` learn nothing
 * about the annotation. Each type also has a glyph, so the type never depends on colour alone.
 */
import type { ClaimTypeDef } from './schema';

export const CLAIM_TYPES = ['claim', 'evidence', 'statistic', 'opinion', 'quote', 'question'] as const;

/** One of the built-in claim types. */
export type ClaimTypeId = (typeof CLAIM_TYPES)[number];

/** Statuses a claim can carry while it is being checked. */
export const CLAIM_STATUSES = ['unverified', 'supported', 'disputed', 'false'] as const;

/**
 * The palette, by slot. public/page.css paints `::highlight(marginalia-N)` in these colours (a unit
 * test keeps the two equal). Slot 0 is the plain highlight.
 */
export const PALETTE: readonly string[] = [
  '#f5d33d', // 0 yellow: plain highlight
  '#f28c28', // 1 orange
  '#3fae5a', // 2 green
  '#3b82f6', // 3 blue
  '#b565d9', // 4 purple
  '#14b8a6', // 5 teal
  '#e5484d', // 6 red
  '#ec4899', // 7 pink
  '#a16207', // 8 brown
  '#64748b', // 9 slate
  '#84cc16', // 10 lime
  '#6366f1', // 11 indigo
  '#06b6d4', // 12 cyan
  '#d946ef', // 13 magenta
  '#78716c', // 14 stone
  '#0ea5e9', // 15 sky
];

/** How a claim type looks: its paint slot (0 is the plain highlight), colour and glyph. */
export interface ClaimTypeStyle {
  slot: number;
  color: string;
  glyph: string;
}

/** A claim type as the user set it up; one definition, the schema's (a type-only import: no cycle). */
export type { ClaimTypeDef };

/** Slot, colour and glyph for the plain highlight (`null`) and every built-in type. */
export const CLAIM_STYLES: Record<ClaimTypeId | 'highlight', ClaimTypeStyle> = {
  highlight: { slot: 0, color: PALETTE[0] as string, glyph: '✎' },
  claim: { slot: 1, color: PALETTE[1] as string, glyph: '!' },
  evidence: { slot: 2, color: PALETTE[2] as string, glyph: '✓' },
  // Not blue: a blue wash looks like the browser's own text selection.
  statistic: { slot: 8, color: PALETTE[8] as string, glyph: '#' },
  opinion: { slot: 4, color: PALETTE[4] as string, glyph: '◐' },
  quote: { slot: 5, color: PALETTE[5] as string, glyph: '“' },
  question: { slot: 6, color: PALETTE[6] as string, glyph: '?' },
};

/** The built-in types as definitions, in their default order. */
export const DEFAULT_CLAIM_TYPES: readonly ClaimTypeDef[] = CLAIM_TYPES.map((id) => ({
  id,
  label: null,
  slot: CLAIM_STYLES[id].slot,
  glyph: CLAIM_STYLES[id].glyph,
  hidden: false,
}));

/** The types whose highlights are checked by default (a status: supported, disputed, false …). */
const CHECKABLE_BY_DEFAULT: ReadonlySet<string> = new Set(['claim', 'statistic', 'evidence']);

/**
 * Whether highlights of this type carry a check status: the user's setting, else the default
 * (claim, statistic, evidence; not opinion, quote, question or a type of the user's own). So no
 * "False question".
 */
export function isCheckable(def: ClaimTypeDef | undefined): boolean {
  if (!def) return false;
  return def.checkable ?? CHECKABLE_BY_DEFAULT.has(def.id);
}

/** True when `value` names a built-in claim type. */
export function isClaimType(value: unknown): value is ClaimTypeId {
  return typeof value === 'string' && (CLAIM_TYPES as readonly string[]).includes(value);
}

/**
 * The user's types completed with every built-in one they lack (a built-in type can be hidden, never
 * lost), in the user's order.
 */
export function resolveClaimTypes(stored: readonly ClaimTypeDef[] | null | undefined): ClaimTypeDef[] {
  const list = [...(stored ?? [])];
  const seen = new Set(list.map((d) => d.id));
  for (const def of DEFAULT_CLAIM_TYPES) if (!seen.has(def.id)) list.push({ ...def });
  return list;
}

/** The style of a claim type id under the given definitions; unknown or null paints as plain. */
export function claimStyle(type: string | null | undefined, defs: readonly ClaimTypeDef[]): ClaimTypeStyle {
  const def = type ? defs.find((d) => d.id === type) : undefined;
  if (!def) return CLAIM_STYLES.highlight;
  return { slot: def.slot, color: PALETTE[def.slot] ?? (PALETTE[0] as string), glyph: def.glyph };
}

/** A new custom type id from its label: a readable slug plus a short random part. */
export function customTypeId(label: string, random = Math.random): string {
  const slug = label
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 24);
  return `${slug || 'type'}-${Math.floor(random() * 36 ** 4)
    .toString(36)
    .padStart(4, '0')}`;
}
