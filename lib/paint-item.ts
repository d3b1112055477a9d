/**
 * The data schemas the page side builds: W3C selectors, claim type ids and what the page needs to
 * paint one highlight. Kept apart from the rest of lib/schema.ts (which re-exports them, and stays
 * the one place the stored types are declared) because every zod schema costs the page its making
 * when the page side starts: the page side makes these and not the library's records.
 */
import { z } from './zod';

/** Longest quote we store; a longer selection is refused with a message rather than truncated. */
export const MAX_QUOTE = 20_000;

export const text = (max: number) => z.string().check(z.maxLength(max));
const offset = z.int().check(z.nonnegative());

/** W3C TextQuoteSelector: the exact quote with the text just before and after it. */
export const TextQuoteSelector = z.object({
  type: z.literal('TextQuoteSelector'),
  exact: z.string().check(z.minLength(1), z.maxLength(MAX_QUOTE)),
  prefix: text(1000),
  suffix: text(1000),
});
export type TextQuoteSelector = z.infer<typeof TextQuoteSelector>;

/** W3C TextPositionSelector: character offsets into the normalised text view. */
export const TextPositionSelector = z.object({
  type: z.literal('TextPositionSelector'),
  start: offset,
  end: offset,
});
export type TextPositionSelector = z.infer<typeof TextPositionSelector>;

/** Where a highlight sits: both selectors, so anchoring can fall back from one to the other. */
export const Selectors = z.tuple([TextQuoteSelector, TextPositionSelector]);

/**
 * The text model a position counts in, when it is not ours: `document-text` is the page body's raw
 * `textContent` (scripts and white space included), as Hypothesis counts. The page converts such a
 * position before using it, and then only as a hint: quote and context decide.
 */
export const PositionIn = z.optional(z.literal('document-text'));

/** A claim type id (built-in or the user's own, see lib/claim-types.ts), or null for a plain highlight. */
export const ClaimTypeIdSchema = z.string().check(z.regex(/^[a-z0-9][a-z0-9_-]{0,39}$/));
export const ClaimType = z.nullable(ClaimTypeIdSchema);
export type ClaimType = z.infer<typeof ClaimType>;

/**
 * Where the page side last found a highlight in the page's DOM, kept on this device only (derived,
 * never exported or synced): the first text node of the stretch holding its quote and the context
 * anchoring compares, as a path from the body (lib/anchoring/hint.ts), how many text nodes the
 * stretch runs to, and where the quote starts in its text. A page load paints with it before its
 * whole text is indexed, once the quote and its context are found there as stored; otherwise it is
 * not used.
 */
export const AnchorHint = z.object({
  from: text(2000),
  offset: z.int().check(z.nonnegative(), z.maximum(1_000_000)),
  /** Text nodes the stretch held (from its first to its last), and the page's whole text held, when it was made. */
  nodes: z.int().check(z.nonnegative(), z.maximum(10_000_000)),
  of: z.int().check(z.nonnegative(), z.maximum(10_000_000)),
});
export type AnchorHint = z.infer<typeof AnchorHint>;

/**
 * Share of the page's text nodes above which hints are not used: their stretches would walk most of
 * the text, slower per node than the whole text's one walk. Measured with 200 highlights
 * (`npm run bench:cold`, medians of 9 loads, nine rounds): wikipedia-2's stretches held 29% of its
 * 14,322 text nodes, and painted 6–17 ms sooner than the whole text; yahoo-2's held 92% of 3,145 and
 * the seed's 96% of 186, and painted no sooner (yahoo-2 up to 28 ms later).
 */
export const MOST_OF_THE_TEXT = 0.5;

/**
 * Whether looking at these hints' stretches is worth it, against indexing the whole text: judged by
 * the text nodes they held when made (overlapping stretches counted each time, as a dense page's are
 * looked at more than once when they do not overlap in order).
 */
export function worthLooking(hints: readonly Pick<AnchorHint, 'nodes' | 'of'>[]): boolean {
  let nodes = 0;
  let of = 0;
  for (const h of hints) {
    nodes += h.nodes;
    of = Math.max(of, h.of);
  }
  return hints.length > 0 && nodes <= of * MOST_OF_THE_TEXT;
}

/** What the page needs to paint one highlight, and nothing more (no notes, no tags). */
export const PaintItem = z.object({
  id: z.string().check(z.minLength(1), z.maxLength(100)),
  slot: z.int().check(z.nonnegative(), z.maximum(15)),
  selector: Selectors,
  positionIn: PositionIn,
  hint: z.optional(AnchorHint),
});
export type PaintItem = z.infer<typeof PaintItem>;
