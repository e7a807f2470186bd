import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import storybook from 'eslint-plugin-storybook';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules', 'storybook-static', 'storybook-static-server', 'dist', 'coverage', 'bench/.cache', 'public/mockServiceWorker.js', 'examples/*/node_modules', 'examples/*/dist', 'examples/*/.pack'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  reactHooks.configs.flat.recommended,
  ...storybook.configs['flat/recommended'],
  {
    languageOptions: {
      globals: { window: 'readonly', document: 'readonly', console: 'readonly', process: 'readonly' },
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // Plain scripts run in Node, and send some of their functions to run in a browser page.
    files: ['scripts/**/*.js'],
    languageOptions: {
      globals: { setTimeout: 'readonly', clearTimeout: 'readonly', Buffer: 'readonly', performance: 'readonly', URL: 'readonly' },
    },
  },
);
