/**
 * What the page side makes as it starts on a page the reader is waiting on: its own half of the
 * protocol's schemas (lib/page-protocol.ts, lib/paint-item.ts), never the library's records, the
 * whole protocol or the database; and its clock starts on its script's first line, before zod and
 * the schemas are made, so the cold-page figure counts them (tests/bench/cold-page.ts).
 */
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { PageMessage, PageReplies } from '@/lib/page-protocol';
import { PaintItem as PagePaintItem } from '@/lib/paint-item';
import { Replies, PageMessage as WholePageMessage } from '@/lib/protocol';
import { PaintItem } from '@/lib/schema';

async function pageSideBundle() {
  const out = await build({
    entryPoints: ['entrypoints/page-side.ts'],
    bundle: true,
    write: false,
    metafile: true,
    format: 'iife',
    platform: 'browser',
    alias: { '@': process.cwd() },
    logLevel: 'silent',
  });
  return { inputs: Object.keys(out.metafile.inputs), code: out.outputFiles[0]?.text ?? '' };
}

describe('the page side bundle', () => {
  it('makes only its half of the protocol: no library records, whole protocol or database', async () => {
    const { inputs } = await pageSideBundle();
    expect(inputs).toContain('lib/page-protocol.ts');
    expect(inputs).toContain('lib/paint-item.ts');
    for (const kept of ['lib/schema.ts', 'lib/protocol.ts', 'lib/messaging.ts'])
      expect(inputs, `${kept} is built on every annotated page`).not.toContain(kept);
    expect(inputs.filter((i) => /dexie|lib\/store\//.test(i))).toEqual([]);
  }, 30_000);

  it('starts its clock before any other module runs', async () => {
    const { code } = await pageSideBundle();
    const clock = code.indexOf('__marginaliaTiming = timing');
    expect(clock).toBeGreaterThan(0);
    for (const later of ['jitless: true', 'TextQuoteSelector', 'function startAnnotator'])
      expect(code.indexOf(later), later).toBeGreaterThan(clock);
  }, 30_000);
});

describe('the two halves of the protocol', () => {
  it('are one set of schemas: the whole protocol re-exports the page side’s', () => {
    expect(PaintItem).toBe(PagePaintItem);
    expect(WholePageMessage).toBe(PageMessage);
    for (const [type, schema] of Object.entries(PageReplies))
      expect(Replies[type as keyof typeof Replies], type).toBe(schema);
  });
});
