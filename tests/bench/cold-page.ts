/**
 * The path a reader takes: a freshly loaded tab of an article with 200 stored highlights, in real
 * Chromium with the built extension. 200 seeded random passages of the page are described on it
 * (as the page side would), stored through the library's restore, and the page is loaded again and
 * again: each load injects the page side anew (the background does, as soon as the document is
 * parsed, or when the load completes if that came first), which paints by the highlights' anchor
 * hints (lib/anchoring/hint.ts) or builds its text index and anchors on it. The first load after the
 * restore has no hints (a backup holds none; it is reported apart) and makes them; the loads timed
 * are handed them, as a reopened article is. Measured from the page's main world (the saved pages'
 * inline scripts run; what they ask of other origins is refused, their ad frames left empty:
 * ./offline.ts):
 * - page side start → painted: from the page side's first line to its first paint done, read from
 *   the extension's own world through the debugging protocol (page scripts cannot see it); and
 *   to the background's answer (what to paint, validated) arriving, which the index build overlaps;
 *   and whether the load was painted under names styled as it began and was handed what to paint
 *   with the injection (lib/background/early-load.ts);
 * - load → painted: from the load event's end to all 200 painted (CSS.highlights), as a reader
 *   waits for it (the injection, the message to the background and its database read included);
 *   and from the document parsed (DOMContentLoaded's end), when the page side is injected unless
 *   the load completed first: on `slowPhotoPage` (the seed with a photo that takes 2 s, as news
 *   pages' images and advertisements do) the highlights are painted long before the load;
 * - the longest task from the page side's start on (the Long Tasks API reports those of 50 ms or
 *   more; none means every task was shorter): every task that ends after its first line, the page's
 *   own beside it included, and what the frame it ran in went to: the extension's scripts, the
 *   page's, the browser's rendering (the Long Animation Frames API); and apart, the page's own
 *   longest task between its parse and the page side's start (there without the extension);
 * - the same window on as many loads again, traced (Chrome's trace events; tracing costs the page's
 *   thread a little, so these are not the timed loads): how long the page's main thread ran on a core
 *   in it, and how long V8 collected garbage there (tests/bench/thread-time.ts);
 * - the floor under the page side's text index: on a freshly loaded tab of the page (before its
 *   highlights are stored: nothing injected), one TreeWalker over its text nodes reading their text;
 * - the floor under its paint, on the same fresh loads after that walk: the same 200 passages'
 *   Ranges made from their known boundaries and put in seven Highlights registered once each, with
 *   none of Marginalia's code, the first Ranges and Highlights of the page as the page side's are;
 * - the floor under its first answer, given the design rule (zod on receipt): on a freshly loaded tab
 *   of the page, a script of zod/mini (jitless) and the page side's own schemas alone, made first
 *   (timed from its first line: the page side makes them too, after its clock starts), then the
 *   same 200 items handed as the page side gets them (one JSON string: the items, toolbar, names
 *   and URL) parsed and validated once, in a task of its own, as the page side does;
 * - the floor at the page side's own moment: those four steps (zod and the schemas made, the same
 *   handoff validated, a bare walk, the same Ranges highlighted) in one script and one task, run as
 *   long after the document's parse as the page side of the timed load just before began, on a load
 *   of the same page interleaved with the timed ones (its URL given a query the extension has no
 *   highlights for: nothing injected). The floors above run after the load event, when the page is
 *   quiet; this one runs while the page's own scripts and garbage collections still land where the
 *   page side's work does.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toolbarSpec } from '../../lib/claim-labels';
import { DEFAULT_CLAIM_TYPES } from '../../lib/claim-types';
import type { PageTiming } from '../../lib/page/timing';
import { randomPaintNames } from '../../lib/paint-style';
import { launchChromium } from '../support/chromium';
import type { FixtureServer } from '../support/server';
import { REMOTE, refuse } from './offline';
import { pageScript } from './page-script';
import { median } from './stats';
import { THREAD_TIME_CATEGORIES, type ThreadTime, type TraceEvent, threadTime } from './thread-time';

export interface ColdRow {
  page: string;
  'page side start → painted ms (median)': number;
  'page side start → painted ms (worst)': number;
  /**
   * Of that time, what the page side's own tasks took (lib/page/timing.ts): the rest went to the
   * page's own tasks and the browser's rendering, let in between its slices.
   */
  'of which its own tasks, ms (median)': number;
  /**
   * The same window on loads traced apart (tests/bench/thread-time.ts): its wall time, the time the
   * page's main thread ran on a core in it (the rest it waited for one: two cores here, shared with
   * the browser's other processes as the page loads), and V8's garbage collections in it.
   */
  'traced loads: page side start → painted ms (median)': number;
  'traced loads: of that, its thread on a core, ms (median)': number;
  'traced loads: its thread on a core, ms (worst)': number;
  'traced loads: garbage collection in that window, ms (median)': number;
  'page side start → answer from the background, ms (median)': number;
  'load → painted ms (median)': number;
  'load → painted ms (worst)': number;
  'document parsed → painted ms (median)': number;
  'loads painted before the load event': string;
  'longest task from the page side’s start, ms (worst; "<50": none reported)': number | string;
  /** Tasks of the page itself, after its parse and before the page side began: not the page side's. */
  'the page’s own longest task between its parse and the page side’s start, ms (worst)': number | string;
  'long tasks ≥50 ms per load (median)': number;
  /**
   * The long animation frame the longest task ran in (Long Animation Frames API): its length, the
   * scripts of 5 ms or more it lists (the extension's; the page's, this watch included), the
   * browser's rendering (style, layout, paint) at its end, and the rest, which it does not attribute
   * (scripts under 5 ms, garbage collection, and, as seen here, the extension's isolated world,
   * which it did not list in any frame).
   */
  "the longest task's frame: ms (extension scripts / page scripts / rendering / unattributed)": string;
  /** The floor under the page side's index: a bare walk of the text nodes on a freshly loaded tab. */
  'floor: bare text walk on a fresh load, ms (median)': number;
  /** The floor under its start: zod and the page side's schemas made, on a freshly loaded tab. */
  'floor: zod and the page side’s schemas made on a fresh load, ms (median)': number;
  /** The floor under its first answer: zod validating the same handoff on a freshly loaded tab. */
  'floor: the handoff parsed and validated (zod) on a fresh load, ms (median)': number;
  /** The floor under its paint: the same passages' Ranges and Highlights, the first on a fresh load. */
  'floor: the same 200 Ranges made and highlighted, the first on a fresh load, ms (median)': number;
  /**
   * The four floors' steps in one script, at the page side's moment of the load (interleaved with
   * the timed loads): what the design's own work takes there, with the page's work landing in it.
   */
  'floor at the page side’s moment: the four in one script, ms (median)': number;
  'floor at the page side’s moment: the four in one script, ms (worst)': number;
  'loads painted under names styled as they began': string;
  'loads handed what to paint with the injection': string;
  /**
   * Loads whose 200 highlights were all painted by their anchor hints (lib/anchoring/hint.ts),
   * without the page's whole text indexed first (none where their stretches held most of the
   * page's text: there the whole text is as quick). Timed after the load that made them.
   */
  'loads painted by their anchor hints alone': string;
  /** The load after the restore, which has no hints yet (a backup holds none): on the whole text. */
  'the first load after a restore (no hints yet): page side start → painted ms': number;
  /**
   * Loads after the restore until its hints settled (the first included): one was handed all of
   * them, or, on a page where they would hold most of its text, none is kept.
   */
  'loads until its hints settled': number;
  painted: number;
}

/**
 * Selectors of `count` seeded random passages, described on the loaded page as the page side would,
 * and each one's DOM boundaries (its text nodes by their index among the body's text nodes).
 */
async function describeScript(): Promise<string> {
  return pageScript(
    {
      source: `import { describeSpan } from '@/lib/anchoring/describe';
        import { buildTextIndex } from '@/lib/anchoring/text-index';
import { rangeOf } from '@/lib/anchoring/text-ranges';
        import { randomSpans } from './tests/support/spans';
        import { textNodes } from './tests/bench/paint-floor';
        globalThis.__describe = (n, seed) => { const index = buildTextIndex(document.body);
          const order = new Map(textNodes().map((t, i) => [t, i]));
          const selectors = [];
          const bounds = [];
          for (const [s, e] of randomSpans(index, n, seed)) {
            const selector = describeSpan(index, s, e);
            if (!selector) continue;
            selectors.push(selector);
            const r = rangeOf(index, s, e);
            bounds.push([order.get(r.startContainer), r.startOffset, order.get(r.endContainer), r.endOffset]);
          }
          return { selectors, bounds }; };`,
    },
    false,
  );
}

/**
 * zod and the page side's schemas alone: `__handoff(json)` parses and validates a handoff, timed,
 * and says how long making them took (from the script's first line, before zod, to its schemas made).
 */
async function validateScript(): Promise<string> {
  return pageScript({
    source: `import { scriptStart } from './tests/bench/script-start';
      import { Handoff } from '@/lib/page-protocol';
      const made = performance.now() - scriptStart;
      globalThis.__handoff = (json) => { const t0 = performance.now();
        const ok = Handoff.safeParse(JSON.parse(json)).success; return { ok, ms: performance.now() - t0, made }; };`,
  });
}

/**
 * The floor at the page side's moment (see the module doc): a script for an init script to run
 * after the document's parse, at the page side's moment, on the handoff and the Ranges' boundaries
 * it is given (`__floorInputs`); it leaves its time in `__floorAtParse`.
 */
async function floorAtParseScript(): Promise<string> {
  return pageScript({
    source: `import { scriptStart } from './tests/bench/script-start';
      import { Handoff } from '@/lib/page-protocol';
      const { handoff, bounds } = globalThis.__floorInputs;
      const ok = Handoff.safeParse(JSON.parse(handoff)).success;
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      const nodes = [];
      const texts = [];
      for (let n = walker.nextNode(); n; n = walker.nextNode()) { nodes.push(n); texts.push(n.data); }
      void texts.join('').length;
      const sets = Array.from({ length: 7 }, () => new Highlight());
      let made = 0;
      bounds.forEach(([s, so, e, eo], i) => {
        const start = nodes[s];
        const end = nodes[e];
        if (!start || !end || so > start.length || eo > end.length) return;
        const range = document.createRange();
        range.setStart(start, so);
        range.setEnd(end, eo);
        sets[i % 7].add(range);
        made++;
      });
      for (const [i, set] of sets.entries()) CSS.highlights.set('floor-' + i, set);
      globalThis.__floorAtParse = { ok, made, ms: performance.now() - scriptStart };`,
  });
}

/** A long animation frame as the watch keeps it. */
interface Frame {
  start: number;
  end: number;
  rendering: number;
  /** Each script's time: [from an extension, ms]. */
  scripts: [boolean, number][];
}

/** The longest of the long tasks that `within` keeps, how many it keeps, and the frame it ran in. */
function longestTask(
  tasks: [number, number][],
  frames: Frame[],
  within: (start: number, ms: number) => boolean,
): { ms: number; count: number; frame?: { ms: number; ours: number; others: number; rendering: number } } {
  const kept = tasks.filter(([s, d]) => within(s, d));
  const [start, ms] = kept.reduce((a, t) => (t[1] > a[1] ? t : a), [0, 0]);
  const frame = ms ? frames.find((f) => f.start <= start + 1 && start < f.end) : undefined;
  const sum = (ext: boolean) => (frame?.scripts ?? []).filter(([e]) => e === ext).reduce((a, [, d]) => a + d, 0);
  return {
    ms,
    count: kept.length,
    ...(frame
      ? { frame: { ms: frame.end - frame.start, ours: sum(true), others: sum(false), rendering: frame.rendering } }
      : {}),
  };
}

/**
 * Watches, from the page's first script, for the long tasks, the long animation frames (what a
 * frame's time went to: whose scripts, and the browser's rendering) and the moment all `n` are
 * painted (counted each frame without copying the ranges: the watch runs on the page's thread too).
 */
const WATCH = (n: number) => `
  window.__longTasks = [];
  new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__longTasks.push([e.startTime, e.duration]); })
    .observe({ type: 'longtask', buffered: true });
  window.__frames = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__frames.push({
      start: e.startTime,
      end: e.startTime + e.duration,
      rendering: e.renderStart > 0 ? e.startTime + e.duration - e.renderStart : 0,
      scripts: e.scripts.map((s) => [s.sourceURL.startsWith('chrome-extension:'), s.duration]),
    });
  }).observe({ type: 'long-animation-frame', buffered: true });
  window.__painted = new Promise((done) => {
    const tick = () => {
      let painted = 0;
      for (const h of CSS.highlights.values()) painted += h.size;
      if (painted >= ${n}) done(performance.now()); else requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });`;

export async function measureColdPages(
  urls: { name: string; url: string }[],
  runs: number,
  count = 200,
): Promise<ColdRow[]> {
  const session = await launchChromium();
  const rows: ColdRow[] = [];
  const describe = await describeScript();
  const validate = await validateScript();
  const atParseScript = await floorAtParseScript();
  const paintFloor = await pageScript({ entry: 'tests/bench/paint-floor.ts' });
  try {
    await session.context.route(REMOTE, refuse);
    const library = await session.context.newPage();
    for (const { name, url } of urls) {
      // Describe the passages on the page (no highlights stored for it yet: nothing injected).
      const probe = await session.context.newPage();
      await probe.goto(url, { waitUntil: 'load' });
      await probe.addScriptTag({ content: describe });
      const { selectors, bounds } = (await probe.evaluate(`__describe(${count}, 11)`)) as {
        selectors: unknown[];
        bounds: [number, number, number, number][];
      };
      const title = await probe.title();
      await probe.close();
      // The floors under the index and the paint, on fresh loads: a bare walk of the text nodes, then
      // the same passages' Ranges made and put in seven Highlights, the page's first (as the page
      // side's paint is), with none of Marginalia's code.
      const walks: number[] = [];
      const paints: number[] = [];
      for (let run = 0; run < runs; run++) {
        const fresh = await session.context.newPage();
        await fresh.goto(url, { waitUntil: 'load' });
        const walk = (await fresh.evaluate(`(() => {
            const t0 = performance.now();
            const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
            const texts = [];
            for (let n = walker.nextNode(); n; n = walker.nextNode()) texts.push(n.data);
            void texts.join('').length;
            return performance.now() - t0;
          })()`)) as number;
        await fresh.addScriptTag({ content: paintFloor });
        const paint = (await fresh.evaluate(`__marginaliaPaintFloor(${JSON.stringify(bounds)})`)) as number;
        walks.push(walk);
        paints.push(paint);
        await fresh.close();
      }
      const at = Date.UTC(2026, 11, 1);
      const article = {
        id: `cold-${name}`,
        url,
        urls: [url],
        title,
        byline: null,
        siteName: null,
        publishedTime: null,
        lang: null,
        dir: null,
        excerpt: null,
        wordCount: null,
        textHash: null,
        canonicalUrl: null,
        kind: 'article',
        note: '',
        extractedAt: null,
        lastSeenAt: at,
        createdAt: at,
        updatedAt: at,
      };
      // The floor under the first answer: the same items, handed as the page side gets them.
      const handoff = JSON.stringify({
        items: selectors.map((selector, i) => ({ id: `cold-${name}-${i}`, slot: i % 7, selector })),
        toolbar: toolbarSpec(DEFAULT_CLAIM_TYPES),
        styled: randomPaintNames(),
        url,
      });
      const validations: number[] = [];
      const schemas: number[] = [];
      for (let run = 0; run < runs; run++) {
        const fresh = await session.context.newPage();
        await fresh.goto(url, { waitUntil: 'load' });
        await fresh.addScriptTag({ content: validate });
        const r = (await fresh.evaluate(
          `new Promise((done) => setTimeout(() => done(__handoff(${JSON.stringify(handoff)})), 0))`,
        )) as { ok: boolean; ms: number; made: number };
        await fresh.close();
        if (!r.ok) throw new Error(`${name}: the handoff of the floor did not validate`);
        validations.push(r.ms);
        schemas.push(r.made);
      }
      const highlights = selectors.map((selector, i) => ({
        id: `cold-${name}-${i}`,
        articleId: article.id,
        target: { source: url, selector },
        claimType: null,
        status: null,
        sourceUrl: null,
        tags: [],
        note: '',
        createdAt: at + i,
        updatedAt: at + i,
      }));
      const file = join(tmpdir(), `marginalia-cold-${name}.json`);
      writeFileSync(
        file,
        JSON.stringify({
          format: 'marginalia-backup',
          version: 2,
          exportedAt: new Date(at).toISOString(),
          articles: [article],
          highlights,
          settings: null,
        }),
      );
      await library.goto(session.extensionUrl('library.html'));
      await library.getByRole('tab', { name: 'Backup' }).click();
      await library.setInputFiles('input[type=file]', file);
      await library
        .getByRole('status')
        .filter({ hasText: /^Restored: / })
        .waitFor({ timeout: 120_000 });

      const own: number[] = [];
      const busy: number[] = [];
      const waits: number[] = [];
      const painted: number[] = [];
      const parsed: number[] = [];
      const longest: number[] = [];
      const longCounts: number[] = [];
      const pageOwn: number[] = [];
      let worstFrame: { ms: number; ours: number; others: number; rendering: number } | undefined;
      let early = 0;
      let handed = 0;
      let hintedLoads = 0;
      /** One fresh load of the page, painted by the page side as a reader's is. */
      const load = async (trace = false) => {
        const page = await session.context.newPage();
        await page.addInitScript(WATCH(highlights.length));
        const cdp = await session.context.newCDPSession(page);
        const worlds: { id: number; origin: string }[] = [];
        cdp.on('Runtime.executionContextCreated', (e) => worlds.push({ id: e.context.id, origin: e.context.origin }));
        await cdp.send('Runtime.enable');
        const events: TraceEvent[] = [];
        if (trace) {
          cdp.on('Tracing.dataCollected', (e) => events.push(...(e.value as unknown as TraceEvent[])));
          await cdp.send('Tracing.start', { categories: THREAD_TIME_CATEGORIES, transferMode: 'ReportEvents' });
        }
        await page.goto(url, { waitUntil: 'load' });
        const result = (await page.evaluate(`(async () => {
          const at = await Promise.race([window.__painted, new Promise((r) => setTimeout(() => r(-1), 30000))]);
          await new Promise((r) => setTimeout(r, 200));
          const nav = performance.getEntriesByType('navigation')[0];
          const load = nav.loadEventEnd;
          return {
            done: at >= 0,
            painted: at - load,
            parsed: at - nav.domContentLoadedEventEnd,
            dcl: nav.domContentLoadedEventEnd,
            tasks: window.__longTasks,
            frames: window.__frames,
          };
        })()`)) as {
          done: boolean;
          painted: number;
          parsed: number;
          dcl: number;
          tasks: [number, number][];
          frames: Frame[];
        };
        let timing: PageTiming | null = null;
        for (const w of worlds.filter((x) => x.origin.startsWith('chrome-extension:'))) {
          const { result: r } = await cdp.send('Runtime.evaluate', {
            expression: 'JSON.stringify(globalThis.__marginaliaTiming ?? null)',
            contextId: w.id,
            returnByValue: true,
          });
          timing = (JSON.parse(String(r.value ?? 'null')) as PageTiming | null) ?? timing;
        }
        let thread: ThreadTime | undefined;
        if (trace) {
          const complete = new Promise((done) => cdp.once('Tracing.tracingComplete', done));
          await cdp.send('Tracing.end');
          await complete;
          if (timing?.painted !== undefined) thread = threadTime(events, timing.start, timing.painted);
        }
        await cdp.detach();
        await page.close();
        if (!result.done) throw new Error(`${name}: the highlights were not all painted within 30 s`);
        return { result, timing, thread };
      };
      /**
       * A load of the same page at a URL the extension has no highlights for, the floor run in it
       * `delay` ms after its parse, when the page side of the timed load before it began.
       */
      const atParse: number[] = [];
      const floorLoad = async (delay: number) => {
        const page = await session.context.newPage();
        await page.addInitScript(`${WATCH(highlights.length)}
          globalThis.__floorInputs = ${JSON.stringify({ handoff, bounds })};
          document.addEventListener('DOMContentLoaded', () => setTimeout(() => { ${atParseScript} }, ${Math.max(0, Math.round(delay))}), { once: true });`);
        const cdp = await session.context.newCDPSession(page);
        const worlds: { id: number; origin: string }[] = [];
        cdp.on('Runtime.executionContextCreated', (e) => worlds.push({ id: e.context.id, origin: e.context.origin }));
        await cdp.send('Runtime.enable');
        const at = new URL(url);
        at.searchParams.set('marginalia-floor', '1');
        await page.goto(at.href, { waitUntil: 'load' });
        await page.waitForFunction('globalThis.__floorAtParse', undefined, { timeout: 30_000 });
        const r = (await page.evaluate('globalThis.__floorAtParse')) as { ok: boolean; made: number; ms: number };
        for (const w of worlds.filter((x) => x.origin.startsWith('chrome-extension:'))) {
          const { result: injected } = await cdp.send('Runtime.evaluate', {
            expression: 'globalThis.__marginaliaTiming !== undefined',
            contextId: w.id,
            returnByValue: true,
          });
          if (injected.value === true) throw new Error(`${name}: the page side ran on the floor's load`);
        }
        await cdp.detach();
        await page.close();
        if (!r.ok || r.made !== bounds.length)
          throw new Error(`${name}: the floor at the page side's moment made ${r.made} of ${bounds.length} Ranges`);
        atParse.push(r.ms);
      };
      // The first load after the restore: a backup holds no anchor hints (they are made on each
      // device), so it paints on the page's whole text, and makes them. Then loads until they
      // settle (they are sent a little after the paint, and kept): one is handed all of them and
      // paints by them, or, where their stretches would hold most of the page's text, none is kept
      // and loads are handed none (lib/page/hints.ts): they paint on the whole text.
      const first = await load();
      const firstSide = first.timing?.painted !== undefined ? first.timing.painted - first.timing.start : Number.NaN;
      let warmLoads = 0;
      for (let h = first.timing?.withHints ?? 0, before = -1; h < highlights.length && h !== before; warmLoads++) {
        if (warmLoads === 8) throw new Error(`${name}: its anchor hints did not settle (${h} of ${highlights.length})`);
        before = h;
        h = (await load()).timing?.withHints ?? 0;
      }
      for (let run = 0; run < runs; run++) {
        const { result, timing: t } = await load();
        const side = t?.painted !== undefined ? t.painted - t.start : Number.NaN;
        const sideStart = t ? t.start : Number.NaN;
        if (t?.painted !== undefined) busy.push(t.busy);
        if (t?.answered !== undefined) waits.push(t.answered - t.start);
        if (t?.styledAtLoad) early++;
        if (t?.handedOff) handed++;
        if (t?.hinted === highlights.length) hintedLoads++;
        await floorLoad(Number.isFinite(sideStart) ? sideStart - result.dcl : 0);
        own.push(side);
        painted.push(result.painted);
        parsed.push(result.parsed);
        // The page side's tasks and what ran beside them: every task that ended after its first line
        // (a task holding its script's compilation starts just before it). The page's own tasks
        // before that, from the document parsed on, are reported apart: they are there without it.
        const from = Number.isFinite(sideStart) ? sideStart : result.dcl;
        const ours = longestTask(result.tasks, result.frames, (s, d) => s + d > from);
        const before = longestTask(result.tasks, result.frames, (s, d) => s >= result.dcl && s + d <= from);
        longest.push(ours.ms);
        pageOwn.push(before.ms);
        if (ours.frame && ours.ms >= Math.max(...longest)) worstFrame = ours.frame;
        longCounts.push(ours.count);
      }
      // Traced loads, apart from the timed ones (tracing costs the page's thread a little): the page
      // side's window, start → painted, as its thread spent it.
      const traced: { wall: number; thread: ThreadTime }[] = [];
      for (let run = 0; run < runs; run++) {
        const { timing: t, thread } = await load(true);
        if (t?.painted !== undefined && thread) traced.push({ wall: t.painted - t.start, thread });
      }
      if (traced.length === 0) throw new Error(`${name}: no traced load had its main thread in the trace`);
      const worstTask = Math.max(...longest);
      rows.push({
        page: name,
        'page side start → painted ms (median)': Math.round(median(own)),
        'page side start → painted ms (worst)': Math.round(Math.max(...own)),
        'of which its own tasks, ms (median)': Math.round(median(busy)),
        'page side start → answer from the background, ms (median)': Math.round(median(waits)),
        'load → painted ms (median)': Math.round(median(painted)),
        'load → painted ms (worst)': Math.round(Math.max(...painted)),
        'document parsed → painted ms (median)': Math.round(median(parsed)),
        'loads painted before the load event': `${painted.filter((p) => p < 0).length}/${runs}`,
        'longest task from the page side’s start, ms (worst; "<50": none reported)': worstTask
          ? Math.round(worstTask)
          : '<50',
        'the page’s own longest task between its parse and the page side’s start, ms (worst)': Math.max(...pageOwn)
          ? Math.round(Math.max(...pageOwn))
          : '<50',
        'long tasks ≥50 ms per load (median)': median(longCounts),
        "the longest task's frame: ms (extension scripts / page scripts / rendering / unattributed)": worstFrame
          ? `${Math.round(worstFrame.ms)} (${[
              worstFrame.ours,
              worstFrame.others,
              worstFrame.rendering,
              worstFrame.ms - worstFrame.ours - worstFrame.others - worstFrame.rendering,
            ]
              .map(Math.round)
              .join(' / ')})`
          : '',
        'traced loads: page side start → painted ms (median)': Math.round(median(traced.map((x) => x.wall))),
        'traced loads: of that, its thread on a core, ms (median)': Math.round(median(traced.map((x) => x.thread.cpu))),
        'traced loads: its thread on a core, ms (worst)': Math.round(Math.max(...traced.map((x) => x.thread.cpu))),
        'traced loads: garbage collection in that window, ms (median)':
          Math.round(median(traced.map((x) => x.thread.gc)) * 10) / 10,
        'floor: bare text walk on a fresh load, ms (median)': Math.round(median(walks) * 10) / 10,
        'floor: zod and the page side’s schemas made on a fresh load, ms (median)':
          Math.round(median(schemas) * 10) / 10,
        'floor: the handoff parsed and validated (zod) on a fresh load, ms (median)':
          Math.round(median(validations) * 10) / 10,
        'floor: the same 200 Ranges made and highlighted, the first on a fresh load, ms (median)':
          Math.round(median(paints) * 10) / 10,
        'floor at the page side’s moment: the four in one script, ms (median)': Math.round(median(atParse)),
        'floor at the page side’s moment: the four in one script, ms (worst)': Math.round(Math.max(...atParse)),
        'loads painted under names styled as they began': `${early}/${runs}`,
        'loads handed what to paint with the injection': `${handed}/${runs}`,
        'loads painted by their anchor hints alone': `${hintedLoads}/${runs}`,
        'the first load after a restore (no hints yet): page side start → painted ms': Math.round(firstSide),
        'loads until its hints settled': warmLoads + 1,
        painted: highlights.length,
      });
    }
  } finally {
    await session.close();
  }
  return rows;
}

/**
 * The seed article with a photo that takes `ms` to arrive (nothing, after that), served at a URL of
 * its own: its load completes only then, as a news page's does after its images and advertisements.
 */
export function slowPhotoPage(server: FixtureServer, ms = 2_000): { name: string; url: string } {
  const html = readFileSync(join(process.cwd(), 'tests/fixtures/seed/vinhphuc.html'), 'utf8');
  const path = '/seed/vinhphuc-slow-photo.html';
  server.serveHtml(path, html.replace('</body>', `<img src="/slow/${ms}/photo.jpg" alt=""></body>`), false);
  return { name: `seed, a photo taking ${ms / 1000} s`, url: `${server.origin}${path}` };
}
