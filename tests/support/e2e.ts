/** Shared set-up of the end-to-end suites: one fixture server and one browser per suite. */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll } from 'vitest';
import { type BrowserName, type Harness, launchHarness, type Tab } from './harness';
import { type FixtureServer, startServer } from './server';

/**
 * The number of painted ranges on a page, as page scripts could count them. Distinct ranges: the
 * changed-text mark and the flash draw over ranges already painted in their colour.
 */
export const PAINTED = `new Set([...CSS.highlights.values()].flatMap((h) => [...h])).size`;

/** The suite's server and browser, started before its tests and closed after them. */
export interface Env {
  server: FixtureServer;
  harness: Harness;
}

/** Registers the suite's set-up and tear-down; the returned object is filled before the tests run. */
export function withBrowser(name: BrowserName): Env {
  const env = {} as Env;
  beforeAll(async () => {
    env.server = await startServer();
    env.harness = await launchHarness(name);
  });
  afterAll(async () => {
    await env.harness?.close();
    await env.server?.close();
  });
  return env;
}

/** The names a page load paints under (drawn per load), as the extension sees them. */
export interface PaintNames {
  slots: string[];
  flash: string;
  changed: string;
}

/**
 * Asks the page side of the sidebar's tab, from the sidebar (an extension page: page scripts
 * cannot ask), which names it paints each colour slot under on this load.
 */
export async function paintNames(sidebar: Tab): Promise<PaintNames> {
  return (await pageState(sidebar)).names;
}

/**
 * Whether the page side in the sidebar's tab was handed what to paint with its injection (true) or
 * asked the background (false), once it has its first answer.
 */
export async function handedOff(sidebar: Tab, timeoutMs = 10_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const state = await pageState(sidebar);
    if (state.handedOff !== undefined) return state.handedOff;
    if (Date.now() > deadline) throw new Error('The page side had no answer to paint from');
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The page side's answer to `page.ping` in the sidebar's tab: its paint names, how it started. */
export async function pageState(sidebar: Tab): Promise<{ names: PaintNames; handedOff?: boolean; hinted?: number }> {
  return sidebar.evaluate(`(async () => {
    const api = globalThis.browser ?? globalThis.chrome;
    const tabId = Number(new URLSearchParams(location.search).get('tabId'));
    const reply = await api.tabs.sendMessage(tabId, { type: 'page.ping' }, { frameId: 0 });
    if (!reply?.ok) throw new Error('page.ping failed: ' + JSON.stringify(reply));
    return reply.data;
  })()`);
}

/**
 * Checks that something does NOT happen: `predicate` (in the page) stays falsy for `ms`, polled
 * every 50 ms. Only for proving absence, with `ms` well over the delay the product would need to
 * act (its toolbar settles 120 ms after a selection; a message round trip takes a few ms).
 */
export async function expectNever(tab: Tab, predicate: string, ms = 1000): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await tab.evaluate<boolean>(`(() => !!(${predicate}))()`)) {
      throw new Error(`Expected never, but it happened: ${predicate}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Opens every card of the sidebar with its ✎ button, so all their controls show (cards read first:
 * tests of the controls open them as a user would). Cards added later start closed again.
 */
export async function openCards(sidebar: Tab): Promise<void> {
  await sidebar.evaluate(`document.querySelectorAll('.card-open[aria-expanded=false]').forEach((b) => b.click())`);
  await sidebar.waitFor(`!document.querySelector('.card-open[aria-expanded=false]')`);
}

/** Ten passages of the seed article and the toolbar button each is highlighted with (cards, screens). */
export const TEN_PASSAGES: readonly (readonly [string, string])[] = [
  ['Trên cơ sở chỉ tiêu được giao', 'Claim'],
  ['Theo đó, từ đầu năm 2021 đến nay', 'Statistic'],
  ['Phó trưởng Ban Tổ chức Huyện ủy Vĩnh Tường Đàm Văn Hùng cho biết', 'Quote'],
  ['Trên cơ sở chỉ đạo của các cấp', 'Evidence'],
  ['Bên cạnh đó, huyện Vĩnh Tường đưa ra nhiều giải pháp', 'Claim'],
  ['Cấp ủy cơ sở rà soát kỹ lưỡng các quần chúng ưu tú', 'Question'],
  ['Không chỉ riêng huyện Vĩnh Tường', 'Opinion'],
  ['Trong đó, ngành Tổ chức xây dựng Đảng đã triển khai', 'Highlight'],
  ['Ngành Tổ chức xây dựng Đảng trên toàn tỉnh đã tham mưu', 'Evidence'],
  ['Thời gian tới, ngành Tổ chức xây dựng Đảng', 'Claim'],
];

/** Resizes a driven tab's viewport (Playwright or Puppeteer) and waits until the page has the width. */
export async function resize(tab: Tab, width: number, height: number): Promise<void> {
  const page = (tab as unknown as { page: Record<string, (...a: unknown[]) => Promise<unknown>> }).page;
  if (page.setViewportSize) await page.setViewportSize({ width, height });
  else {
    // puppeteer-core 24.43 sends a screen-orientation override with every viewport change, which
    // Firefox ESR 140.12 does not know (an unknown-command error): the viewport itself is set by
    // the command sent with it, and the wait below checks that it was.
    await page.setViewport?.({ width, height }).catch((e: unknown) => {
      if (!String(e).includes('setScreenOrientationOverride')) throw e;
    });
  }
  await tab.waitFor(`innerWidth === ${width}`);
}

/**
 * How much of the first line box of the first range painted under `name` shows `hex` washed at
 * `alpha` over the page's white, read from a screenshot of the tab (decoded in `decoder`, an
 * extension page): the share of its pixels within a few levels of that colour. What the reader
 * sees, not what the Highlight API holds: a stylesheet that does not reach the text paints nothing.
 * The screenshot is kept as `shot`.
 */
export async function paintedShare(
  page: Tab,
  decoder: Tab,
  name: string,
  hex: string,
  shot: string,
  alpha = 0.35,
): Promise<number> {
  await page.front();
  const box = await page.evaluate<{
    x: number;
    y: number;
    width: number;
    height: number;
    vw: number;
  } | null>(`(async () => {
    const range = [...(CSS.highlights.get(${JSON.stringify(name)}) ?? [])][0];
    if (!range) return null;
    range.startContainer.parentElement.scrollIntoView({ block: 'center' });
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    const rect = [...range.getClientRects()].find((r) => r.width > 40 && r.height > 8);
    return rect && { x: rect.x, y: rect.y, width: rect.width, height: rect.height, vw: innerWidth };
  })()`);
  if (!box) throw new Error(`Nothing painted under ${name}`);
  const png = readFileSync(await page.screenshot(shot)).toString('base64');
  const rgb = [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16));
  const want = rgb.map((c) => Math.round(255 * (1 - alpha) + c * alpha));
  return decoder.evaluate<number>(`(async () => {
    const img = new Image();
    img.src = 'data:image/png;base64,${png}';
    await img.decode();
    const scale = img.naturalWidth / ${box.vw};
    const canvas = document.createElement('canvas');
    canvas.width = img.naturalWidth;
    canvas.height = img.naturalHeight;
    const ctx = canvas.getContext('2d');
    ctx.drawImage(img, 0, 0);
    const b = ${JSON.stringify(box)};
    const data = ctx.getImageData(Math.round(b.x * scale), Math.round(b.y * scale),
      Math.max(1, Math.round(b.width * scale)), Math.max(1, Math.round(b.height * scale))).data;
    const want = ${JSON.stringify(want)};
    let near = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (Math.abs(data[i] - want[0]) <= 6 && Math.abs(data[i + 1] - want[1]) <= 6 && Math.abs(data[i + 2] - want[2]) <= 6) near++;
    }
    return near / (data.length / 4);
  })()`);
}
