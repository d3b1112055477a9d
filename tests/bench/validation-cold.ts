/**
 * The floor under the cold page's first answer: zod (zod/mini, jitless, as the page side runs it)
 * validating 200 paint items the first time in a fresh page, against the same 200 laid out as seven
 * arrays of values (the columnar form once proposed to make it cheaper), and each a second time.
 * Each form in its own fresh page, `runs` times; medians.
 */
import { chromium } from 'playwright-core';
import { CHROMIUM } from '../support/chromium';
import { pageScript } from './page-script';
import { median } from './stats';

export interface ValidationRow {
  form: string;
  'first validation in a fresh page, ms (median)': number;
  'second, ms (median)': number;
}

const source = (form: 'objects' | 'columns') => `
import { z } from '@/lib/zod';
import { PaintItem } from '@/lib/schema';
const items = Array.from({ length: 200 }, (_, i) => ({
  id: 'cold-page-highlight-' + i,
  slot: i % 7,
  selector: [
    { type: 'TextQuoteSelector', exact: 'a passage of the article, number ' + i + ', as it was quoted', prefix: 'the words before it, up to thirty', suffix: 'and the words after it, thirty too' },
    { type: 'TextPositionSelector', start: i * 100, end: i * 100 + 60 },
  ],
}));
const Columns = z.object({
  ids: z.array(z.string().check(z.minLength(1), z.maxLength(100))),
  slots: z.array(z.int().check(z.nonnegative(), z.maximum(15))),
  exact: z.array(z.string().check(z.minLength(1), z.maxLength(5000))),
  prefix: z.array(z.string().check(z.maxLength(1000))),
  suffix: z.array(z.string().check(z.maxLength(1000))),
  start: z.array(z.int().check(z.nonnegative())),
  end: z.array(z.int().check(z.nonnegative())),
});
const value = ${
  form === 'objects'
    ? 'items'
    : `{ ids: items.map((i) => i.id), slots: items.map((i) => i.slot),
  exact: items.map((i) => i.selector[0].exact), prefix: items.map((i) => i.selector[0].prefix),
  suffix: items.map((i) => i.selector[0].suffix), start: items.map((i) => i.selector[1].start),
  end: items.map((i) => i.selector[1].end) }`
};
const schema = ${form === 'objects' ? 'z.array(PaintItem)' : 'Columns'};
const json = JSON.stringify(value);
const t0 = performance.now();
const first = schema.safeParse(JSON.parse(json)).success;
const t1 = performance.now();
const second = schema.safeParse(JSON.parse(json)).success;
const t2 = performance.now();
globalThis.__validation = { ok: first && second, first: t1 - t0, second: t2 - t1 };
`;

export async function measureColdValidation(runs: number): Promise<ValidationRow[]> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu'],
  });
  try {
    const rows: ValidationRow[] = [];
    for (const form of ['objects', 'columns'] as const) {
      const script = await pageScript({ source: source(form) });
      const first: number[] = [];
      const second: number[] = [];
      for (let run = 0; run < runs; run++) {
        const page = await browser.newPage();
        await page.goto('about:blank');
        await page.addScriptTag({ content: script });
        const r = (await page.evaluate('globalThis.__validation')) as { ok: boolean; first: number; second: number };
        if (!r.ok) throw new Error(`validation of the ${form} failed`);
        first.push(r.first);
        second.push(r.second);
        await page.close();
      }
      rows.push({
        form: form === 'objects' ? '200 paint items (as handed)' : 'the same as 7 columns',
        'first validation in a fresh page, ms (median)': Math.round(median(first) * 10) / 10,
        'second, ms (median)': Math.round(median(second) * 10) / 10,
      });
    }
    return rows;
  } finally {
    await browser.close();
  }
}
