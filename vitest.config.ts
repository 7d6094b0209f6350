import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 300_000,
    // Lean checks take ~3.5 GB and one core each: keep at most two test files running at once.
    maxWorkers: 2,
  },
});
