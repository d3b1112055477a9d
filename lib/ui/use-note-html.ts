/**
 * Notes rendered as HTML (marked + DOMPurify, lib/ui/note-html.ts), loaded after the page's first
 * paint rather than with it: until the renderer is in, a note shows as its plain text.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';

type NoteHtml = typeof import('./note-html');
let loaded: NoteHtml | null = null;
let loading: Promise<NoteHtml> | null = null;

/** Starts loading the renderer (once). */
export function loadNoteHtml(): Promise<NoteHtml> {
  loading ??= import('./note-html').then((m) => {
    loaded = m;
    return m;
  });
  return loading;
}

/** The note as safe HTML; '' for no note; null while the renderer is still loading. */
export function useNoteHtml(note: string): string | null {
  const [ready, setReady] = useState(loaded !== null);
  useEffect(() => {
    if (!ready) void loadNoteHtml().then(() => setReady(true));
  }, [ready]);
  return useMemo(() => (!note.trim() ? '' : ready && loaded ? loaded.noteToHtml(note) : null), [note, ready]);
}
