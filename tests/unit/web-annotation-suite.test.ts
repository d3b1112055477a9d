/**
 * The W3C Web Annotation export against the W3C's own test suite (tests/fixtures/web-annotation,
 * copied from w3c/web-annotation-tests with its licence): every MUST assertion of its
 * annotationMusts, collectionMusts and pageMusts lists, run with ajv on draft-04 schemas as the
 * suite's runner does, over an export holding every kind of highlight.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv-draft-04';
import { describe, expect, it } from 'vitest';
import { CLAIM_STATUSES, CLAIM_TYPES } from '@/lib/claim-types';
import { webAnnotationCollection } from '@/lib/export/web-annotation';
import { articleRecord, highlightRecord, selectors } from '../support/factories';

const SUITE = join(process.cwd(), 'tests/fixtures/web-annotation');
const json = (path: string) => JSON.parse(readFileSync(join(SUITE, path), 'utf8'));

/** ajv as the suite runs it: draft-04, every definition file known by its id. */
function suiteAjv(): Ajv {
  const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false });
  for (const f of readdirSync(join(SUITE, 'definitions')).filter((n) => n.endsWith('.json')))
    ajv.addSchema(json(`definitions/${f}`));
  return ajv;
}

interface Assertion {
  file: string;
  must: boolean;
  message: string;
  validate: (data: unknown) => boolean;
}

/** The assertions a `.test` list names, compiled. */
function assertions(ajv: Ajv, list: string): Assertion[] {
  return (json(list).assertions as string[]).map((file) => {
    const schema = json(file);
    return {
      file,
      must: schema.assertionType === 'must',
      message: schema.errorMessage ?? schema.title,
      validate: ajv.compile({ ...schema, id: undefined }) as (data: unknown) => boolean,
    };
  });
}

/** Assertions whose result is not the expected `valid` and that fail on it (failAndContinue). */
function failures(list: Assertion[], data: unknown): string[] {
  return list.filter((a) => !a.validate(data)).map((a) => `${a.file}: ${a.message}`);
}

const T = Date.UTC(2026, 10, 28, 9, 0);
const article = articleRecord({ url: 'https://news.example/story', title: 'A story', note: 'Read for the seminar.' });
const highlights = [
  ...[...CLAIM_TYPES, 'my-rumour'].map((id, i) =>
    highlightRecord(
      { id: `t${i}`, claimType: id, target: { source: article.url, selector: selectors(`passage ${i}`, 10 * i) } },
      T,
    ),
  ),
  ...CLAIM_STATUSES.map((status, i) =>
    highlightRecord(
      {
        id: `s${i}`,
        claimType: 'claim',
        status,
        target: { source: article.url, selector: selectors(`claim ${i}`, 500 + i) },
      },
      T,
    ),
  ),
  highlightRecord({ id: 'plain', claimType: null }, T),
  highlightRecord(
    {
      id: 'noted',
      note: 'Check **this**.',
      tags: ['kinh tế', 'politics/asia'],
      sourceUrl: 'https://stats.example/table-4',
    },
    T,
  ),
  highlightRecord(
    {
      id: 'changed',
      pageNow: { text: 'a passage, edited', at: T + 1000 },
      history: [{ quote: { type: 'TextQuoteSelector', exact: 'a pasage', prefix: '', suffix: '' }, at: T - 1000 }],
    } as never,
    T,
  ),
];

describe('W3C Web Annotation test suite: every MUST assertion', () => {
  const ajv = suiteAjv();
  const musts = {
    annotation: assertions(ajv, 'annotations/annotationMusts.test'),
    collection: assertions(ajv, 'collections/collectionMusts.test'),
    page: assertions(ajv, 'collections/pages/pageMusts.test'),
  };
  const exported = JSON.parse(webAnnotationCollection([{ article, highlights }], new Date(T)));

  it('holds every kind of highlight', () => {
    expect(exported.first.items.length).toBeGreaterThanOrEqual(highlights.length);
  });

  it('each annotation passes the annotation MUSTs', () => {
    const failed = exported.first.items.flatMap((a: { id: string }) =>
      failures(musts.annotation, { '@context': exported['@context'], ...a }).map((f) => `${a.id}: ${f}`),
    );
    expect(failed).toEqual([]);
  });

  it('the collection and its page pass the collection and page MUSTs', () => {
    expect(failures(musts.collection, exported)).toEqual([]);
    expect(failures(musts.page, exported)).toEqual([]);
  });
});
