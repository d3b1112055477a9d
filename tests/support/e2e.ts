/** Shared set-up of the end-to-end suites: one fixture server and one browser per suite. */
import { afterAll, beforeAll } from 'vitest';
import { type BrowserName, type Harness, launchHarness } from './harness';
import { type FixtureServer, startServer } from './server';

/** The number of painted ranges on a page, as page scripts could count them. */
export const PAINTED = `[...CSS.highlights.values()].reduce((n, h) => n + h.size, 0)`;

/** The suite's server and browser, started before its tests and closed after them. */
export interface Env {
  server: FixtureServer;
  harness: Harness;
}

/** Registers the suite's set-up and tear-down; the returned object is filled before the tests run. */
export function withBrowser(name: BrowserName): Env {
  const env = {} as Env;
  beforeAll(async () => {
    env.server = await startServer();
    env.harness = await launchHarness(name);
  });
  afterAll(async () => {
    await env.harness?.close();
    await env.server?.close();
  });
  return env;
}
