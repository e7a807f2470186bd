import type { StorybookConfig } from '@storybook/react-vite';

const config: StorybookConfig = {
  stories: ['../stories/**/*.mdx', '../stories/**/*.stories.@(ts|tsx)'],
  addons: ['msw-storybook-addon', '@storybook/addon-docs'],
  // Strict Mode mounts, unmounts and mounts again: the kit must acquire and release cleanly under it.
  framework: { name: '@storybook/react-vite', options: { strictMode: true } },
  // The fixture clips and MSW's (patched) worker.
  staticDirs: ['../public'],
  core: { disableTelemetry: true },
  // The docs pages are the guide here; Storybook's own onboarding checklist would sit on top of them.
  features: { sidebarOnboardingChecklist: false },
  // The test build uses React's development build, so Strict Mode's second mount really runs
  // under the test runner (a production build skips it).
  viteFinal: (viteConfig, { configType }) =>
    configType === 'PRODUCTION' && process.env.STORYBOOK_REACT_DEVELOPMENT === '1'
      ? { ...viteConfig, mode: 'development', define: { ...viteConfig.define, 'process.env.NODE_ENV': '"development"' } }
      : viteConfig,
};

export default config;
