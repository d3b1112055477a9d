/**
 * What the library hands on from its prepared data (./library.ts): the sites and tags for the filter
 * menus, highlights grouped by article for an export, and tags counted for the tag manager. Pure.
 */
import type { LibraryData } from './library';
import type { Article, Highlight } from './schema';

/** The sites and tags present, for the filter menus. */
export function facets(data: LibraryData): { sites: string[]; tags: string[] } {
  const sites = [...new Set(data.sites)].sort((a, b) => a.localeCompare(b));
  const tags = [...data.tagCounts.keys()].sort((a, b) => a.localeCompare(b));
  return { sites, tags };
}

/**
 * Highlights grouped by article for export: articles in the library's order, each article's
 * highlights in article order. `keep` chooses highlights (null: all of them).
 */
export function exportGroups(
  data: LibraryData,
  keep: ((h: Highlight) => boolean) | null,
): { article: Article; highlights: Highlight[] }[] {
  const groups: { article: Article; highlights: Highlight[] }[] = [];
  for (const [a, article] of data.articles.entries()) {
    const list: Highlight[] = [];
    for (const i of data.grouped[a] as Int32Array) {
      const h = data.highlights[i] as Highlight;
      if (!keep || keep(h)) list.push(h);
    }
    if (list.length) groups.push({ article, highlights: list });
  }
  return groups;
}

/** A tag and how many highlights carry it. */
export interface TagCount {
  tag: string;
  count: number;
}

/**
 * Highlights per tag, most used first, from the counts the library's data keeps (made with it from
 * the records in memory; reading the tag index again would take seconds).
 */
export function tagCountsOf(counts: ReadonlyMap<string, number>): TagCount[] {
  return [...counts]
    .map(([tag, count]) => ({ tag, count }))
    .sort((a, b) => b.count - a.count || a.tag.localeCompare(b.tag));
}
