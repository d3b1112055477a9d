import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing';

export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    include: ['tests/unit/**/*.test.{ts,tsx}'],
    environment: 'happy-dom',
    setupFiles: ['tests/support/setup-unit.ts'],
    globals: true,
    // A timeout here only catches a hang: how fast things are is measured by `npm run bench`, not
    // asserted by tests. Vitest's 5 s default failed a correct test on a slower CI machine (the
    // first citation, which compiles three CSL styles: 2.8–3.0 s here, over 5 s there).
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
