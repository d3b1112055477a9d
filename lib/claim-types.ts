/**
 * The built-in claim types a highlight can carry. Each has a colour slot (the page paints by slot,
 * never by name, so page scripts listing `CSS.highlights` learn nothing about the annotation) and a
 * glyph, so the type never depends on colour alone.
 */
export const CLAIM_TYPES = ['claim', 'evidence', 'statistic', 'opinion', 'quote', 'question'] as const;

/** One of the built-in claim types. */
export type ClaimTypeId = (typeof CLAIM_TYPES)[number];

/** How a claim type looks: its paint slot (1-based; 0 is the plain highlight), colour and glyph. */
export interface ClaimTypeStyle {
  slot: number;
  color: string;
  glyph: string;
}

/** Slot, colour and glyph for the plain highlight (`null`) and every built-in type. */
export const CLAIM_STYLES: Record<ClaimTypeId | 'highlight', ClaimTypeStyle> = {
  highlight: { slot: 0, color: '#f5d33d', glyph: '✎' },
  claim: { slot: 1, color: '#f28c28', glyph: '!' },
  evidence: { slot: 2, color: '#3fae5a', glyph: '✓' },
  statistic: { slot: 3, color: '#3b82f6', glyph: '#' },
  opinion: { slot: 4, color: '#b565d9', glyph: '◐' },
  quote: { slot: 5, color: '#14b8a6', glyph: '“' },
  question: { slot: 6, color: '#e5484d', glyph: '?' },
};

/** True when `value` names a built-in claim type. */
export function isClaimType(value: unknown): value is ClaimTypeId {
  return typeof value === 'string' && (CLAIM_TYPES as readonly string[]).includes(value);
}

/** The style of a highlight's claim type; unknown or missing types paint as a plain highlight. */
export function claimStyle(type: string | null | undefined): ClaimTypeStyle {
  return isClaimType(type) ? CLAIM_STYLES[type] : CLAIM_STYLES.highlight;
}
