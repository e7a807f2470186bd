// The example editor's benchmark: a project opened and played as a person does it, in the
// example host editor built from the packed package (scripts/build-example.js), in Debian's
// Chromium. N clips of one 60 s 720p file with sound are added from its media list at once
// (each a picture and its linked sound track, in a 5-column grid so 20 fit), under each renderer,
// against N bare muted `<video>` elements given the same URL:
// - open: ms from the first "Add" until every layer the decoder budget lets load shows its first
//   frame (elements: its `<video>` has a frame; canvas: its "Loading" placeholder is gone);
// - play: the distinct frames a layer shows in 10 s of play (elements: `requestVideoFrameCallback`'s
//   media times; canvas: the frame number each layer carries, read from the composite's pixels
//   each animation frame) and, in the 5 s before, the share of the time the page's main thread
//   was busy (CDP).
// All read from outside the kit. `npm run bench:editor` (3 runs a cell), `-- --smoke` (CI).
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Page } from 'playwright-core';
import { preview } from 'vite';
import { buildExample, exampleDir } from '../scripts/build-example.js';
import { startMediaServer } from '../server';
import { cacheDir, ensureEditorClip } from './benchMedia';
import { launchChromium, settle } from './harness';
import { spread, type Spread } from './stats';

const { values: options } = parseArgs({
  options: {
    smoke: { type: 'boolean', default: false },
    runs: { type: 'string', default: '3' },
    counts: { type: 'string', default: '5,10,20' },
    'play-seconds': { type: 'string', default: '10' },
    // The example as it was last built (after a change to the kit, build it again).
    'no-build': { type: 'boolean', default: false },
  },
});
const smoke = options.smoke;
const runs = smoke ? 1 : Number(options.runs);
const counts = smoke ? [2] : options.counts.split(',').map(Number);
const playSeconds = smoke ? 2 : Number(options['play-seconds']);
const busySeconds = smoke ? 1 : 5;
const setups = ['canvas', 'elements', 'bare'] as const;
type Setup = (typeof setups)[number];
const columns = 5;
/** The composite's box on the page, for the bare elements (the example's viewer column at 1280 px). */
const viewport = { width: 1280, height: 900 };
const frameRate = 30;

/**
 * The page side, as plain script (sent as it is, so no compiler helper can slip into it): adds
 * clips or elements, times their first frames, and counts the distinct frames each layer shows.
 */
const inPage = `
window.__editorBench = (() => {
  const nextFrame = () => new Promise((resolve) => requestAnimationFrame(resolve));
  const composite = () => document.querySelector('[aria-label="Composite"]');
  const layers = () => [...document.querySelectorAll('.mtk-layer[data-track-id]')];
  const videos = (root) => [...root.querySelectorAll('video')].filter((video) => !video.closest('.mtk-layer') || video.hasAttribute('data-active'));
  /** Layers (or bare elements) with their first frame on screen, and layers the budget suspended. */
  function shown(setup) {
    if (setup === 'bare') return { shown: videos(document).filter((video) => video.readyState >= 2).length, suspended: 0 };
    const all = layers();
    const suspended = all.filter((layer) => layer.dataset.status === 'suspended').length;
    if (setup === 'elements') return { shown: videos(composite()).filter((video) => video.readyState >= 2).length, suspended, layers: all.length };
    return { shown: all.filter((layer) => layer.dataset.status !== 'suspended' && !layer.querySelector('.mtk-placeholder')).length, suspended, layers: all.length };
  }
  async function open(setup, count, url) {
    const started = performance.now();
    if (setup === 'bare') {
      const stage = document.getElementById('stage');
      for (let index = 0; index < count; index += 1) {
        const video = document.createElement('video');
        const width = stage.clientWidth / ${columns};
        const height = stage.clientHeight / ${columns};
        Object.assign(video.style, { position: 'absolute', left: (index % ${columns}) * width + 'px', top: Math.floor(index / ${columns}) * height + 'px', width: width + 'px', height: height + 'px' });
        video.muted = true;
        video.crossOrigin = 'anonymous';
        video.preload = 'auto';
        video.src = url;
        stage.append(video);
      }
    } else {
      const button = [...document.querySelectorAll('button')].find((candidate) => candidate.textContent === 'Add ' + url.split('/').pop());
      for (let index = 0; index < count; index += 1) button.click();
    }
    for (;;) {
      await nextFrame();
      const now = shown(setup);
      if (setup === 'bare' ? now.shown >= count : now.layers === count && now.shown + now.suspended >= count) return { ms: performance.now() - started, ...now };
      if (performance.now() - started > 120000) throw new Error('first frames not all shown after 120 s: ' + JSON.stringify(now));
    }
  }
  /** The frame number a row of pixels carries (\`width\` px of it from \`x\`: 12 cells, white where a bit is set). */
  function frameCode(pixels, stride, row, x, width) {
    let value = 0;
    for (let bit = 0; bit < 12; bit += 1) {
      const at = (row * stride + Math.round(x + (width * (bit + 0.5)) / 12)) * 4;
      if ((pixels[at] + pixels[at + 1] + pixels[at + 2]) / 3 > 128) value |= 1 << bit;
    }
    return value;
  }
  async function count(setup, seconds) {
    const seen = new Map();
    const note = (key, frame) => {
      if (!seen.has(key)) seen.set(key, new Set());
      seen.get(key).add(frame);
    };
    const until = performance.now() + seconds * 1000;
    const watched = [];
    if (setup !== 'canvas') {
      for (const video of videos(setup === 'bare' ? document : composite())) {
        const key = video.dataset.trackId ?? String(watched.length);
        const onFrame = (_now, metadata) => {
          if (performance.now() > until) return;
          note(key, Math.round(metadata.mediaTime * ${frameRate}));
          video.requestVideoFrameCallback(onFrame);
        };
        video.requestVideoFrameCallback(onFrame);
        watched.push(video);
      }
      while (performance.now() < until) await new Promise((resolve) => setTimeout(resolve, 100));
    } else {
      // What the worker last put on the page's canvas (Chromium lets a page read its placeholder),
      // each animation frame once its drawing is done, drawn at the canvas's size on the page; of
      // it only one row a layer is read back (the placeholder's width and height attributes do
      // not follow the size the worker draws at, so no part of it can be asked for alone).
      const canvas = composite().querySelector('canvas');
      const board = new OffscreenCanvas(1, 1).getContext('2d', { willReadFrequently: true });
      while (performance.now() < until) {
        await nextFrame();
        await new Promise((resolve) => setTimeout(resolve, 0));
        const area = canvas.getBoundingClientRect();
        const width = Math.round(area.width);
        const height = Math.round(area.height);
        if (board.canvas.width !== width || board.canvas.height !== height) Object.assign(board.canvas, { width, height });
        board.drawImage(canvas, 0, 0, width, height);
        for (const layer of layers()) {
          if (layer.dataset.status === 'suspended' || layer.querySelector('.mtk-placeholder')) continue;
          const box = layer.getBoundingClientRect();
          const x = Math.max(0, Math.round(box.x - area.x));
          const row = board.getImageData(x, Math.round(box.y - area.y + box.height * 0.1), Math.max(1, Math.min(width - x, Math.round(box.width))), 1);
          const frame = frameCode(row.data, row.width, 0, 0, row.width);
          if (frame < ${60 * frameRate}) note(layer.dataset.trackId, frame);
        }
      }
    }
    return [...seen.values()].map((frames) => frames.size);
  }
  return { open, count, playBare: () => Promise.all([...document.querySelectorAll('video')].map((video) => video.play())) };
})();
`;

interface Run {
  openMs: number;
  suspended: number;
  /** Distinct frames each layer showed while playing, over the layers that showed any. */
  framesPerLayer: number[];
  framesMedian: number;
  mainThreadBusy: number;
}

async function busyClock(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  return async () => {
    const { metrics } = await cdp.send('Performance.getMetrics');
    return { task: metrics.find((metric) => metric.name === 'TaskDuration')?.value ?? Number.NaN, at: Date.now() };
  };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? 0 : sorted[Math.floor((sorted.length - 1) / 2)];
};

async function measure(setup: Setup, count: number, editorUrl: string, clipUrl: string): Promise<Run> {
  const chrome = await launchChromium();
  try {
    const page = await chrome.browser.newPage({ viewport });
    if (setup === 'bare') {
      await page.setContent('<body style="margin:0"><div id="stage" style="position:relative;width:700px;height:394px;background:#000"></div></body>');
      await page.evaluate(inPage);
    } else {
      await page.addInitScript({ content: inPage });
      await page.goto(editorUrl);
      await page.getByRole('button', { name: /^Add .*\.mp4$/ }).first().waitFor({ timeout: 30_000 });
      if (setup === 'canvas') {
        await page.waitForFunction(() => document.querySelector<HTMLOptionElement>('option[value="canvas"]')?.disabled === false, undefined, { timeout: 30_000 });
        await page.getByLabel('Renderer').selectOption('canvas');
      }
      await settle(500);
    }
    const opened = await page.evaluate<{ ms: number; suspended: number }>(`window.__editorBench.open(${JSON.stringify(setup)}, ${count}, ${JSON.stringify(clipUrl)})`);
    await settle(1000);
    if (setup === 'bare') await page.evaluate('window.__editorBench.playBare()');
    else await page.getByRole('button', { name: 'Play', exact: true }).first().click();
    await settle(1000);
    // The main thread's share measured apart from the counting, which reads the canvas's pixels
    // each animation frame under the canvas renderer (a cost of the measurement, not of the kit).
    const busy = await busyClock(page);
    const before = await busy();
    await settle(busySeconds * 1000);
    const after = await busy();
    const framesPerLayer = await page.evaluate<number[]>(`window.__editorBench.count(${JSON.stringify(setup)}, ${playSeconds})`);
    return {
      openMs: opened.ms,
      suspended: opened.suspended,
      framesPerLayer,
      framesMedian: median(framesPerLayer),
      mainThreadBusy: (after.task - before.task) / ((after.at - before.at) / 1000),
    };
  } finally {
    await chrome.close();
  }
}

const started = Date.now();
if (!options['no-build']) buildExample();
const clip = ensureEditorClip();
// The media root holds the clip and the library list the example reads; (a copy: the server serves no link out of its root); its derived items
// (filmstrips, waveforms) are made once, in a first unmeasured open, and served from the cache after.
const mediaRoot = mkdtempSync(path.join(tmpdir(), 'editor-bench-media-'));
const derivedCache = mkdtempSync(path.join(tmpdir(), 'editor-bench-derived-'));
copyFileSync(path.join(cacheDir, clip), path.join(mediaRoot, clip));
writeFileSync(path.join(mediaRoot, 'media.json'), JSON.stringify([clip]));
const media = await startMediaServer({ root: mediaRoot, port: 0, cors: '*', derived: { cacheDir: derivedCache } });
const app = await preview({ configFile: false, root: exampleDir, build: { outDir: path.join(exampleDir, 'dist') }, preview: { port: 0, host: '127.0.0.1' }, logLevel: 'warn' });
const editorUrl = `${app.resolvedUrls?.local[0]}?media=${encodeURIComponent(media.url)}&columns=${columns}`;
const clipUrl = `${media.url}/${clip}`;

const results: { setup: Setup; count: number; runs: Run[]; openMs: Spread; framesMedian: Spread; mainThreadBusy: Spread; suspended: number }[] = [];
try {
  if (!smoke) await measure('elements', 2, editorUrl, clipUrl);
  for (const count of counts) {
    for (const setup of setups) {
      const figures: Run[] = [];
      for (let run = 0; run < runs; run += 1) figures.push(await measure(setup, count, editorUrl, clipUrl));
      const cell = {
        setup,
        count,
        runs: figures,
        openMs: spread(figures.map((figure) => figure.openMs)),
        framesMedian: spread(figures.map((figure) => figure.framesMedian)),
        mainThreadBusy: spread(figures.map((figure) => figure.mainThreadBusy)),
        suspended: figures[0].suspended,
      };
      results.push(cell);
      console.log(
        `bench editor: ${count} clips, ${setup}: first frames in ${cell.openMs.median.toFixed(0)} ms${cell.suspended ? ` (${cell.suspended} suspended by the budget)` : ''}, ` +
          `${cell.framesMedian.median} distinct frames a layer in ${playSeconds} s, main thread busy ${cell.mainThreadBusy.median.toFixed(2)}`,
      );
    }
  }
} finally {
  await media.close();
  await new Promise<void>((resolve) => app.httpServer.close(() => resolve()));
  rmSync(mediaRoot, { recursive: true, force: true });
  rmSync(derivedCache, { recursive: true, force: true });
}

const cellOf = (setup: Setup, count: number) => results.find((result) => result.setup === setup && result.count === count);
const bounds = { openVsBare: 1.2, framesVsElements: 1 };
const verdicts = counts.flatMap((count) => {
  const bare = cellOf('bare', count);
  const elements = cellOf('elements', count);
  return (['canvas', 'elements'] as const).map((setup) => {
    const cell = cellOf(setup, count);
    const openRatio = cell && bare ? cell.openMs.median / bare.openMs.median : Number.NaN;
    const framesRatio = cell && elements ? cell.framesMedian.median / elements.framesMedian.median : Number.NaN;
    return { count, setup, openRatio, openWithin: openRatio <= bounds.openVsBare, framesRatio, framesWithin: setup === 'elements' || framesRatio >= bounds.framesVsElements };
  });
});
for (const verdict of verdicts) {
  console.log(
    `bench editor: ${verdict.count} clips, ${verdict.setup}: open ${verdict.openRatio.toFixed(2)}x bare elements (bound ${bounds.openVsBare}, ${verdict.openWithin ? 'within' : 'NOT within'})` +
      (verdict.setup === 'canvas' ? `, distinct frames ${verdict.framesRatio.toFixed(2)}x the element renderer's (bound ${bounds.framesVsElements}, ${verdict.framesWithin ? 'within' : 'NOT within'})` : ''),
  );
}
const out = new URL('./results/', import.meta.url).pathname;
mkdirSync(out, { recursive: true });
const report = { date: new Date().toISOString(), smoke, runs, playSeconds, seconds: Math.round((Date.now() - started) / 1000), bounds, verdicts, results };
writeFileSync(path.join(out, smoke ? 'editor-smoke.json' : 'editor.json'), JSON.stringify(report, null, 2));
if (smoke && !results.every((cell) => cell.framesMedian.median > 0 && Number.isFinite(cell.openMs.median))) throw new Error('bench editor smoke: a setup showed no frames');
