// Runs the stories' play functions in Debian's Chromium (CHROMIUM_PATH), never a downloaded browser.
import { getJestConfig } from '@storybook/test-runner';
import { chromiumFlags } from './scripts/engines/chromiumFlags.js';

const base = getJestConfig();

export default {
  ...base,
  testTimeout: 60_000,
  // Story files left out of a run (scripts/test-stories.js: those that need the mocks, against the real server).
  testPathIgnorePatterns: [...(base.testPathIgnorePatterns ?? []), ...(process.env.STORYBOOK_IGNORE_FILES?.split(',').filter(Boolean) ?? [])],
  testEnvironmentOptions: {
    'jest-playwright': {
      ...base.testEnvironmentOptions['jest-playwright'],
      browsers: ['chromium'],
      launchOptions: {
        executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
        headless: true,
        args: chromiumFlags,
      },
    },
  },
};
