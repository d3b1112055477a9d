/** The documents say what the code does: every permission the manifest asks for is explained. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

describe('README', () => {
  it('explains every permission the manifest asks for', () => {
    const config = readFileSync('wxt.config.ts', 'utf8');
    const block = /permissions: \[([\s\S]*?)\],\n\s*host_permissions/.exec(config)?.[1] ?? '';
    const permissions = [...block.matchAll(/'([a-zA-Z]+)'/g)].map((m) => m[1] as string).filter((p) => p !== 'firefox');
    expect(permissions.length).toBeGreaterThan(5);
    const readme = readFileSync('README.md', 'utf8');
    const table = readme.slice(readme.indexOf('## Permissions'), readme.indexOf('## Trust'));
    for (const p of permissions) expect(table, p).toContain(`\`${p}\``);
    expect(table).toContain('host access to all sites');
  });

  it('starts with a setup command that works as root without sudo and as a user with it', () => {
    const readme = readFileSync('README.md', 'utf8');
    const first = /```sh\n(.*)\n/.exec(readme)?.[1] ?? '';
    expect(first).toContain('$(command -v sudo) apt-get');
    expect(first).not.toMatch(/(^|[^(-v ])sudo apt-get/);
  });
});
