// Makes the docs' pictures (public/docs/): a timeline with filmstrips and waveforms, from the story
// that shows them (Compositor/Filmstrips), and a composite of styled layers (Compositor/Still
// layers), in Debian's Chromium: `npm run docs:picture` after `npm run build-storybook:test`,
// whenever the timeline's or the layers' look changes.
import { mkdir } from 'node:fs/promises';
import { preview } from 'vite';
import { launchChromium } from '../bench/harness';

const story = 'compositor-filmstrips--filmstrips-and-waveforms-from-the-media-server';
const out = 'public/docs/timeline-filmstrips-waveforms.png';
const styledStory = 'compositor-still-layers--a-styled-composite';
const styledOut = 'public/docs/styled-layers.png';

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

  await page.goto(`${base}/iframe.html?id=${styledStory}&viewMode=story`);
  for (const name of ['Backdrop', 'Bars', 'Test picture', 'Picture', 'Title']) await page.getByLabel(`${name} status`, { exact: true }).filter({ hasText: 'Ready' }).waitFor({ timeout: 60_000 });
  // Both videos' first frames, past their Loading.
  await page.waitForFunction(() => [...document.querySelectorAll('video')].filter((video) => video.readyState >= 2).length >= 2, undefined, { timeout: 60_000 });
  await page.waitForTimeout(500);
  await page.locator('[role="region"][aria-label="Composite"]').screenshot({ path: styledOut });
  console.log(`docs-picture: ${styledOut}`);
} finally {
  await chromium.close();
  await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
}
