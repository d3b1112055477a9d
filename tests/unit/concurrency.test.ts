/**
 * Two sidebars (two database handles on one database) editing at once: random sequences of
 * create / note / tags / claim type / delete / undo, some run concurrently from both handles. No
 * confirmed write may disappear; concurrent edits of different fields both survive; the same field
 * goes to the write that committed last, which carries the latest updatedAt.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CLAIM_TYPES } from '@/lib/claim-types';
import type { ClaimType, Highlight } from '@/lib/schema';
import { MarginaliaDB } from '@/lib/store/db';
import { Repository } from '@/lib/store/repository';
import { dbOf, highlightsIn, selectors } from '../support/factories';

type Field = 'note' | 'tags' | 'claimType';
type Op =
  | { kind: 'create'; by: 0 | 1 }
  | { kind: 'edit'; by: 0 | 1; target: number; field: Field; value: number }
  | { kind: 'pair'; target: number; fields: [Field, Field]; values: [number, number] }
  | { kind: 'delete'; by: 0 | 1; target: number }
  | { kind: 'undo'; by: 0 | 1 };

const field = fc.constantFrom<Field>('note', 'tags', 'claimType');
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('create' as const), by: fc.constantFrom<0 | 1>(0, 1) }),
  fc.record({
    kind: fc.constant('edit' as const),
    by: fc.constantFrom<0 | 1>(0, 1),
    target: fc.nat(),
    field,
    value: fc.nat(99),
  }),
  fc.record({
    kind: fc.constant('pair' as const),
    target: fc.nat(),
    fields: fc.tuple(field, field),
    values: fc.tuple(fc.nat(99), fc.nat(99)),
  }),
  fc.record({ kind: fc.constant('delete' as const), by: fc.constantFrom<0 | 1>(0, 1), target: fc.nat() }),
  fc.record({ kind: fc.constant('undo' as const), by: fc.constantFrom<0 | 1>(0, 1) }),
);

const patchOf = (f: Field, v: number) =>
  f === 'note'
    ? { note: `ghi chú ${v}` }
    : f === 'tags'
      ? { tags: [`nhãn-${v}`] }
      : { claimType: CLAIM_TYPES[v % 6] as ClaimType };

let n = 0;

describe('two handles, random operations', () => {
  it('loses no confirmed write', async () => {
    let runs = 0;
    let steps = 0;
    let lost = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 5, maxLength: 30 }), async (ops) => {
        runs++;
        const name = `two-handles-${n++}`;
        const clock = { t: 1_000 };
        const handles = [0, 1].map(() => new Repository(new MarginaliaDB(name), () => clock.t++)) as [
          Repository,
          Repository,
        ];
        const model = new Map<string, Pick<Highlight, 'note' | 'tags' | 'claimType'>>();
        let lastDeleted: Highlight | null = null;
        const alive = () => [...model.keys()];
        for (const o of ops) {
          steps++;
          if (o.kind === 'create') {
            const h = await handles[o.by].createHighlight({
              url: 'https://news.example/a',
              title: 'Bài',
              target: { source: 'https://news.example/a', selector: selectors('đoạn', model.size) },
              claimType: null,
            });
            model.set(h.id, { note: '', tags: [], claimType: null });
          } else if (o.kind === 'edit' && model.size) {
            const id = alive()[o.target % model.size] as string;
            const saved = await handles[o.by].updateHighlight(id, patchOf(o.field, o.value));
            model.set(id, { note: saved.note, tags: saved.tags, claimType: saved.claimType });
            expect(saved).toMatchObject(patchOf(o.field, o.value));
          } else if (o.kind === 'pair' && model.size) {
            const id = alive()[o.target % model.size] as string;
            const [a, b] = await Promise.all([
              handles[0].updateHighlight(id, patchOf(o.fields[0], o.values[0])),
              handles[1].updateHighlight(id, patchOf(o.fields[1], o.values[1])),
            ]);
            const [first, last] = a.updatedAt > b.updatedAt ? [b, a] : [a, b];
            const lastFields = a === last ? o.fields[0] : o.fields[1];
            const firstField = a === first ? o.fields[0] : o.fields[1];
            const expected = { ...model.get(id), ...patchOf(firstField, a === first ? o.values[0] : o.values[1]) };
            Object.assign(expected, patchOf(lastFields, a === last ? o.values[0] : o.values[1]));
            // Different fields: both survive. Same field: the later-committed one.
            model.set(id, expected as Pick<Highlight, 'note' | 'tags' | 'claimType'>);
          } else if (o.kind === 'delete' && model.size) {
            const id = alive()[o.target % model.size] as string;
            lastDeleted = (await handles[o.by].deleteHighlight(id)) ?? null;
            model.delete(id);
          } else if (o.kind === 'undo' && lastDeleted) {
            await handles[o.by].restoreHighlight(lastDeleted);
            model.set(lastDeleted.id, {
              note: lastDeleted.note,
              tags: lastDeleted.tags,
              claimType: lastDeleted.claimType,
            });
            lastDeleted = null;
          }
        }
        const reader = new MarginaliaDB(name);
        const stored = await highlightsIn(reader).toArray();
        // A write lost: a highlight the model holds that is missing or different in the database.
        const byId = new Map(stored.map((h) => [h.id, h]));
        for (const [id, want] of model) {
          const got = byId.get(id);
          if (
            !got ||
            got.note !== want.note ||
            got.claimType !== want.claimType ||
            got.tags.join() !== want.tags.join()
          )
            lost++;
        }
        expect(new Map(stored.map((h) => [h.id, { note: h.note, tags: h.tags, claimType: h.claimType }]))).toEqual(
          model,
        );
        for (const h of handles) dbOf(h).close();
        reader.close();
      }),
      { numRuns: 60, seed: 11 },
    );
    console.log(`concurrency property: ${runs} sequences, ${steps} operations, writes lost: ${lost}`);
    expect(lost).toBe(0);
  }, 120_000);
});
