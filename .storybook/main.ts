import type { StorybookConfig } from '@storybook/react-vite';

const config: StorybookConfig = {
  stories: ['../stories/**/*.stories.@(ts|tsx)'],
  addons: ['msw-storybook-addon'],
  // Strict Mode mounts, unmounts and mounts again: the kit must acquire and release cleanly under it.
  framework: { name: '@storybook/react-vite', options: { strictMode: true } },
  // The fixture clips and MSW's (patched) worker.
  staticDirs: ['../public'],
  core: { disableTelemetry: true },
};

export default config;
