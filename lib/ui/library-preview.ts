/**
 * What the library shows first while it reads everything (at 100,000 highlights that takes
 * seconds): the most recently annotated articles, read through indexes. The library page starts
 * the read before it renders (entrypoints/library/main.tsx), so it overlaps loading the settings
 * and the UI language, which the page waits for before its first render.
 */
import { getRepository } from '../store/repository';

/** How many of the most recent articles are shown while the whole library loads (a screenful and more). */
export const PREVIEW_ARTICLES = 40;

export type Preview = Awaited<ReturnType<ReturnType<typeof getRepository>['recent']>>;

let started: Promise<Preview> | null = null;

/** Starts reading the preview (once). */
export function prefetchPreview(): void {
  started ??= getRepository().recent(PREVIEW_ARTICLES);
  started.catch(() => undefined);
}

/** The preview, read ahead if it was started; each call after the first reads it anew. */
export function takePreview(): Promise<Preview> {
  const preview = started ?? getRepository().recent(PREVIEW_ARTICLES);
  started = null;
  return preview;
}
