import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts', 'tests/**/*.test.tsx'],
    // Timed load tests run alone: `npm run test:load` (vitest.load.config.ts).
    exclude: ['tests/load/**', '**/node_modules/**'],
    environment: 'node',
    restoreMocks: true,
  },
});
