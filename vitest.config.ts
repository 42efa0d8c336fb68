import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // fixtures/ are suites for ptest itself (they import 'ptest'), not tests of this project.
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/helpers/temp-dir.ts'],
    // End-to-end tests start real worker pools; two cores are shared by every file at once.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
