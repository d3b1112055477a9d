/**
 * The page side's half of the protocol (lib/protocol.ts declares the whole of it and re-exports this):
 * the messages the page side receives, the replies it gets to what it sends, and what the background
 * hands it with its injection. Kept apart because every zod schema costs its making where it is
 * imported, and the page side starts on a page the reader is waiting on: it makes these alone.
 */

import { ClaimType, ClaimTypeIdSchema, PaintItem, Selectors } from './paint-item';
import { PAINT_NAME } from './paint-style';
import { z } from './zod';

export const Id = z.string().check(z.minLength(1), z.maxLength(100));

/** The longest title and canonical URL a page-side message carries (the page side trims to these). */
export const LIMITS = { title: 2000, canonical: 8192, block: 2000 } as const;

const PaintName = z.string().check(z.regex(PAINT_NAME));
/** The per-load names the page side paints under (the background styles them). */
export const PaintNames = z.object({
  slots: z.array(PaintName).check(z.length(16)),
  flash: PaintName,
  changed: PaintName,
});

/**
 * What the selection toolbar offers, in the UI language: the user's visible claim types with their
 * colour slot, glyph and name. Names only, never notes or tags.
 */
export const ToolbarSpec = z.object({
  label: z.string().check(z.maxLength(100)),
  highlight: z.string().check(z.maxLength(100)),
  types: z
    .array(
      z.object({
        id: ClaimTypeIdSchema,
        slot: z.int().check(z.nonnegative(), z.maximum(15)),
        glyph: z.string().check(z.maxLength(4)),
        label: z.string().check(z.maxLength(100)),
      }),
    )
    .check(z.maxLength(64)),
});
export type ToolbarSpec = z.infer<typeof ToolbarSpec>;

/**
 * Messages the page side receives, from the background or an extension page. Made when the first one
 * arrives (`z.lazy`), not as the page side starts, while the reader waits for its first paint.
 */
export const PageMessage = z.lazy(() =>
  z.discriminatedUnion('type', [
    /** Is the annotator running here? */
    z.object({ type: z.literal('page.ping') }),
    /** Paint exactly these highlights (add, keep or remove); reply with where each landed. */
    z.object({ type: z.literal('paint.set'), items: z.array(PaintItem).check(z.maxLength(10_000)) }),
    /**
     * Serialise the document so an extension page can extract the article off the page's thread;
     * the reply says how many chunks to ask for with `page.snapshotChunk`, in order.
     */
    z.object({ type: z.literal('page.snapshot') }),
    /** One chunk of the snapshot `id` (kept on the page until its last chunk is asked for, or a minute). */
    z.object({ type: z.literal('page.snapshotChunk'), id: Id, index: z.int().check(z.nonnegative()) }),
    /** Scroll the highlight into view and flash it. */
    z.object({ type: z.literal('page.scrollTo'), id: Id }),
    /** Highlight the current selection (context menu, keyboard shortcut): trusted browser UI. */
    z.object({ type: z.literal('page.highlightSelection'), claimType: ClaimType }),
    /** Show the toolbar for the user's current selection (the page side was just brought for it). */
    z.object({ type: z.literal('page.showToolbar') }),
    /** Selectors for the current selection, to re-attach an orphan to it. */
    z.object({ type: z.literal('page.describeSelection') }),
    /** Highlight the passage a quote selector names (made in the reader view): find it here first. */
    z.object({ type: z.literal('page.createFromQuote'), selector: Selectors, claimType: ClaimType }),
  ]),
);
export type PageMessage = z.infer<typeof PageMessage>;

/** The reply schema of each message the page side sends (replies to what it receives are checked by their senders). */
export const PageReplies = {
  /** `styled`: names whose stylesheet the background put in the tab as this load began, to paint under. */
  'page.ready': z.object({ items: z.array(PaintItem), toolbar: ToolbarSpec, styled: z.optional(PaintNames) }),
  'highlight.create': z.object({ id: Id, slot: z.int() }),
  'highlight.activated': z.object({}),
  'page.anchored': z.object({}),
  'page.hints': z.object({}),
} as const;

/**
 * What the background hands the page side as it injects it into a page load it prepared for
 * (lib/background/early-load.ts): the `page.ready` answer, the names styled for the load and the URL
 * it is for. Put in the page side's own world (page scripts cannot reach it) under `HANDOFF_KEY`
 * just before the page side's script, and validated there like any answer.
 */
export const Handoff = z.object({ ...PageReplies['page.ready'].shape, url: z.string(), styled: PaintNames });
export type Handoff = z.infer<typeof Handoff>;
/**
 * The handoff but its items, which the page side checks a slice at a time (`PaintItems`): only that
 * they are an array here (`z.array(z.unknown())` ran a check for each item, to be checked again).
 */
export const HandoffEnvelope = z.object({ ...Handoff.shape, items: z.custom<unknown[]>(Array.isArray) });
/**
 * A slice of the handed items, checked in one parse: one `safeParse` an item cost the page side's
 * first paint 1–1.5 ms more (200 items; `npm run bench:cold`, 27 loads each of yahoo-2 and
 * wikipedia-2, builds interleaved, medians and lower quartiles alike).
 */
export const PaintItems = z.array(PaintItem);
export const HANDOFF_KEY = '__marginaliaHandoff';
