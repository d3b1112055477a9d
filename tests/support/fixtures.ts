/** Loading the saved pages in tests/fixtures (copies of the shared fixtures, with provenance). */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const FIXTURES = join(process.cwd(), 'tests/fixtures');

/** The text of a fixture file, e.g. `seed/vinhphuc.html`. */
export function fixture(path: string): string {
  return readFileSync(join(FIXTURES, path), 'utf8');
}

/** Names of the saved news pages (`news/<name>/source.html`). */
export function newsPages(): string[] {
  return readdirSync(join(FIXTURES, 'news'), { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
}

/** A parsed document for an HTML string, in the test environment's DOM. */
export function parseHtml(html: string): Document {
  return new DOMParser().parseFromString(html, 'text/html');
}

export { seededRandom } from './random';
