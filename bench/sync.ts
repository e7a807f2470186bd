// The playback sync benchmark: N tracks playing together through the kit, in Debian's Chromium,
// each element read against the playhead every animation frame. `npm run bench:sync`
// (3 runs a scenario, 10 s of play), `-- --smoke` (one short run, for CI).
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Page } from 'playwright-core';
import { startMediaServer } from '../server';
import { cacheDir, ensureBenchFile } from './benchMedia';
import { benchMaxRangeBytes, launchChromium, serveBenchPage } from './harness';
import { percentile, spread } from './stats';

const { values: options } = parseArgs({
  options: {
    smoke: { type: 'boolean', default: false },
    runs: { type: 'string', default: '3' },
    seconds: { type: 'string', default: '10' },
    // Only the scenarios whose name holds this text, written as results/<name>.json and .md
    // beside the full run's sync.*: --match canvas --name sync-canvas
    match: { type: 'string' },
    name: { type: 'string', default: 'sync-partial' },
    // The hold at a cut instead: each track cuts 2 s in from its source's 2 s to 6 s; written as results/cut.*.
    cut: { type: 'boolean', default: false },
  },
});
const smoke = options.smoke;
const runs = smoke ? 1 : Number(options.runs);
const seconds = smoke ? 3 : Number(options.seconds);

interface Scenario {
  name: string;
  tracks: number;
  file: string;
  /** Where the file is served from: the committed fixtures, or the benchmark's ffmpeg cache. */
  from: 'fixtures' | 'cache';
  /** Serve whole open-ended 206s, as most servers do, instead of capping each at 1 MiB. */
  uncapped?: boolean;
  /** The kit's strategy: streaming `<video>` elements (the default), or the canvas renderer. */
  strategy?: 'streaming' | 'canvas';
}

function scenarios(): Scenario[] {
  if (smoke) {
    return [
      { name: '2 x 320x180', tracks: 2, file: 'sync-h264.mp4', from: 'fixtures' },
      { name: '2 x 320x180, canvas', tracks: 2, file: 'sync-h264.mp4', from: 'fixtures', strategy: 'canvas' },
    ];
  }
  return [
    { name: '5 x 320x180', tracks: 5, file: 'sync-h264.mp4', from: 'fixtures' },
    { name: '10 x 320x180', tracks: 10, file: 'sync-h264.mp4', from: 'fixtures' },
    { name: '5 x 640x360', tracks: 5, file: 'stream-h264.mp4', from: 'fixtures' },
    { name: '10 x 640x360', tracks: 10, file: 'stream-h264.mp4', from: 'fixtures' },
    { name: '10 x 1280x720', tracks: 10, file: ensureBenchFile(30), from: 'cache' },
    { name: '20 x 1280x720', tracks: 20, file: ensureBenchFile(30), from: 'cache' },
    { name: '10 x 1280x720, uncapped 206s', tracks: 10, file: ensureBenchFile(30), from: 'cache', uncapped: true },
    // The canvas renderer, read from its pixels (the frame-coded fixtures).
    { name: '5 x 320x180, canvas', tracks: 5, file: 'sync-h264.mp4', from: 'fixtures', strategy: 'canvas' },
    { name: '10 x 320x180, canvas', tracks: 10, file: 'sync-h264.mp4', from: 'fixtures', strategy: 'canvas' },
    { name: '5 x 640x360, canvas', tracks: 5, file: 'stream-h264.mp4', from: 'fixtures', strategy: 'canvas' },
    { name: '10 x 640x360, canvas', tracks: 10, file: 'stream-h264.mp4', from: 'fixtures', strategy: 'canvas' },
  ];
}

interface SyncRun {
  drift: number[];
  /** Per presented frame: frames between the one on screen and the one the playhead names. */
  presentedDrift: number[];
  droppedShare: number;
  driftAfterFirstSecond: number[];
  spread: number[];
  waitingMs: number;
  wallMs: number;
  playheadMs: number;
  corrections: Record<string, number>;
}

/** Opens the bench page for a scenario in a fresh Chromium (extra query: `more`), waits until its tracks are ready, and runs `measure` on it. */
async function onScenarioPage<T>(scenario: Scenario, pageUrl: string, mediaUrl: string, more: Record<string, string>, measure: (page: Page) => Promise<T>): Promise<T> {
  const chrome = await launchChromium();
  try {
    const page = await chrome.browser.newPage({ viewport: { width: 1280, height: 720 } });
    const query = new URLSearchParams({
      strategy: scenario.strategy ?? 'streaming',
      tracks: String(scenario.tracks),
      visible: String(scenario.tracks),
      file: `${mediaUrl}/${scenario.file}`,
      distinct: '1',
      ...more,
    });
    await page.goto(`${pageUrl}?${query}`);
    await page.waitForFunction(() => (window as never as { __bench: { readyAt?: number } }).__bench?.readyAt !== undefined, undefined, {
      timeout: 120_000,
      polling: 50,
    });
    return await measure(page);
  } finally {
    await chrome.close();
  }
}

const runOnce = (scenario: Scenario, pageUrl: string, mediaUrl: string): Promise<SyncRun> =>
  onScenarioPage(scenario, pageUrl, mediaUrl, {}, (page) =>
    page.evaluate((playFor) => (window as never as { __bench: { syncRun(s: number): Promise<SyncRun> } }).__bench.syncRun(playFor), seconds),
  );

function summarize(scenario: Scenario, results: SyncRun[]) {
  const across = (pick: (run: SyncRun) => number) => spread(results.map(pick));
  return {
    ...scenario,
    runs: results.length,
    driftMedianFrames: across((run) => percentile(run.drift, 0.5)),
    driftP95Frames: across((run) => percentile(run.drift, 0.95)),
    driftMaxFrames: across((run) => Math.max(...run.drift)),
    driftMaxAfterFirstSecondFrames: across((run) => Math.max(...run.driftAfterFirstSecond)),
    presentedMedianFrames: across((run) => percentile(run.presentedDrift, 0.5)),
    presentedP95Frames: across((run) => percentile(run.presentedDrift, 0.95)),
    presentedMaxFrames: across((run) => Math.max(...run.presentedDrift)),
    droppedShare: across((run) => run.droppedShare),
    spreadMedianFrames: across((run) => percentile(run.spread, 0.5)),
    spreadP95Frames: across((run) => percentile(run.spread, 0.95)),
    spreadMaxFrames: across((run) => Math.max(...run.spread)),
    waitingShare: across((run) => run.waitingMs / run.wallMs),
    playheadPerWall: across((run) => run.playheadMs / run.wallMs),
    seeksPerTrack: across((run) => run.corrections.seek / scenario.tracks),
    nudgeShare: across((run) => run.corrections.nudge / Math.max(1, Object.values(run.corrections).reduce((a, b) => a + b, 0))),
  };
}

type Summary = ReturnType<typeof summarize>;

function markdown(summaries: Summary[], machine: string): string {
  const f = (value: number, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : 'n/a');
  const cell = (s: { median: number; min: number; max: number }, digits = 1) => `${f(s.median, digits)} (${f(s.min, digits)}-${f(s.max, digits)})`;
  const rows = summaries.map((s) =>
    [
      s.name,
      s.waitingShare.median < 0.05 && s.playheadPerWall.median >= 0.95 ? 'yes' : 'no: paused for the slowest',
      cell(s.driftMedianFrames, 2),
      cell(s.driftP95Frames),
      cell(s.driftMaxFrames),
      cell(s.driftMaxAfterFirstSecondFrames),
      `${cell(s.spreadMedianFrames)} / ${cell(s.spreadP95Frames)}`,
      `${cell(s.presentedMedianFrames, 0)} / ${cell(s.presentedP95Frames, 0)} / ${cell(s.presentedMaxFrames, 0)}`,
      `${f(s.droppedShare.median * 100, 0)}%`,
      `${f(s.waitingShare.median * 100, 0)}%`,
      f(s.playheadPerWall.median, 2),
      f(s.seeksPerTrack.median, 1),
    ].join(' | '),
  );
  return [
    machine,
    '',
    'Drift is |element time - time the playhead names| in frames of the source (30 fps), read every animation frame while the composite runs; median (min-max) over the runs. Under the canvas renderer (rows marked canvas) there is no element time: the frame each layer shows is read from the canvas pixels (the frame code of the fixtures) once each animation frame is drawn, and drift is that frame against the one the playhead names at the animation frame.',
    '',
    'Frames on screen: for every frame an element presents (`requestVideoFrameCallback`), how many frames it is from the one the playhead names at its display time; for the canvas, every composite drawn; median / p95 / max. Spread: the widest gap between two layers in one look, median / p95.',
    '',
    '| tracks | kept up in real time | drift median | drift p95 | drift max | max after 1 s | spread between tracks, median / p95 | frames on screen off by | frames dropped | time waiting for buffering | playhead s per wall s | drift seeks per track |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows.map((row) => `| ${row} |`),
    '',
  ].join('\n');
}

async function main() {
  const list = scenarios().filter((scenario) => !options.match || scenario.name.includes(options.match));
  const page = await serveBenchPage();
  // 206 responses capped as in the memory benchmark: with open-ended ones, ten elements on one
  // HTTP/1.1 origin hold all six connections and a seeking element waits for ever (README).
  const served = { port: 0, cors: '*', maxRangeBytes: benchMaxRangeBytes };
  const fixtures = await startMediaServer({ ...served, root: path.resolve('public/fixtures') });
  const cache = await startMediaServer({ ...served, root: cacheDir });
  const uncappedCache = await startMediaServer({ port: 0, cors: '*', root: cacheDir });
  const summaries: Summary[] = [];
  try {
    for (const scenario of list) {
      const results: SyncRun[] = [];
      for (let run = 0; run < runs; run += 1) {
        const server = scenario.from === 'fixtures' ? fixtures : scenario.uncapped ? uncappedCache : cache;
        results.push(await runOnce(scenario, page.pageUrl, server.url));
      }
      const summary = summarize(scenario, results);
      summaries.push(summary);
      console.log(
        `bench sync ${scenario.name}: drift median ${summary.driftMedianFrames.median.toFixed(2)}, max ${summary.driftMaxFrames.median.toFixed(1)} frames; ` +
          `on screen median ${summary.presentedMedianFrames.median}, max ${summary.presentedMaxFrames.median} frames off, ${(summary.droppedShare.median * 100).toFixed(0)}% dropped; ` +
          `waiting ${(summary.waitingShare.median * 100).toFixed(0)}% of the time, playhead ${summary.playheadPerWall.median.toFixed(2)} s per s`,
      );
    }
  } finally {
    await Promise.all([fixtures.close(), cache.close(), uncappedCache.close(), page.close()]);
  }
  if (smoke) {
    for (const summary of summaries) {
      if (!Number.isFinite(summary.driftMedianFrames.median)) throw new Error(`bench sync smoke: no track was read while playing (${summary.name})`);
    }
    console.log('bench sync smoke: the harness works');
    return;
  }
  const os = await import('node:os');
  const machine = `Measured ${new Date().toISOString().slice(0, 10)} on ${os.cpus().length} cores, Debian Chromium, software decoding; ${runs} runs a scenario, ${seconds} s of play.`;
  const out = new URL('./results/', import.meta.url).pathname;
  mkdirSync(out, { recursive: true });
  const name = options.match ? options.name : 'sync';
  writeFileSync(path.join(out, `${name}.json`), JSON.stringify({ date: new Date().toISOString(), runs, seconds, summaries }, null, 2));
  writeFileSync(path.join(out, `${name}.md`), markdown(summaries, machine));
  console.log(`bench sync: wrote ${out}${name}.json and ${name}.md`);
}

/** Longest a picture held at a cut: above this a viewer sees the cut stall (three frames at 30 fps). */
const cutHoldBoundMs = 100;
const cutAtMs = 2000;

async function cutOnce(scenario: Scenario, pageUrl: string, mediaUrl: string): Promise<number[]> {
  const { holds, tracks } = await onScenarioPage(scenario, pageUrl, mediaUrl, { cut: String(cutAtMs) }, (page) =>
    page.evaluate(() => (window as never as { __bench: { cutRun(): Promise<{ holds: number[]; tracks: number }> } }).__bench.cutRun()),
  );
  if (holds.length < tracks) throw new Error(`bench cut ${scenario.name}: ${tracks - holds.length} of ${tracks} tracks were never seen on both sides of the cut`);
  return holds;
}

/** The hold at a cut, per scenario: every track's, over the runs, against `cutHoldBoundMs`. */
async function mainCut() {
  const list: Scenario[] = [
    { name: '5 x 320x180', tracks: 5, file: 'sync-h264.mp4', from: 'fixtures' },
    { name: '5 x 320x180, canvas', tracks: 5, file: 'sync-h264.mp4', from: 'fixtures', strategy: 'canvas' },
    { name: '5 x 640x360', tracks: 5, file: 'stream-h264.mp4', from: 'fixtures' },
    { name: '5 x 640x360, canvas', tracks: 5, file: 'stream-h264.mp4', from: 'fixtures', strategy: 'canvas' },
  ].filter((scenario) => (!smoke || scenario.name.startsWith('5 x 320x180')) && (!options.match || scenario.name.includes(options.match))) as Scenario[];
  const page = await serveBenchPage();
  const fixtures = await startMediaServer({ port: 0, cors: '*', maxRangeBytes: benchMaxRangeBytes, root: path.resolve('public/fixtures') });
  const rows: { name: string; holds: number[] }[] = [];
  try {
    for (const scenario of list) {
      const holds: number[] = [];
      for (let run = 0; run < runs; run += 1) holds.push(...(await cutOnce(scenario, page.pageUrl, fixtures.url)));
      rows.push({ name: scenario.name, holds });
      console.log(`bench cut ${scenario.name}: hold median ${percentile(holds, 0.5).toFixed(0)} ms, max ${Math.max(...holds).toFixed(0)} ms (bound ${cutHoldBoundMs})`);
    }
  } finally {
    await Promise.all([fixtures.close(), page.close()]);
  }
  if (smoke) {
    console.log('bench cut smoke: the harness works');
    return;
  }
  const os = await import('node:os');
  const within = (holds: number[]) => holds.filter((hold) => hold <= cutHoldBoundMs).length;
  const md = [
    `Measured ${new Date().toISOString().slice(0, 10)} on ${os.cpus().length} cores, Debian Chromium, software decoding; ${runs} runs a scenario. Each track cuts at ${cutAtMs / 1000} s from its source's ${cutAtMs / 1000} s to ${(cutAtMs + 4000) / 1000} s.`,
    '',
    `Hold at the cut: how long the last frame before the cut stayed on screen until the first frame after it replaced it, per track and run (33 ms is a cut on time). Bound: ${cutHoldBoundMs} ms (three frames at 30 fps).`,
    '',
    '| scenario | holds | median ms | p95 ms | max ms | within the bound |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows.map(({ name, holds }) => `| ${name} | ${holds.length} | ${percentile(holds, 0.5).toFixed(0)} | ${percentile(holds, 0.95).toFixed(0)} | ${Math.max(...holds).toFixed(0)} | ${within(holds)} of ${holds.length} |`),
    '',
  ].join('\n');
  const out = new URL('./results/', import.meta.url).pathname;
  mkdirSync(out, { recursive: true });
  writeFileSync(path.join(out, 'cut.json'), JSON.stringify({ date: new Date().toISOString(), runs, boundMs: cutHoldBoundMs, rows }, null, 2));
  writeFileSync(path.join(out, 'cut.md'), md);
  console.log(`bench cut: wrote ${out}cut.json and cut.md`);
}

await (options.cut ? mainCut() : main());
