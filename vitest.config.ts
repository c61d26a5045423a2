import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // An embedded PGlite database takes a few seconds to start on this hardware.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
