import type { StorybookConfig } from '@storybook/react-vite';

const config: StorybookConfig = {
  stories: ['../stories/**/*.stories.@(ts|tsx)'],
  addons: ['msw-storybook-addon'],
  framework: { name: '@storybook/react-vite', options: {} },
  // The fixture clips and MSW's (patched) worker.
  staticDirs: ['../public'],
  core: { disableTelemetry: true },
};

export default config;
