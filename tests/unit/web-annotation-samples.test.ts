/**
 * The import against the W3C specification's own examples (tests/fixtures/web-annotation/samples,
 * from w3c/web-annotation-tests): every correct sample reads without error (what cannot be anchored
 * to a web page is listed, with the reason), and every incorrect one is refused whole with a message
 * a person can read, or imported with a warning that names what was wrong.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAnnotations } from '@/lib/import/annotations';

const SAMPLES = join(process.cwd(), 'tests/fixtures/web-annotation/samples');
const read = (kind: string) =>
  readdirSync(join(SAMPLES, kind))
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => [f, readFileSync(join(SAMPLES, kind, f), 'utf8')] as const);

const correct = read('correct');
const incorrect = read('incorrect');

describe('the specification’s correct examples', () => {
  it('are 45', () => expect(correct).toHaveLength(45));
  it.each(correct)('%s reads without error', (_name, text) => {
    const result = parseAnnotations(text);
    expect(result.ok, result.ok ? '' : result.error).toBe(true);
    if (!result.ok) return;
    // Each annotation became a highlight or is listed with its reason.
    const count = result.backup.highlights.length + result.skipped.length + result.pageNotes;
    expect(count).toBeGreaterThan(0);
  });
});

describe('the specification’s incorrect examples', () => {
  it('are 39', () => expect(incorrect).toHaveLength(39));
  it.each(incorrect)('%s is refused in words, or read with a warning naming the fault', (_name, text) => {
    const result = parseAnnotations(text);
    if (!result.ok) {
      // Words, not a schema dump: no "✖", no "Invalid input" jargon without a place.
      expect(result.error).not.toMatch(/✖|expected object, received/);
      expect(result.error.length).toBeGreaterThan(20);
    } else {
      expect(result.warnings.length, JSON.stringify(result.backup.highlights.length)).toBeGreaterThan(0);
    }
  });
});

describe('shapes others (and older Marginalia) write', () => {
  const anno = (extra: Record<string, unknown>) =>
    JSON.stringify({
      '@context': 'http://www.w3.org/ns/anno.jsonld',
      id: 'urn:uuid:x1',
      type: 'Annotation',
      target: {
        source: 'https://news.example/a',
        selector: { type: 'TextQuoteSelector', exact: 'a passage' },
      },
      ...extra,
    });

  it('reads bodyValue as the note, and a body given as an IRI as a link, never as note text', () => {
    const a = parseAnnotations(anno({ bodyValue: 'A plain comment' }));
    expect(a.ok && a.backup.highlights[0]?.note).toBe('A plain comment');
    const b = parseAnnotations(anno({ body: 'https://blog.example/reply' }));
    expect(b.ok && b.backup.highlights[0]).toMatchObject({ note: '', sourceUrl: 'https://blog.example/reply' });
  });

  it('reads claim types and statuses as this version writes them and as earlier versions did', () => {
    const now = parseAnnotations(
      anno({
        body: [
          { type: 'SpecificResource', purpose: 'classifying', source: 'urn:marginalia:vocab:claim-type:statistic' },
          { type: 'SpecificResource', purpose: 'assessing', source: 'urn:marginalia:vocab:status:supported' },
        ],
      }),
    );
    expect(now.ok && now.backup.highlights[0]).toMatchObject({ claimType: 'statistic', status: 'supported' });
    const before = parseAnnotations(
      anno({
        body: [
          {
            type: 'TextualBody',
            purpose: 'classifying',
            value: 'statistic',
            id: 'https://marginalia.example/claim-types/statistic',
          },
          { type: 'TextualBody', purpose: 'assessing', value: 'false' },
          { id: 'https://check.example/1', purpose: 'linking' },
        ],
      }),
    );
    expect(before.ok && before.backup.highlights[0]).toMatchObject({
      claimType: 'statistic',
      status: 'false',
      sourceUrl: 'https://check.example/1',
    });
  });

  it('takes a note on the whole page as the article’s note, and says so', () => {
    const r = parseAnnotations(
      JSON.stringify({
        '@context': 'http://www.w3.org/ns/anno.jsonld',
        id: 'urn:marginalia:page-note:a1',
        type: 'Annotation',
        motivation: 'commenting',
        body: [{ type: 'TextualBody', purpose: 'commenting', value: 'Read for the seminar.' }],
        target: { id: 'https://news.example/a', 'dc:title': 'A story' },
      }),
    );
    expect(r.ok && r.pageNotes).toBe(1);
    expect(r.ok && r.backup.articles[0]).toMatchObject({
      url: 'https://news.example/a',
      note: 'Read for the seminar.',
    });
    expect(r.ok && r.backup.highlights).toEqual([]);
  });
});
