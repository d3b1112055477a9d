import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLAIM_TYPES } from '@/lib/claim-types';

const root = process.cwd();
const load = (lang: string) =>
  JSON.parse(readFileSync(join(root, 'public/_locales', lang, 'messages.json'), 'utf8')) as Record<
    string,
    { message: string }
  >;

function sources(dir: string): string[] {
  return readdirSync(join(root, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(join(root, path)).isDirectory()) return sources(path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

describe('UI strings', () => {
  const en = load('en');
  const vi = load('vi');

  it('has the same messages in English and Vietnamese', () => {
    expect(Object.keys(vi).sort()).toEqual(Object.keys(en).sort());
    for (const [key, { message }] of Object.entries(vi)) expect(message, key).not.toBe('');
  });

  it('has a message for every key the code asks for', () => {
    const used = new Set<string>(CLAIM_TYPES.map((c) => `claimType_${c}`));
    for (const file of [...sources('components'), ...sources('lib'), ...sources('entrypoints')]) {
      const text = readFileSync(join(root, file), 'utf8');
      for (const m of text.matchAll(/\bt\(\s*'([A-Za-z0-9_]+)'/g)) used.add(m[1] as string);
      for (const m of text.matchAll(/'((?:error|orphan)_[A-Za-z]+)'/g)) used.add(m[1] as string);
      for (const m of text.matchAll(/\btn\(\s*'([A-Za-z0-9_]+)'/g)) used.add(`${m[1]}_other`);
    }
    const missing = [...used].filter((key) => !(key in en));
    expect(missing).toEqual([]);
  });
});
