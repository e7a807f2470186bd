// The A/V sync benchmark: the story "Sound and picture in sync" (a video that flashes and beeps,
// and the same beeps from a sound file) played in Debian's Chromium, run after run, against the
// Storybook build. The story measures each flash's offset from its beep at the master output and
// leaves the numbers on its root (`data-av-offsets-ms`, `data-track-offsets-ms`); this collects
// them into a table. `npm run bench:av` (10 runs), `-- --smoke` (CI: one run). Needs
// `npm run build-storybook:test` first.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { preview } from 'vite';
import { chromiumPath, launchChromium } from './harness';
import { percentile } from './stats';

const { values: options } = parseArgs({ options: { smoke: { type: 'boolean', default: false }, runs: { type: 'string', default: '10' } } });
const runs = options.smoke ? 1 : Number(options.runs);
const storyId = 'compositor-sound--sound-and-picture-in-sync';

interface Run {
  /** Beep heard minus flash seen, per flash (ms): the first 11 after play, the rest after a seek. */
  avOffsetsMs: number[];
  /** The sound file's beep minus the video's sound's, per beep (ms). */
  trackOffsetsMs: number[];
  /** Whether the story's own bound held (its 90th percentile within a frame). */
  storyPassed: boolean;
}

async function measureOnce(storybookUrl: string): Promise<Run> {
  const chrome = await launchChromium();
  try {
    const page = await chrome.browser.newPage();
    const failures: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') failures.push(message.text());
    });
    await page.goto(`${storybookUrl}/iframe.html?id=${storyId}&viewMode=story`);
    const root = page.locator('#storybook-root');
    await page.waitForFunction(() => document.querySelector<HTMLElement>('#storybook-root')?.dataset.trackOffsetsMs !== undefined || document.querySelector<HTMLElement>('#storybook-root')?.dataset.avOffsetsMs !== undefined, undefined, { timeout: 120_000, polling: 200 });
    // The second list is written after the first: wait for both, or for the play function to stop.
    await page.waitForFunction(() => document.querySelector<HTMLElement>('#storybook-root')?.dataset.trackOffsetsMs !== undefined, undefined, { timeout: 5000, polling: 100 }).catch(() => undefined);
    const read = async (name: string) => JSON.parse((await root.getAttribute(name)) ?? '[]') as number[];
    return { avOffsetsMs: await read('data-av-offsets-ms'), trackOffsetsMs: await read('data-track-offsets-ms'), storyPassed: !failures.some((text) => text.includes('AssertionError')) };
  } finally {
    await chrome.close();
  }
}

const round = (ms: number) => Math.round(ms * 10) / 10;

function table(measured: Run[]): string {
  const lines = [
    '| run | flashes | median (ms) | p95 of its flashes (ms) | worst (ms) | sound tracks apart, worst (ms) |',
    '| --- | --- | --- | --- | --- | --- |',
  ];
  measured.forEach((run, index) => {
    const sizes = run.avOffsetsMs.map(Math.abs);
    lines.push(
      `| ${index + 1} | ${run.avOffsetsMs.length} | ${round(percentile(run.avOffsetsMs, 0.5))} | ${round(percentile(sizes, 0.95))} | ${round(Math.max(...sizes))} | ${round(Math.max(...run.trackOffsetsMs.map(Math.abs)))} |`,
    );
  });
  const all = measured.flatMap((run) => run.avOffsetsMs);
  const allSizes = all.map(Math.abs);
  const within = measured.filter((run) => percentile(run.avOffsetsMs.map(Math.abs), 0.95) < 33).length;
  lines.push('');
  lines.push(`All ${all.length} flashes: median ${round(percentile(all, 0.5))} ms (positive: sound after picture), p95 of the size ${round(percentile(allSizes, 0.95))} ms, worst ${round(Math.max(...allSizes))} ms.`);
  lines.push(`Runs whose p95 is within a frame (33 ms): ${within} of ${measured.length}. Sound tracks apart, worst of all runs: ${round(Math.max(...measured.flatMap((run) => run.trackOffsetsMs.map(Math.abs))))} ms (bound 1).`);
  return `${lines.join('\n')}\n`;
}

async function main() {
  const outDir = 'storybook-static';
  if (!existsSync(`${outDir}/index.html`)) throw new Error('bench av: no storybook-static/ build; run `npm run build-storybook:test` first');
  const started = Date.now();
  const server = await preview({ configFile: false, root: process.cwd(), build: { outDir }, preview: { port: 0, host: '127.0.0.1' }, logLevel: 'warn' });
  const storybookUrl = (server.resolvedUrls?.local[0] ?? '').replace(/\/$/, '');
  const measured: Run[] = [];
  try {
    for (let run = 0; run < runs; run += 1) {
      const result = await measureOnce(storybookUrl);
      measured.push(result);
      const sizes = result.avOffsetsMs.map(Math.abs);
      console.log(`bench av [${run + 1}/${runs}]: ${result.avOffsetsMs.length} flashes, p95 ${round(percentile(sizes, 0.95))} ms, worst ${round(Math.max(...sizes))} ms`);
    }
  } finally {
    await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
  }
  if (measured.some((run) => run.avOffsetsMs.length < 18)) throw new Error('bench av: a run measured fewer than 18 flashes');
  if (options.smoke) {
    console.log(`bench av smoke: ${measured[0].avOffsetsMs.length} flashes measured in ${Math.round((Date.now() - started) / 1000)} s`);
    return;
  }
  const out = new URL('./results/', import.meta.url).pathname;
  mkdirSync(out, { recursive: true });
  const report = {
    date: new Date().toISOString(),
    machine: { cores: os.cpus().length, memoryGiB: Math.round(os.totalmem() / 1024 ** 3), chromium: execFileSync(chromiumPath, ['--version']).toString().trim() },
    runs: measured,
  };
  writeFileSync(path.join(out, 'av-sync.json'), JSON.stringify(report, null, 2));
  writeFileSync(path.join(out, 'av-sync.md'), table(measured));
  console.log(`bench: wrote ${out}av-sync.json and av-sync.md in ${Math.round((Date.now() - started) / 1000)} s`);
}

await main();
