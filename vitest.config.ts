import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts', 'tests/**/*.test.tsx'],
    // Timed load tests run alone: `npm run test:load` (vitest.load.config.ts).
    exclude: ['tests/load/**', '**/node_modules/**'],
    environment: 'node',
    restoreMocks: true,
    // A test's timeout means "never happened", not "too slow": Vitest's 5 s default failed tests
    // that run ffmpeg or the TypeScript compiler on a machine with a core kept busy.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
