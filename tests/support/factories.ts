/** Small builders for test records. */
import type { Selectors } from '@/lib/anchoring/anchor';
import { provisionalMeta } from '@/lib/records';
import type { Article, Highlight } from '@/lib/schema';
import { MarginaliaDB } from '@/lib/store/db';
import { HighlightTable } from '@/lib/store/highlight-table';
import { Repository } from '@/lib/store/repository';

let dbCount = 0;

/** A repository on a fresh, empty database with a controllable clock. */
export function freshRepository(start = Date.UTC(2026, 10, 28, 9, 0, 0)): { repo: Repository; clock: { now: number } } {
  const clock = { now: start };
  dbCount++;
  const repo = new Repository(new MarginaliaDB(`test-${dbCount}-${Math.random()}`), () => clock.now++);
  return { repo, clock };
}

/** Selectors for a quote at a position. */
export function selectors(exact: string, start: number, prefix = '', suffix = ''): Selectors {
  return [
    { type: 'TextQuoteSelector', exact, prefix, suffix },
    { type: 'TextPositionSelector', start, end: start + exact.length },
  ];
}

/** An extracted news article record at a fixed time, with `extra` fields set. */
export function articleRecord(extra: Partial<Article> = {}, at = Date.UTC(2026, 10, 28, 9, 30)): Article {
  const url = extra.url ?? 'https://news.example/a';
  return {
    ...provisionalMeta('An article', url),
    id: 'a1',
    url,
    urls: [url],
    note: '',
    kind: 'article',
    extractedAt: at,
    lastSeenAt: at,
    createdAt: at,
    updatedAt: at,
    ...extra,
  };
}

/** A highlight record on article `a1` at a fixed time, with `extra` fields set. */
export function highlightRecord(extra: Partial<Highlight> = {}, at = Date.UTC(2026, 10, 28, 9, 0)): Highlight {
  return {
    id: 'h1',
    articleId: 'a1',
    target: { source: 'https://news.example/', selector: selectors('a passage', 10) },
    claimType: null,
    status: null,
    sourceUrl: null,
    tags: [],
    note: '',
    createdAt: at,
    updatedAt: at,
    ...extra,
  };
}

/**
 * The database under a repository, for tests that look at what was stored: product code cannot
 * reach it (the repository is the one way in), tests may inspect it.
 */
export function dbOf(repo: Repository): MarginaliaDB {
  return (repo as unknown as { db: MarginaliaDB }).db;
}

/**
 * The highlights stored in a database, for tests that look at or seed them: read and written the
 * store's own way (lib/store/highlight-table.ts, one record per article), each call a transaction.
 */
export function highlightsIn(db: MarginaliaDB) {
  const table = new HighlightTable(db);
  // An async scope, as the store's own: Dexie keeps its transaction across the awaits inside.
  const read = <T>(f: () => Promise<T>) => db.transaction('r', ...table.tables, async () => await f());
  const write = <T>(f: () => Promise<T>) => db.transaction('rw', ...table.tables, async () => await f());
  return {
    /** Every highlight, as the store reads them all. */
    toArray: () => read(() => table.all()),
    /** Every highlight, by id. */
    byId: async () => (await read(() => table.all())).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
    get: (id: string) => read(() => table.get(id)),
    count: () => read(() => table.count()),
    ofArticle: (articleId: string) => read(() => table.ofArticle(articleId)),
    bulkPut: (highlights: Highlight[]) => write(() => table.bulkPut(highlights)),
  };
}
