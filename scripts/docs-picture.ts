// Makes the docs' picture of a timeline with filmstrips and waveforms (public/docs/), from the
// story that shows them (Compositor/Filmstrips), in Debian's Chromium: `npm run docs:picture`
// after `npm run build-storybook:test`, whenever the timeline's look changes.
import { mkdir } from 'node:fs/promises';
import { preview } from 'vite';
import { launchChromium } from '../bench/harness';

const story = 'compositor-filmstrips--filmstrips-and-waveforms-from-the-media-server';
const out = 'public/docs/timeline-filmstrips-waveforms.png';

const server = await preview({ configFile: false, root: process.cwd(), build: { outDir: 'storybook-static' }, preview: { port: 0, host: '127.0.0.1' }, logLevel: 'warn' });
const chromium = await launchChromium();
try {
  const page = await chromium.browser.newPage({ viewport: { width: 700, height: 800 }, deviceScaleFactor: 2 });
  const base = server.resolvedUrls?.local[0]?.replace(/\/$/, '');
  await page.goto(`${base}/iframe.html?id=${story}&viewMode=story`);
  await page.waitForSelector('[data-clip-of="picture"][data-filmstrip="drawn"]', { timeout: 60_000 });
  await page.waitForSelector('[data-clip-of="sound"][data-waveform="drawn"]', { timeout: 60_000 });
  // The sheets of the device's height: let the strip settle after its second plan.
  await page.waitForTimeout(1000);
  await mkdir('public/docs', { recursive: true });
  await page.locator('[role="group"][aria-label="Timeline"]').screenshot({ path: out });
  console.log(`docs-picture: ${out}`);
} finally {
  await chromium.close();
  await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
}
