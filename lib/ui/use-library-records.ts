/**
 * Every article and highlight for the library: read once, then kept up to date by patching. A write
 * anywhere in the extension (the sidebar saving a note, the background storing an extraction, this
 * page renaming a tag) reaches this page as Dexie's `storagemutated` event with the keys it touched;
 * those records are read back by id (highlights by their article: they are stored one record per
 * article) and patched in (lib/library-records.ts). Reading everything
 * again instead took the library's thread 5-7 s at 100,000 highlights for every such write. A write
 * Dexie reports only as a range (a clear, a large bulk write) reads everything again.
 *
 * Nothing is read while the library is a tab in the background: what changed is noted, and read
 * when it is shown again (extension pages share one thread in Chromium, and the library reading
 * while the sidebar works holds the sidebar).
 */
import Dexie, { type ObservabilitySet } from 'dexie';
import { useEffect, useState } from 'preact/hooks';
import { patchRecords, type ReadBack, readBackByArticle } from '../library-records';
import type { Article, Highlight } from '../schema';
import { touchedKeys } from '../store/mutations';
import type { Repository } from '../store/repository';

export interface Records {
  articles: Article[];
  highlights: Highlight[];
  /**
   * When these records are the ones delivered before (`base`) with only patches since: the records
   * read back, so what was made from `base` can be patched too (lib/library-patch.ts).
   */
  patch?: { base: Records; articles: ReadBack<Article>; highlights: ReadBack<Highlight> };
}

/** The records (null until first read) and the last read's error; reads begin once `start` is true. */
export function useLibraryRecords(repo: Repository, start: boolean): [Records | null, Error | null] {
  const [records, setRecords] = useState<Records | null>(null);
  const [error, setError] = useState<Error | null>(null);
  useEffect(() => {
    if (!start) return;
    let alive = true;
    let current: Records | null = null;
    // What is still to read: everything (the first read, or a write known only as a range), or the
    // records of these ids: articles, and the articles whose highlights were written.
    let everything = true;
    const articleIds = new Set<string>();
    // The articles whose highlights were written (highlights are stored, and reported, by article).
    const highlightsOf = new Set<string>();
    let reading = false;
    // The records last delivered, and what was read back since (null after a read of everything).
    let delivered: Records | null = null;
    let since: { articles: ReadBack<Article>; highlights: ReadBack<Highlight> } | null = null;
    const hidden = () => document.visibilityState === 'hidden';
    const pending = () => everything || articleIds.size > 0 || highlightsOf.size > 0;
    const read = async () => {
      if (reading) return;
      reading = true;
      try {
        // Writes during a read are noted meanwhile, and read in the next round.
        while (alive && pending() && !(hidden() && current)) {
          if (everything) {
            everything = false;
            articleIds.clear();
            highlightsOf.clear();
            current = await repo.everything();
            since = null;
          } else {
            const a = [...articleIds];
            const h = [...highlightsOf];
            articleIds.clear();
            highlightsOf.clear();
            const back = await repo.byIds(a, h);
            const highlights = readBackByArticle(current?.highlights ?? [], back.highlights);
            if (current) current = patchRecords(current, back.articles, highlights);
            for (const [id, a] of back.articles) since?.articles.set(id, a);
            for (const [id, h] of highlights) since?.highlights.set(id, h);
          }
        }
        if (alive && current && !pending()) {
          const out: Records = since && delivered ? { ...current, patch: { base: delivered, ...since } } : current;
          delivered = out;
          since = { articles: new Map(), highlights: new Map() };
          setRecords(out);
          setError(null);
        }
      } catch (e) {
        // What that read was to bring is not known to be in: the next write, or showing the page
        // again, reads everything.
        everything = true;
        if (alive) setError(e instanceof Error ? e : new Error(String(e)));
      } finally {
        reading = false;
      }
    };
    const changed = (parts: ObservabilitySet) => {
      const a = touchedKeys(parts, 'articles', repo.databaseName);
      const h = touchedKeys(parts, 'articleHighlights', repo.databaseName);
      if (a === 'all' || h === 'all') everything = true;
      else {
        for (const id of a ?? []) articleIds.add(id);
        for (const id of h ?? []) highlightsOf.add(id);
      }
      if (a || h) void read();
    };
    const shown = () => {
      if (!hidden()) void read();
    };
    Dexie.on('storagemutated', changed);
    document.addEventListener('visibilitychange', shown);
    void read();
    return () => {
      alive = false;
      Dexie.on.storagemutated.unsubscribe(changed);
      document.removeEventListener('visibilitychange', shown);
    };
  }, [repo, start]);
  return [records, error];
}
