/**
 * The one message protocol between the page side (content script), the background and the
 * extension pages (sidebar, library). Every message is declared here once, with its reply; every
 * receiver validates what arrives (zod) and checks who sent it before acting. Anything unknown,
 * malformed or from the wrong sender is dropped, answered with an error, and counted
 * (lib/messaging.ts sends and receives them). The page side's half, which it builds alone, is
 * lib/page-protocol.ts, re-exported here.
 */
import { HANDOFF_KEY, Handoff, Id, LIMITS, PageMessage, PageReplies, PaintNames, ToolbarSpec } from './page-protocol';
import { AnchorHint, ClaimType, Selectors, TextDirective } from './schema';
import { z } from './zod';

export { HANDOFF_KEY, Handoff, LIMITS, PageMessage, ToolbarSpec };

/**
 * Where a highlight landed on the page. An orphan may carry the selectors of the best candidate
 * the page found (too weak to paint): the sidebar offers it ("Is this it?"). A highlight anchored
 * anywhere but exactly where its stored quote stands carries `change` (the text was edited, or an
 * insertion split it) and, as `candidate`, the selectors of the text it landed on: never silent.
 */
export const PaintResult = z.object({
  id: Id,
  status: z.enum(['anchored', 'orphan']),
  reason: z.optional(z.enum(['not-found', 'ambiguous', 'low-confidence'])),
  change: z.optional(z.enum(['edited', 'split'])),
  candidate: z.optional(Selectors),
});
export type PaintResult = z.infer<typeof PaintResult>;

const Title = z.string().check(z.maxLength(LIMITS.title));
/** The canonical URL the page declares (checked against the tab's own URL by the background). */
const Canonical = z.nullable(z.string().check(z.maxLength(LIMITS.canonical)));

/** Messages the background receives. Page-side ones act only on the sending tab's own article. */
export const BackgroundMessage = z.discriminatedUnion('type', [
  /**
   * Page → background: the annotator started (or the page navigated in place); reply with what to
   * paint. The first one of a page load carries the names it paints under, to be styled.
   */
  z.object({ type: z.literal('page.ready'), title: Title, canonical: Canonical, names: z.optional(PaintNames) }),
  /** Page → background: the user chose a toolbar button on a selection; store it. */
  z.object({
    type: z.literal('highlight.create'),
    title: Title,
    canonical: Canonical,
    selector: Selectors,
    claimType: ClaimType,
    /** The text of the paragraph(s) the passage sits in, kept as its context. */
    block: z.optional(z.string().check(z.maxLength(LIMITS.block))),
    /** The passage link's `text=` directive, made on the page (lib/page/fragment-directive.ts). */
    textDirective: z.optional(z.nullable(TextDirective)),
  }),
  /** Page → background: the user clicked a painted highlight; tell the sidebar. */
  z.object({ type: z.literal('highlight.activated'), id: Id }),
  /**
   * Probe → background: the user selected text on a page where the page side does not run yet;
   * bring it, and its toolbar for that selection (lib/page/probe.ts).
   */
  z.object({ type: z.literal('page.wake') }),
  /** Page → background: highlights were (re-)anchored without being asked (late content). */
  z.object({ type: z.literal('page.anchored'), results: z.array(PaintResult).check(z.maxLength(10_000)) }),
  /**
   * Page → background: where highlights of the page were found in its DOM, to paint them the next
   * time without indexing the whole page first (lib/anchoring/hint.ts); null: the stored hint no
   * longer finds its highlight. Kept on this device for the sending tab's own article only.
   */
  z.object({
    type: z.literal('page.hints'),
    hints: z.array(z.object({ id: Id, hint: z.nullable(AnchorHint) })).check(z.maxLength(10_000)),
  }),
  /**
   * Extension page → background: paint this tab with the article's stored highlights, coloured by
   * the user's claim types (the background is the one authority on what a page paints); reply with
   * where each landed. No article yet: paint nothing.
   */
  z.object({ type: z.literal('paint.sync'), tabId: z.int(), articleId: z.nullable(Id) }),
  /** Extension page → background: make sure the annotator runs in this tab. */
  z.object({ type: z.literal('tab.attach'), tabId: z.int() }),
  /** Extension page → background: write an automatic backup now (the library's "Back up now"). */
  z.object({ type: z.literal('backup.auto') }),
  /** Extension page → background: the automatic backups on disk, newest first. */
  z.object({ type: z.literal('backup.autoList') }),
  /** Extension page → background: sync now (the background alone runs sync: one mirror, one writer). */
  z.object({ type: z.literal('sync.run') }),
  /** Extension page → background: stop syncing (forget the server, keys, state and mirror). */
  z.object({ type: z.literal('sync.off') }),
  /**
   * Extension page → background: many records were written at once (a backup restored, annotations
   * imported): paint the open tabs of annotated articles with what is stored now, and sync soon.
   */
  z.object({ type: z.literal('library.changed') }),
]);
export type BackgroundMessage = z.infer<typeof BackgroundMessage>;

/** Messages extension pages (the sidebar) receive from the background. */
export const SidebarMessage = z.discriminatedUnion('type', [
  /** A painted highlight was clicked in this tab: scroll to it and focus it. */
  z.object({ type: z.literal('sidebar.focus'), tabId: z.int(), id: Id }),
  /** The page of this tab anchored highlights again by itself (late content, navigation). */
  z.object({ type: z.literal('sidebar.anchored'), tabId: z.int(), results: z.array(PaintResult) }),
]);
export type SidebarMessage = z.infer<typeof SidebarMessage>;

/** Messages the offscreen document (Chrome) receives from the background. */
export const OffscreenMessage = z.discriminatedUnion('type', [
  /** Make the backup file as of `at` and hand back a Blob URL to download it from. */
  z.object({ type: z.literal('offscreen.backupUrl'), at: z.number() }),
]);
export type OffscreenMessage = z.infer<typeof OffscreenMessage>;

const AutoBackupFile = z.object({ id: z.int(), file: z.string(), at: z.number(), bytes: z.number() });

/** The reply schema of each message. */
export const Replies = {
  ...PageReplies,
  /**
   * `handedOff`: whether this page load was handed what to paint with the injection
   * (lib/background/early-load.ts) rather than asking; absent until its first answer is in.
   * `hinted`: how many highlights its first paint found by their anchor hints (lib/anchoring/hint.ts),
   * without the page's whole text; absent until that paint is done.
   */
  'page.ping': z.object({
    ready: z.literal(true),
    names: PaintNames,
    handedOff: z.optional(z.boolean()),
    hinted: z.optional(z.int().check(z.nonnegative())),
  }),
  'paint.set': z.object({ results: z.array(PaintResult) }),
  'page.snapshot': z.object({ url: z.string(), title: z.string(), id: Id, chunks: z.int().check(z.positive()) }),
  'page.snapshotChunk': z.object({ text: z.string() }),
  'page.scrollTo': z.object({ found: z.boolean() }),
  'page.highlightSelection': z.object({ id: z.nullable(Id) }),
  'page.describeSelection': z.object({ selector: z.nullable(Selectors) }),
  'page.createFromQuote': z.object({ id: z.nullable(Id) }),
  'page.showToolbar': z.object({ shown: z.boolean() }),
  'tab.attach': z.object({ attached: z.boolean(), reason: z.optional(z.string()) }),
  'paint.sync': z.object({ results: z.array(PaintResult) }),
  'page.wake': z.object({ attached: z.boolean() }),
  'sidebar.focus': z.object({}),
  'sidebar.anchored': z.object({}),
  'backup.auto': AutoBackupFile,
  'backup.autoList': z.object({ files: z.array(AutoBackupFile) }),
  'sync.run': z.object({
    ran: z.boolean(),
    lastSync: z.nullable(z.number()),
    error: z.nullable(z.object({ code: z.string(), detail: z.string(), at: z.number() })),
    report: z.nullable(
      z.object({
        pushed: z.number(),
        pulled: z.number(),
        merged: z.number(),
        deleted: z.number(),
        newer: z.number(),
      }),
    ),
  }),
  'sync.off': z.object({}),
  'library.changed': z.object({}),
  'offscreen.backupUrl': z.object({ url: z.string(), bytes: z.number() }),
} as const;

export type AnyMessage = BackgroundMessage | PageMessage | SidebarMessage | OffscreenMessage;
/** The reply type of message type `T`. */
export type Reply<T extends AnyMessage['type']> = z.infer<(typeof Replies)[T]>;
