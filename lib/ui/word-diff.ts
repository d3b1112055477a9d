/**
 * A word-level diff of a stored quote against the text now on the page, for the "Changed on the
 * page" mark. Words come from Intl.Segmenter in the text's language (Vietnamese syllables, CJK
 * words by the browser's dictionary, Arabic and the rest), compared after NFC normalisation so a
 * page served in NFD shows no change; the diff itself is jsdiff's (Myers' algorithm) over those words.
 */
import { diffArrays } from 'diff';

/** One run of the diff: unchanged, only in the stored quote (removed), or only on the page (added). */
export interface DiffPart {
  kind: 'same' | 'removed' | 'added';
  text: string;
}

/** The text's words and the spaces and punctuation between them, in order. */
export function wordTokens(text: string, lang?: string): string[] {
  const Segmenter = (Intl as unknown as { Segmenter?: typeof Intl.Segmenter }).Segmenter;
  const normal = text.normalize('NFC');
  if (!Segmenter) return normal.split(/(\s+)/).filter(Boolean);
  let segmenter: Intl.Segmenter;
  try {
    segmenter = new Segmenter(lang || undefined, { granularity: 'word' });
  } catch {
    segmenter = new Segmenter(undefined, { granularity: 'word' });
  }
  return [...segmenter.segment(normal)].map((s) => s.segment);
}

/** The word-level diff from `before` (the stored quote) to `after` (the page now). */
export function wordDiff(before: string, after: string, lang?: string): DiffPart[] {
  const parts: DiffPart[] = [];
  for (const change of diffArrays(wordTokens(before, lang), wordTokens(after, lang))) {
    const kind = change.added ? 'added' : change.removed ? 'removed' : 'same';
    const text = change.value.join('');
    const last = parts[parts.length - 1];
    if (last && last.kind === kind) last.text += text;
    else if (text) parts.push({ kind, text });
  }
  return parts;
}
