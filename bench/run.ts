// The memory benchmark: every loading strategy side by side, in Debian's Chromium, against the
// kit's media server on loopback. `npm run bench` (full), `npm run bench -- --smoke` (CI).
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Page } from 'playwright-core';
import { startMediaServer } from '../server';
import { requestServerProxy } from '../src/sources';
import { cacheDir, ensureBench4kFile, ensureBenchFile, proxyCacheDir } from './benchMedia';
import { benchMaxRangeBytes, chromiumPath, launchChromium, serveBenchPage, settle } from './harness';
import { treePss } from './processMemory';
import { writeReport } from './report';
import { spread, type Spread } from './stats';

export type Strategy = 'naive' | 'lazy' | 'streaming' | 'floor' | 'budget' | 'proxy' | 'canvas' | 'canvas-page' | 'canvas-direct';
/**
 * Every strategy of the memory scenarios; 'proxy' (the kit playing 720p proxies) has a 4K scenario of its own;
 * 'canvas-page' (the canvas renderer drawing on the page's thread, not in its worker) and 'canvas-direct' (the
 * browser drawing each frame itself, `framePath: 'direct'`, against 'canvas''s choice here) only the track counts.
 */
export const strategies: Strategy[] = ['naive', 'lazy', 'streaming', 'floor', 'budget', 'canvas', 'canvas-page', 'canvas-direct'];
/** Live decoders the 'budget' strategy allows. */
export const budgetDecoders = 5;

export interface Cell {
  group: 'tracks' | 'hidden' | 'hidden-after-load' | 'size' | 'distinct' | 'proxy4k' | 'looks' | 'motion' | 'smoke';
  strategy: Strategy;
  tracks: number;
  visible: number;
  file: string;
  fileBytes: number;
  distinct: boolean;
  /** Every layer styled (turned, scaled, at opacity 0.8: `styledLook`) rather than plain. */
  styled?: boolean;
  /** Every layer's turn, scale and opacity keyframed too (`animatedClip`). */
  animated?: boolean;
}

export interface RunFigures {
  loaded: boolean;
  attributableBytes: number;
  attributableBytesPlaying: number;
  emptyPageBytes: number;
  jsHeapBytes: number;
  serverBytesAtLoad: number;
  firstFrameMs: number;
  seekMs: number;
  droppedFrames: number;
  totalFrames: number;
  liveVideos: number;
  /** The canvas renderer: decoded VideoFrames still open after the run, paused and at rest (NaN for the others). */
  openVideoFrames: number;
  /** Share of the playing time the page's main thread was busy (Chromium's task accounting, CDP). */
  mainThreadBusy: number;
}

export interface CellResult extends Cell {
  runs: RunFigures[];
  summary: Record<Exclude<keyof RunFigures, 'loaded'>, Spread> & { loadedRuns: number };
}

const { values: options } = parseArgs({
  options: {
    smoke: { type: 'boolean', default: false },
    size: { type: 'string', default: '150' },
    small: { type: 'string', default: '30' },
    runs: { type: 'string', default: '3' },
    'play-seconds': { type: 'string', default: '10' },
    'load-timeout': { type: 'string', default: '120' },
    // Seconds of the 4K original the proxy scenario plays, and how many tracks it has.
    '4k-seconds': { type: 'string', default: '40' },
    '4k-tracks': { type: 'string', default: '5' },
    // A part of the run, written as results/<name>.json and .md beside the full run's latest.*:
    // --strategies streaming,floor --groups tracks,size --name after-sync
    strategies: { type: 'string' },
    groups: { type: 'string' },
    name: { type: 'string', default: 'partial' },
  },
});
const onlyStrategies = options.strategies?.split(',');
const onlyGroups = options.groups?.split(',');
const partial = onlyStrategies !== undefined || onlyGroups !== undefined;

const smoke = options.smoke;
const runs = smoke ? 1 : Number(options.runs);
const playSeconds = smoke ? 2 : Number(options['play-seconds']);
const loadTimeoutMs = (smoke ? 60 : Number(options['load-timeout'])) * 1000;

function cells(): Cell[] {
  if (smoke) {
    const file = 'stream-h264.mp4';
    const fileBytes = statSync(path.join('public/fixtures', file)).size;
    const smokeCells = strategies.map((strategy): Cell => ({ group: 'smoke', strategy, tracks: 2, visible: 2, file, fileBytes, distinct: false }));
    // The proxy strategy's smoke cell has the media server make a proxy of a small fixture.
    const proxied = 'sync-h264.mp4';
    return [
      ...smokeCells,
      { group: 'smoke', strategy: 'canvas', tracks: 2, visible: 2, file, fileBytes: smokeCells[0].fileBytes, distinct: false, styled: true },
      { group: 'smoke', strategy: 'streaming', tracks: 2, visible: 2, file, fileBytes: smokeCells[0].fileBytes, distinct: false, styled: true, animated: true },
      { group: 'smoke', strategy: 'proxy', tracks: 2, visible: 2, file: proxied, fileBytes: statSync(path.join('public/fixtures', proxied)).size, distinct: false },
    ];
  }
  const large = ensureBenchFile(Number(options.size));
  const small = ensureBenchFile(Number(options.small));
  const sizeOf = (file: string) => statSync(path.join(cacheDir, file)).size;
  const list: Cell[] = [];
  for (const strategy of strategies) {
    for (const tracks of [1, 5, 10, 20]) {
      list.push({ group: 'tracks', strategy, tracks, visible: tracks, file: large, fileBytes: sizeOf(large), distinct: false });
    }
    if (strategy === 'canvas-page' || strategy === 'canvas-direct') continue;
    list.push({ group: 'hidden', strategy, tracks: 20, visible: 2, file: large, fileBytes: sizeOf(large), distinct: false });
    // What 20 tracks with 2 visible must cost no more than: 2 tracks, both visible.
    list.push({ group: 'hidden', strategy, tracks: 2, visible: 2, file: large, fileBytes: sizeOf(large), distinct: false });
    // 20 tracks loaded, then 18 hidden: must cost what 18 never-shown tracks cost.
    if (strategy === 'streaming') list.push({ group: 'hidden-after-load', strategy, tracks: 20, visible: 2, file: large, fileBytes: sizeOf(large), distinct: false });
    list.push({ group: 'size', strategy, tracks: 20, visible: 20, file: small, fileBytes: sizeOf(small), distinct: false });
    list.push({ group: 'distinct', strategy, tracks: 20, visible: 20, file: large, fileBytes: sizeOf(large), distinct: true });
  }
  // What a look costs: 20 layers of 720p each turned, scaled and at opacity 0.8 against the same 20 plain.
  for (const strategy of ['streaming', 'canvas'] as const) {
    for (const styled of [false, true]) list.push({ group: 'looks', strategy, tracks: 20, visible: 20, file: large, fileBytes: sizeOf(large), distinct: false, styled });
    // What keyframes cost: the same 20 styled layers, three properties of each animated, against the 'looks' styled cell.
    list.push({ group: 'motion', strategy, tracks: 20, visible: 20, file: large, fileBytes: sizeOf(large), distinct: false, styled: true, animated: true });
  }
  if (!onlyGroups || onlyGroups.includes('proxy4k')) {
    const original = ensureBench4kFile(Number(options['4k-seconds']));
    const tracks = Number(options['4k-tracks']);
    for (const strategy of ['streaming', 'proxy'] as const) {
      list.push({ group: 'proxy4k', strategy, tracks, visible: tracks, file: original, fileBytes: sizeOf(original), distinct: false });
    }
  }
  return list;
}

async function runCell(cell: Cell, pageUrl: string, mediaUrl: string, sentBytes: { total: number }, proxyUrl?: string): Promise<RunFigures> {
  const chrome = await launchChromium();
  const { browser, pid } = chrome;
  try {
    const page: Page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    await page.goto(`${pageUrl}?strategy=empty`);
    await settle(1500);
    const emptyPageBytes = treePss(pid);

    const query = new URLSearchParams({
      strategy: cell.strategy,
      tracks: String(cell.tracks),
      visible: String(cell.visible),
      file: `${mediaUrl}/${cell.file}`,
      distinct: cell.distinct ? '1' : '0',
      ...(cell.group === 'hidden-after-load' ? { hideAfterLoad: '1' } : {}),
      ...(cell.styled ? { styled: '1' } : {}),
      ...(cell.animated ? { animated: '1' } : {}),
      ...(cell.strategy === 'budget' ? { decoders: String(budgetDecoders) } : {}),
      ...(proxyUrl ? { proxy: proxyUrl } : {}),
    });
    sentBytes.total = 0;
    await page.goto(`${pageUrl}?${query}`);
    let loaded = true;
    try {
      await page.waitForFunction(() => (window as never as { __bench: { readyAt?: number } }).__bench?.readyAt !== undefined, undefined, {
        timeout: loadTimeoutMs,
        polling: 50,
      });
    } catch {
      loaded = false;
    }
    const firstFrameMs = loaded ? await page.evaluate(() => (window as never as { __bench: { readyAt: number } }).__bench.readyAt) : Number.NaN;
    await settle(2000);
    const attributableBytes = treePss(pid) - emptyPageBytes;
    const serverBytesAtLoad = sentBytes.total;
    const { heap, live } = await page.evaluate(() => {
      const bench = (window as never as { __bench: { heap(): number; liveVideos(): number } }).__bench;
      return { heap: bench.heap(), live: bench.liveVideos() };
    });

    let seekMs = Number.NaN;
    let quality = { dropped: Number.NaN, total: Number.NaN };
    let attributableBytesPlaying = Number.NaN;
    let openVideoFrames = Number.NaN;
    let mainThreadBusy = Number.NaN;
    if (loaded) {
      // Where to seek: well inside each file (the bench files run 40 s or more, the 60 s
      // streaming fixture 60 s, the sync fixture 12 s).
      const duration = cell.fileBytes > 10e6 ? 30 : cell.file.startsWith('sync') ? 8 : 20;
      seekMs = await page.evaluate(
        (seconds) => Promise.race([(window as never as { __bench: { seek(s: number): Promise<number> } }).__bench.seek(seconds), new Promise<number>((resolve) => setTimeout(() => resolve(Number.NaN), 60_000))]),
        duration,
      );
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Performance.enable');
      const taskSeconds = async () => (await cdp.send('Performance.getMetrics')).metrics.find((metric) => metric.name === 'TaskDuration')?.value ?? Number.NaN;
      await page.evaluate(() => (window as never as { __bench: { play(): void } }).__bench.play());
      const busyBefore = await taskSeconds();
      const playStarted = performance.now();
      await settle(playSeconds * 1000);
      mainThreadBusy = ((await taskSeconds()) - busyBefore) / ((performance.now() - playStarted) / 1000);
      attributableBytesPlaying = treePss(pid) - emptyPageBytes;
      quality = await page.evaluate(() => (window as never as { __bench: { quality(): { dropped: number; total: number } } }).__bench.quality());
      if (cell.strategy.startsWith('canvas')) {
        // Paused past its rest time, a canvas layer keeps only its picture: no frame stays open.
        // Given 5 s: a layer rests 1 s after showing its paused frame, and with 20 layers drawn
        // through the worker on 2 busy cores the last pictures were seen to take longer than 2.5 s
        // (54 frames open then in 1 run of 12, 0 at 5 s in every run).
        await page.evaluate(() => (window as never as { __bench: { pause(): void } }).__bench.pause());
        await settle(5000);
        openVideoFrames = await page.evaluate(() => (window as never as { __bench: { openVideoFrames(): number } }).__bench.openVideoFrames());
      }
    }
    return {
      loaded,
      attributableBytes,
      attributableBytesPlaying,
      emptyPageBytes,
      jsHeapBytes: heap,
      serverBytesAtLoad,
      firstFrameMs,
      seekMs,
      droppedFrames: quality.dropped,
      totalFrames: quality.total,
      liveVideos: live,
      openVideoFrames,
      mainThreadBusy,
    };
  } finally {
    await chrome.close();
  }
}

function summarize(cell: Cell, figures: RunFigures[]): CellResult {
  const pick = (key: Exclude<keyof RunFigures, 'loaded'>) => spread(figures.map((run) => run[key] as number));
  return {
    ...cell,
    runs: figures,
    summary: {
      loadedRuns: figures.filter((run) => run.loaded).length,
      attributableBytes: pick('attributableBytes'),
      attributableBytesPlaying: pick('attributableBytesPlaying'),
      emptyPageBytes: pick('emptyPageBytes'),
      jsHeapBytes: pick('jsHeapBytes'),
      serverBytesAtLoad: pick('serverBytesAtLoad'),
      firstFrameMs: pick('firstFrameMs'),
      seekMs: pick('seekMs'),
      droppedFrames: pick('droppedFrames'),
      totalFrames: pick('totalFrames'),
      liveVideos: pick('liveVideos'),
      openVideoFrames: pick('openVideoFrames'),
      mainThreadBusy: pick('mainThreadBusy'),
    },
  };
}

async function main() {
  const started = Date.now();
  const page = await serveBenchPage();
  const { pageUrl } = page;
  const sentBytes = { total: 0 };
  const proxyMade: Array<{ file: string; seconds: number }> = [];
  const list = cells().filter(
    (cell) => (!onlyStrategies || onlyStrategies.includes(cell.strategy)) && (!onlyGroups || onlyGroups.includes(cell.group)),
  );
  const media = await startMediaServer({
    root: smoke ? path.resolve('public/fixtures') : cacheDir,
    port: 0,
    cors: '*',
    // Capped like a desktop asset protocol: a player that only wants metadata gets no more than
    // this per request, and asks again for what it needs.
    maxRangeBytes: benchMaxRangeBytes,
    onResponse: (sent) => (sentBytes.total += sent.bytes),
    // The proxy strategy plays proxies this server makes with ffmpeg, as a host would ask for them.
    derived: { cacheDir: proxyCacheDir },
  });
  const proxyUrls = new Map<string, string>();
  for (const file of new Set(list.filter((cell) => cell.strategy === 'proxy').map((cell) => cell.file))) {
    const asked = Date.now();
    const proxy = await requestServerProxy(`${media.url}/${file}`, { pollMs: 250 });
    proxyUrls.set(file, proxy.url);
    proxyMade.push({ file, seconds: (Date.now() - asked) / 1000 });
    console.log(`bench: the media server had the proxy of ${file} ready in ${((Date.now() - asked) / 1000).toFixed(1)} s`);
  }

  const results: CellResult[] = [];
  try {
    for (const [index, cell] of list.entries()) {
      const figures: RunFigures[] = [];
      for (let run = 0; run < runs; run += 1) figures.push(await runCell(cell, pageUrl, media.url, sentBytes, cell.strategy === 'proxy' ? proxyUrls.get(cell.file) : undefined));
      const result = summarize(cell, figures);
      results.push(result);
      const mb = (bytes: number) => (bytes / 1e6).toFixed(0);
      console.log(
        `bench [${index + 1}/${list.length}] ${cell.group} ${cell.strategy} N=${cell.tracks} visible=${cell.visible} ${cell.file}${cell.distinct ? ' distinct' : ''}: ` +
          `${mb(result.summary.attributableBytes.median)} MB, first frame ${result.summary.firstFrameMs.median.toFixed(0)} ms, ` +
          `sent ${mb(result.summary.serverBytesAtLoad.median)} MB, loaded ${result.summary.loadedRuns}/${runs}`,
      );
    }
  } finally {
    await media.close();
    await page.close();
  }

  const out = new URL('./results/', import.meta.url).pathname;
  mkdirSync(out, { recursive: true });
  const report = {
    date: new Date().toISOString(),
    machine: { cores: (await import('node:os')).cpus().length, memoryGiB: Math.round((await import('node:os')).totalmem() / 1024 ** 3), chromium: (await import('node:child_process')).execFileSync(chromiumPath, ['--version']).toString().trim() },
    smoke,
    runs,
    playSeconds,
    seconds: Math.round((Date.now() - started) / 1000),
    proxyMade,
    results,
  };
  if (smoke) {
    writeFileSync(path.join(out, 'smoke.json'), JSON.stringify(report, null, 2));
    const broken = results.filter((result) => result.summary.loadedRuns === 0);
    if (broken.length > 0) throw new Error(`bench smoke: ${broken.map((r) => r.strategy).join(', ')} never showed a frame`);
    const leaking = results.filter((result) => result.summary.openVideoFrames.max > 0);
    if (leaking.length > 0) throw new Error(`bench smoke: ${leaking.map((r) => r.strategy).join(', ')} left decoded VideoFrames open after the run`);
    console.log(`bench smoke: ${results.length} strategies measured in ${report.seconds} s`);
    return;
  }
  const name = partial ? options.name : 'latest';
  writeFileSync(path.join(out, `${name}.json`), JSON.stringify(report, null, 2));
  writeReport(report, out, name, !partial);
  console.log(`bench: wrote ${out}${name}.json and ${name}.md${partial ? '' : ' and the charts'} in ${report.seconds} s`);
}

await main();
