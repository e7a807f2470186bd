// Serves the static Storybook build on loopback and runs every story's play function against it
// in Debian's Chromium. Used by `npm test`; needs `npm run build-storybook` first.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { preview } from 'vite';

const port = Number(process.env.STORYBOOK_TEST_PORT ?? 6107);
const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

if (!existsSync('storybook-static/index.html')) {
  console.error('test-stories: no storybook-static/ build; run `npm run build-storybook` first.');
  process.exit(1);
}
if (!existsSync(chromium)) {
  console.error(`test-stories: no Chromium at ${chromium}. Install Debian's (apt-get install -y chromium) or set CHROMIUM_PATH.`);
  process.exit(1);
}

const server = await preview({
  configFile: false,
  root: process.cwd(),
  build: { outDir: 'storybook-static' },
  preview: { port, strictPort: true, host: '127.0.0.1', open: false },
  logLevel: 'warn',
});

const runner = spawn(
  'npx',
  ['test-storybook', '--url', `http://127.0.0.1:${port}`, '--maxWorkers=1', ...process.argv.slice(2)],
  { stdio: 'inherit', env: { ...process.env, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1' } },
);
const code = await new Promise((resolve) => runner.on('exit', (exitCode) => resolve(exitCode ?? 1)));
await server.close();
process.exit(code);
