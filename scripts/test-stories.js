// Serves a static Storybook build on loopback and runs every story's play function against it
// in Debian's Chromium. With --media-server, the build made with STORYBOOK_MEDIA_SERVER is
// tested against the real media server (started here on loopback, its derived-media pipeline
// on) instead of MSW, leaving out
// the stories that need MSW's faults or request log. With --renderer canvas, the stories tagged
// `both-renderers` run again under the canvas renderer. Used by `npm test`.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { preview } from 'vite';

const realServer = process.argv.includes('--media-server');
// `--renderer canvas`: the stories tagged `both-renderers` again, under that renderer.
const rendererAt = process.argv.indexOf('--renderer');
const renderer = rendererAt >= 0 ? process.argv[rendererAt + 1] : undefined;
const passOn = process.argv.slice(2).filter((arg, index, all) => arg !== '--media-server' && arg !== '--renderer' && all[index - 1] !== '--renderer');
const outDir = realServer ? 'storybook-static-server' : 'storybook-static';
const port = Number(process.env.STORYBOOK_TEST_PORT ?? (realServer ? 6109 : 6107));
const mediaServerPort = 6108;
const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

if (!existsSync(`${outDir}/index.html`)) {
  console.error(`test-stories: no ${outDir}/ build; run \`npm run build-storybook:test${realServer ? '-server' : ''}\` first.`);
  process.exit(1);
}
if (!existsSync(chromium)) {
  console.error(`test-stories: no Chromium at ${chromium}. Install Debian's (apt-get install -y chromium) or set CHROMIUM_PATH.`);
  process.exit(1);
}

const server = await preview({
  configFile: false,
  root: process.cwd(),
  build: { outDir },
  preview: { port, strictPort: true, host: '127.0.0.1', open: false },
  logLevel: 'warn',
});

let mediaServer;
// The real server runs its derived-media pipeline, so the filmstrip and waveform stories that ask
// for it get what ffmpeg makes (the mock serves fixtures the same pipeline made).
const derivedCache = realServer ? mkdtempSync(path.join(tmpdir(), 'multitrack-story-derived-')) : undefined;
if (realServer) {
  mediaServer = spawn(
    process.execPath,
    ['--import', 'tsx', 'server/bin.ts', '--root', 'public/fixtures', '--port', String(mediaServerPort), '--cors', '*', '--cache', derivedCache],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  await new Promise((resolve, reject) => {
    mediaServer.stdout.on('data', (chunk) => (String(chunk).includes('serving') ? resolve() : undefined));
    mediaServer.once('exit', (code) => reject(new Error(`the media server exited with ${code}`)));
  });
}

// Files whose every story injects faults through MSW: against the real server they would only
// show as a skipped suite (test-runner-jest.config.js leaves them out).
const mockOnlyFiles = ['stories/FaultsDuringPlayback.stories.tsx'];

const runner = spawn('npx', ['test-storybook', '--url', `http://127.0.0.1:${port}`, '--maxWorkers=1', ...passOn], {
  stdio: 'inherit',
  env: {
    ...process.env,
    PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1',
    ...(realServer ? { STORYBOOK_EXCLUDE_TAGS: 'needs-mock-media', STORYBOOK_IGNORE_FILES: mockOnlyFiles.join(',') } : {}),
    ...(renderer ? { STORY_RENDERER: renderer, STORYBOOK_INCLUDE_TAGS: 'both-renderers' } : {}),
  },
});
const code = await new Promise((resolve) => runner.on('exit', (exitCode) => resolve(exitCode ?? 1)));
mediaServer?.kill();
if (derivedCache) rmSync(derivedCache, { recursive: true, force: true });
await server.close();
process.exit(code);
