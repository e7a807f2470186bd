import { defineConfig } from 'vitest/config';

// End-to-end tests of the example host editor in Chromium, Firefox and WebKitGTK (E2E_ENGINES
// picks some); run by scripts/test-example.js after it has packed the kit and built the example.
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
