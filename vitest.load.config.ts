import { defineConfig } from 'vitest/config';

// Timed tests of the media server under load, run alone after the unit tests: a bound like
// "answers within 1 s" means nothing while other test files use the same two cores.
export default defineConfig({
  test: {
    include: ['tests/load/**/*.test.ts'],
    environment: 'node',
    fileParallelism: false,
  },
});
