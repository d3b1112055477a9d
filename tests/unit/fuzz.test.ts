/**
 * Bad input, thrown in bulk: malformed and hostile backup files at import, and malformed or forged
 * messages at the background. Every one must be refused with a message, write nothing, and throw
 * nothing. The figures are printed for the record.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { allowBackgroundMessage, backgroundHandlers } from '@/lib/background';
import { BACKUP_FORMAT, BACKUP_VERSION, Backup } from '@/lib/backup';
import { type ReceiverStats, receive, type Sender } from '@/lib/messaging';
import { BackgroundMessage } from '@/lib/protocol';
import { dbOf, freshRepository, highlightsIn, selectors } from '../support/factories';
import { seededRandom } from '../support/random';

async function seeded() {
  const { repo } = freshRepository();
  await repo.createHighlight({
    url: 'https://news.example/a',
    title: 'Bài một',
    target: { source: 'https://news.example/a', selector: selectors('đoạn một', 10) },
    claimType: 'claim',
  });
  return repo;
}

/** Sets a value at a random path of a JSON tree (to a wrong type, a huge string, a hostile key). */
function mutate(value: unknown, rand: () => number, replacement: unknown): unknown {
  if (value === null || typeof value !== 'object' || rand() < 0.25) return replacement;
  const copy: Record<string, unknown> | unknown[] = Array.isArray(value) ? [...value] : { ...(value as object) };
  const keys = Object.keys(copy);
  if (keys.length === 0) return replacement;
  const key = keys[Math.floor(rand() * keys.length)] as string;
  (copy as Record<string, unknown>)[key] = mutate((copy as Record<string, unknown>)[key], rand, replacement);
  return copy;
}

describe('fuzzing import', () => {
  it('refuses 1,000+ malformed or hostile backups with a message, writing nothing', async () => {
    const repo = await seeded();
    const valid = await repo.createBackup();
    const validText = JSON.stringify(valid);
    const rand = seededRandom(2026);
    const replacements: unknown[] = [
      null,
      42,
      -1,
      1e308,
      '',
      'x'.repeat(200_000),
      [],
      {},
      true,
      { __proto__: { polluted: true } },
      'javascript:alert(1)',
      '<script>alert(1)</script>',
      [1, 2, 3],
    ];
    const inputs: string[] = [];
    for (let i = 0; i < 200; i++) inputs.push(validText.slice(0, Math.floor(rand() * (validText.length - 1))));
    // Mutations that still make a valid backup (a note replaced by another string) are no bad input.
    while (inputs.length < 700) {
      const bad = mutate(valid, rand, replacements[Math.floor(rand() * replacements.length)]);
      if (!Backup.safeParse(bad).success) inputs.push(JSON.stringify(bad));
    }
    inputs.push(
      ...fc.sample(fc.jsonValue(), { numRuns: 300, seed: 7 }).map((v) => JSON.stringify(v) ?? 'undefined'),
      '',
      ' ',
      'null',
      '[]',
      '"marginalia-backup"',
      JSON.stringify({ ...valid, version: 0 }),
      JSON.stringify({ ...valid, version: BACKUP_VERSION + 1 }),
      JSON.stringify({ ...valid, version: '1' }),
      JSON.stringify({ ...valid, format: 'hypothesis' }),
      '{"__proto__":{"polluted":true},"format":"marginalia-backup","version":1}',
      JSON.stringify({ ...valid, constructor: { prototype: { polluted: true } }, articles: 'x' }),
      JSON.stringify({ ...valid, highlights: [...valid.highlights, ...valid.highlights] }),
      JSON.stringify({ ...valid, highlights: valid.highlights.map((h) => ({ ...h, articleId: 'nowhere' })) }),
      JSON.stringify({
        format: BACKUP_FORMAT,
        version: 1,
        exportedAt: 'now',
        articles: [],
        highlights: Array.from({ length: 100_000 }, (_, i) => ({ ...valid.highlights[0], id: `h${i}` })),
      }),
    );
    const before = [await dbOf(repo).articles.toArray(), await highlightsIn(dbOf(repo)).toArray()];
    let rejected = 0;
    for (const text of inputs) {
      const result = await repo.importBackup(text);
      if (!result.ok) {
        rejected++;
        expect(result.error.length).toBeGreaterThan(10);
      }
    }
    const after = [await dbOf(repo).articles.toArray(), await highlightsIn(dbOf(repo)).toArray()];
    console.log(
      `import fuzz: ${inputs.length} inputs tried, ${rejected} rejected, records changed: ${JSON.stringify(after) === JSON.stringify(before) ? 0 : 'SOME'}`,
    );
    expect(inputs.length).toBeGreaterThanOrEqual(1000);
    expect(rejected).toBe(inputs.length);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(after).toEqual(before);
  }, 120_000);
});

describe('fuzzing the background', () => {
  it('drops 1,000+ malformed, unknown or forged messages, writing nothing', async () => {
    const { repo } = freshRepository();
    const handlers = backgroundHandlers(repo);
    const stats: ReceiverStats = { handled: 0, dropped: 0 };
    const page: Sender = {
      id: fakeBrowser.runtime.id,
      url: 'https://news.example/a',
      tab: { id: 3 } as Sender['tab'],
      frameId: 0,
    };
    const senders: Sender[] = [
      page,
      { ...page, id: 'another-extension' },
      { ...page, frameId: 2 },
      { id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/sidepanel.html') },
    ];
    const good = {
      type: 'highlight.create',
      title: 't',
      canonical: null,
      selector: selectors('quote', 1),
      claimType: 'claim',
    };
    const rand = seededRandom(99);
    const messages: [unknown, Sender][] = [];
    for (const v of fc.sample(fc.anything(), { numRuns: 500, seed: 3 })) messages.push([v, page]);
    // Mutations of a good message that still parse are good messages, not bad input.
    for (let i = 0; messages.length < 900; i++) {
      const bad = mutate(good, rand, [null, 7, '', 'x'.repeat(30_000), [], {}, 'claim?'][i % 7]);
      if (!BackgroundMessage.safeParse(bad).success) messages.push([bad, page]);
    }
    for (let i = 0; i < 100; i++) messages.push([good, senders[1 + (i % 3)] as Sender]);
    messages.push(
      [{ type: 'tab.attach', tabId: 1 }, page],
      [{ type: '__proto__' }, page],
      [{ type: 'constructor' }, page],
    );
    let refused = 0;
    for (const [raw, sender] of messages) {
      const reply = await receive(BackgroundMessage, handlers, allowBackgroundMessage, raw, sender, stats);
      if (!reply.ok) refused++;
    }
    const written = (await highlightsIn(dbOf(repo)).count()) + (await dbOf(repo).articles.count());
    console.log(`message fuzz: ${messages.length} tried, ${refused} refused, records written ${written}`);
    expect(messages.length).toBeGreaterThanOrEqual(1000);
    expect(refused).toBe(messages.length);
    expect(stats).toEqual({ handled: 0, dropped: messages.length });
    expect(written).toBe(0);
  }, 60_000);
});
