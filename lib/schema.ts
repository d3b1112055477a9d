/**
 * The data types of Marginalia, as zod schemas: the single source of both the stored shape and the
 * TypeScript types. Highlights keep W3C Web Annotation selectors (TextQuoteSelector with
 * prefix/suffix, TextPositionSelector) over the page's normalised text view (see lib/anchoring).
 */
import { CLAIM_STATUSES, PALETTE } from './claim-types';
import {
  AnchorHint,
  ClaimType,
  ClaimTypeIdSchema,
  MAX_QUOTE,
  PaintItem,
  PositionIn,
  Selectors,
  TextPositionSelector,
  TextQuoteSelector,
  text,
} from './paint-item';
import { z } from './zod';

// The page side's schemas (lib/paint-item.ts), declared there so the page side builds only them.
export {
  AnchorHint,
  ClaimType,
  ClaimTypeIdSchema,
  MAX_QUOTE,
  PaintItem,
  PositionIn,
  Selectors,
  TextPositionSelector,
  TextQuoteSelector,
};

/** Longest note or tag. */
export const MAX_NOTE = 100_000;
export const MAX_TAG = 100;

/** A highlight's target: the page and where on it (both selectors). */
export const Target = z.object({
  source: text(8192),
  selector: Selectors,
  positionIn: PositionIn,
});
export type Target = z.infer<typeof Target>;

/** Where checking a claim stands, or null when nobody has said. */
export const ClaimStatus = z.nullable(z.enum(CLAIM_STATUSES));
export type ClaimStatus = z.infer<typeof ClaimStatus>;

/** A web link the user gave (a source or a fact-check): http(s) only. */
export const WebLink = z.string().check(z.maxLength(8192), z.regex(/^https?:\/\/[^\s]+$/i));

/** A free tag: trimmed, non-empty, no whitespace-only strings. */
export const Tag = z.string().check(z.trim(), z.minLength(1), z.maxLength(MAX_TAG));

/** A `text=` directive as a URL writes it: percent-encoded terms, commas, dashes. */
export const TextDirective = z.string().check(z.maxLength(4096), z.regex(/^text=[A-Za-z0-9%\-_.!~*'(),]+$/));

/** One highlight of one article. Times are epoch milliseconds. */
export const Highlight = z.object({
  id: z.string().check(z.minLength(1)),
  articleId: z.string().check(z.minLength(1)),
  target: Target,
  claimType: ClaimType,
  /** Where checking the claim stands. */
  status: ClaimStatus,
  /** A link to a source or fact-check for the claim. */
  sourceUrl: z.nullable(WebLink),
  tags: z.array(Tag),
  note: text(MAX_NOTE),
  createdAt: z.number(),
  updatedAt: z.number(),
  /** The text of the paragraph(s) the passage sat in when highlighted: its context if the page changes. */
  block: z.optional(text(2000)),
  /**
   * The passage link's `text=` directive (WICG scroll-to-text-fragment), made on the page when the
   * passage was highlighted so that it finds this passage there first (lib/page/fragment-directive.ts).
   * null: the page was read and no link finds the passage or any part of it first (the same text,
   * block and context stand earlier on the page), so its link opens the page. Older highlights have
   * neither; their links are made from the quote and its block.
   */
  textDirective: z.optional(z.nullable(TextDirective)),
  /** Earlier wordings, oldest first: the quote before the user accepted the page's new wording. */
  history: z.optional(z.array(z.object({ quote: TextQuoteSelector, at: z.number() })).check(z.maxLength(100))),
  /**
   * Versions this highlight was merged from and lost to a later edit (made on another device or in
   * another browser): their type, status, source link, note and tags, kept (lib/merge.ts).
   */
  merges: z.optional(
    z
      .array(
        z.object({
          at: z.number(),
          claimType: ClaimType,
          status: ClaimStatus,
          sourceUrl: z.nullable(WebLink),
          note: text(MAX_NOTE),
          tags: z.array(Tag),
        }),
      )
      .check(z.maxLength(20)),
  ),
  /** What the page said at this passage when last seen, when that differs from the quote. */
  pageNow: z.optional(z.nullable(z.object({ text: text(MAX_QUOTE), at: z.number() }))),
  /** The page's changed wording the user chose to keep the original against (it stays marked). */
  kept: z.optional(z.nullable(z.object({ now: text(MAX_QUOTE), at: z.number() }))),
});
export type Highlight = z.infer<typeof Highlight>;

/** What extraction learns about a page: Readability's view, or the document's own title. */
export const ArticleMeta = z.object({
  title: text(2000),
  byline: z.nullable(text(2000)),
  siteName: z.nullable(text(500)),
  publishedTime: z.nullable(text(100)),
  lang: z.nullable(text(50)),
  dir: z.nullable(z.enum(['ltr', 'rtl'])),
  excerpt: z.nullable(text(5000)),
  /** Words in the article text (CJK characters count one each). */
  wordCount: z.nullable(z.int().check(z.nonnegative())),
  /** Fingerprint of the article text, to notice that it changed since. */
  textHash: z.nullable(text(64)),
  /** The page's declared canonical URL (`rel=canonical` / `og:url`), as declared. */
  canonicalUrl: z.nullable(text(8192)),
  /** `article` when Readability found one; `page` for anything else (still annotatable). */
  kind: z.enum(['article', 'page']),
  /**
   * The page's own headline when its title adds a site or section to it (lib/credits.ts): what a
   * citation calls the article. Absent on records extracted before it was read.
   */
  headline: z.optional(z.nullable(text(2000))),
  /**
   * Who the page credits as its authors, as people write their names (lib/credits.ts); empty when
   * it credits nobody but the site. Absent on older records: the byline stands for it.
   */
  authors: z.optional(z.nullable(z.array(text(200)).check(z.maxLength(20)))),
});
export type ArticleMeta = z.infer<typeof ArticleMeta>;

/** An annotated page, known by its clean URL (and every other clean URL that reached it). */
export const Article = z.object({
  ...ArticleMeta.shape,
  id: z.string().check(z.minLength(1)),
  url: text(8192),
  urls: z.array(text(8192)),
  /** The page-level note about the whole article (Markdown). */
  note: text(MAX_NOTE),
  /** When extraction last ran (null: only the tab title is known so far). */
  extractedAt: z.nullable(z.number()),
  /** When the article was last open with the annotator (first seen is `createdAt`). */
  lastSeenAt: z.number(),
  createdAt: z.number(),
  updatedAt: z.number(),
  /**
   * What the article said when it was first annotated (lib/article-blocks.ts): each text block's
   * fingerprint and a compressed copy of the text. Absent on older records until the next visit.
   */
  baseline: z.optional(
    z.object({
      at: z.number(),
      hashes: z.array(text(16)).check(z.maxLength(20_000)),
      copy: z.optional(text(4 * 1024 * 1024)),
    }),
  ),
  /** What changed since the baseline when the article was last open (absent or null: nothing seen). */
  lastChanges: z.optional(z.nullable(z.object({ edited: z.int(), added: z.int(), removed: z.int(), at: z.number() }))),
});
export type Article = z.infer<typeof Article>;

/** A claim type as the user set it up (see lib/claim-types.ts). */
export const ClaimTypeDef = z.object({
  id: ClaimTypeIdSchema,
  /** null: the built-in type's translated name. */
  label: z.nullable(z.string().check(z.trim(), z.minLength(1), z.maxLength(60))),
  slot: z.int().check(z.nonnegative(), z.maximum(PALETTE.length - 1)),
  glyph: z.string().check(z.minLength(1), z.maxLength(4)),
  hidden: z.boolean(),
  /** Whether its highlights get a check status (absent: the built-in default, see claim-types). */
  checkable: z.optional(z.boolean()),
});
export type ClaimTypeDef = z.infer<typeof ClaimTypeDef>;

/** Languages the UI ships in; `auto` follows the browser. */
export const UI_LANGUAGES = ['auto', 'en', 'vi'] as const;

/** Citation styles offered (formatted by lib/export/cite.ts). */
export const CITATION_STYLES = ['apa', 'mla', 'chicago'] as const;
export type CitationStyle = (typeof CITATION_STYLES)[number];
/** Markdown export layouts (lib/export/markdown.ts). */
export const MARKDOWN_TEMPLATES = ['default', 'obsidian'] as const;
export type MarkdownTemplate = (typeof MARKDOWN_TEMPLATES)[number];

/** How often automatic backups are written. */
export const AUTO_BACKUP_PERIODS = ['off', 'daily', 'weekly'] as const;
export type AutoBackupPeriod = (typeof AUTO_BACKUP_PERIODS)[number];

/**
 * Where the selection toolbar shows up before the user opened Marginalia on the tab: on pages that
 * look like articles, on every page, or only once they did (lib/page/probe.ts).
 */
export const SELECTION_TOOLBAR = ['articles', 'everywhere', 'opened'] as const;
export type SelectionToolbarMode = (typeof SELECTION_TOOLBAR)[number];

/** The user's settings: one record. Fields added later have defaults, so older records still read. */
export const Settings = z.object({
  claimTypes: z.array(ClaimTypeDef).check(z.maxLength(64)),
  language: z.enum(UI_LANGUAGES),
  citationStyle: z._default(z.enum(CITATION_STYLES), 'apa'),
  markdownTemplate: z._default(z.enum(MARKDOWN_TEMPLATES), 'default'),
  /** How often a backup file is written to the downloads folder by itself (lib/background/auto-backup.ts). */
  autoBackup: z._default(z.enum(AUTO_BACKUP_PERIODS), 'weekly'),
  /** Keep a compressed text copy of each annotated article, to show what changed (lib/article-blocks.ts). */
  keepTextCopies: z._default(z.boolean(), true),
  /** "Show the highlight toolbar when I select text". */
  selectionToolbar: z._default(z.enum(SELECTION_TOOLBAR), 'articles'),
  updatedAt: z.number(),
});
export type Settings = z.infer<typeof Settings>;
