// The sound benchmark: N audio tracks of one file playing in Debian's Chromium, the kit's players
// against the whole file decoded with decodeAudioData, for a 60-minute and a 5-minute file.
// Memory is the Chromium process tree's PSS while playing, less an empty page's; CPU is the
// tree's CPU time over a few seconds of playing. Then the waveform of each file: the kit's peaks
// worker against the whole file decoded, memory sampled all the while it works.
// `npm run bench:sound` (full), `-- --smoke` (CI).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startMediaServer } from '../server';
import { cacheDir } from './benchMedia';
import { benchMaxRangeBytes, chromiumPath, launchChromium, serveBenchPage, settle } from './harness';
import { treeCpuSeconds } from './processCpu';
import { treePss } from './processMemory';
import { spread } from './stats';

const { values: options } = parseArgs({
  options: {
    smoke: { type: 'boolean', default: false },
    runs: { type: 'string', default: '3' },
    tracks: { type: 'string', default: '20' },
    // `peaks` or `play` to measure one half alone (the report then has only that half).
    only: { type: 'string' },
  },
});
const smoke = options.smoke;
const runs = smoke ? 1 : Number(options.runs);
const trackCount = smoke ? 2 : Number(options.tracks);
/** Tracks of the fades-and-envelope comparison. */
const automatedTracks = smoke ? 2 : 10;

/** Minutes of the beeps fixture's pattern (a 50 ms beep a second) in AAC, made once into bench/.cache. */
function ensureSoundFile(minutes: number): string {
  const name = `beeps-aac-${minutes}min.m4a`;
  const file = path.join(cacheDir, name);
  if (existsSync(file)) return name;
  mkdirSync(cacheDir, { recursive: true });
  console.log(`bench: making ${name} with ffmpeg...`);
  const beeps = `aevalsrc=exprs='if(lt(mod(t+0.5\\,1)\\,0.05)\\,0.5*sin(2*PI*1000*t)\\,0)':sample_rate=48000:channel_layout=stereo:duration=${minutes * 60}`;
  execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', '-f', 'lavfi', '-i', beeps, '-c:a', 'aac', '-b:a', '96k', '-movflags', '+faststart', '-f', 'mp4', `${file}.part`], { stdio: 'inherit' });
  execFileSync('mv', [`${file}.part`, file]);
  return name;
}

type Strategy = 'kit' | 'kit-automated' | 'decode' | 'mixer';
interface Cell {
  strategy: Strategy;
  tracks: number;
  file: string;
  minutes: number;
}
interface Figures {
  played: boolean;
  attributableBytes: number;
  jsHeapBytes: number;
  /** CPU seconds the browser used per second of playing (2 cores: at most 2). */
  cpuShare: number;
  /** From navigation to sound, in ms. */
  startMs: number;
  error?: string;
}

/** A fresh Chromium showing the empty page, and what its process tree holds then (the baseline). */
async function fromEmptyPage(pageUrl: string) {
  const chrome = await launchChromium();
  const page = await chrome.browser.newPage();
  await page.goto(`${pageUrl}?strategy=empty`);
  await settle(1500);
  return { chrome, page, empty: treePss(chrome.pid) };
}

async function runCell(cell: Cell, pageUrl: string, mediaUrl: string): Promise<Figures> {
  const { chrome, page, empty } = await fromEmptyPage(pageUrl);
  try {
    const cpuEmptyFrom = treeCpuSeconds(chrome.pid);
    await settle(3000);
    const idleCpu = (treeCpuSeconds(chrome.pid) - cpuEmptyFrom) / 3;
    const asked = Date.now();
    await page.goto(`${pageUrl}?${new URLSearchParams({ strategy: cell.strategy, tracks: String(cell.tracks), file: `${mediaUrl}/${cell.file}`, minutes: String(cell.minutes) })}`);
    const played = await page
      .waitForFunction(() => (window as never as { __bench: { playingAt?: number; error?: string } }).__bench?.playingAt !== undefined, undefined, { timeout: 180_000, polling: 100 })
      .then(() => true)
      .catch(() => false);
    const startMs = Date.now() - asked;
    // Playing for a while: the kit's read-ahead and caches fill to what they hold for good.
    await settle(4000);
    const cpuFrom = treeCpuSeconds(chrome.pid);
    await settle(5000);
    const cpuShare = (treeCpuSeconds(chrome.pid) - cpuFrom) / 5 - idleCpu;
    const attributableBytes = treePss(chrome.pid) - empty;
    const { heap, error } = await page.evaluate(() => {
      const bench = (window as never as { __bench: { heap(): number; error?: string; status?: string; playingAt?: number } }).__bench;
      return { heap: bench.heap(), error: bench.error ?? (bench.playingAt === undefined ? `never played: ${bench.status}` : undefined) };
    });
    return { played, attributableBytes, jsHeapBytes: heap, cpuShare, startMs, error };
  } finally {
    await chrome.close();
  }
}

type PeaksStrategy = 'peaks' | 'peaks-decode';
interface PeaksFigures {
  made: boolean;
  /** The most the browser held above an empty page while making them (PSS sampled every 200 ms). */
  highestBytes: number;
  /** From navigation to peaks, in ms. */
  ms: number;
  peaksBytes: number;
  error?: string;
}

/** Makes one file's waveform peaks in a fresh Chromium, watching memory all the while. */
async function runPeaksCell(strategy: PeaksStrategy, file: string, pageUrl: string, mediaUrl: string): Promise<PeaksFigures> {
  const { chrome, page, empty } = await fromEmptyPage(pageUrl);
  try {
    let highest = 0;
    const sampler = setInterval(() => {
      highest = Math.max(highest, treePss(chrome.pid));
    }, 200);
    const asked = Date.now();
    await page.goto(`${pageUrl}?${new URLSearchParams({ strategy, file: `${mediaUrl}/${file}` })}`);
    const state = () => page.evaluate(() => {
      const bench = (window as never as { __bench: { peaksAt?: number; peaksBytes?: number; error?: string } }).__bench;
      return { done: bench.peaksAt !== undefined, peaksBytes: bench.peaksBytes ?? 0, error: bench.error };
    });
    let figures = await state();
    while (!figures.done && !figures.error && Date.now() - asked < 300_000) {
      await settle(100);
      figures = await state();
    }
    const ms = Date.now() - asked;
    clearInterval(sampler);
    return { made: figures.done, highestBytes: highest - empty, ms, peaksBytes: figures.peaksBytes, error: figures.error };
  } finally {
    await chrome.close();
  }
}

/** The kit's peaks against the naive waveform, for each file: memory at its highest while making them, and time. */
async function measurePeaks(files: { file: string; minutes: number }[], pageUrl: string, mediaUrl: string) {
  const results = [];
  for (const { file, minutes } of files) {
    for (const strategy of ['peaks', 'peaks-decode'] as const) {
      const figures: PeaksFigures[] = [];
      for (let run = 0; run < runs; run += 1) figures.push(await runPeaksCell(strategy, file, pageUrl, mediaUrl));
      const summary = {
        made: figures.filter((figure) => figure.made).length,
        highestBytes: spread(figures.map((figure) => figure.highestBytes)),
        ms: spread(figures.map((figure) => figure.ms)),
        peaksBytes: figures[0].peaksBytes,
      };
      results.push({ strategy, file, minutes, figures, summary });
      console.log(
        `bench peaks ${strategy} ${minutes} min: highest ${(summary.highestBytes.median / 1e6).toFixed(0)} MB, ${(summary.ms.median / 1000).toFixed(1)} s, ` +
          `peaks ${(summary.peaksBytes / 1024).toFixed(0)} KiB, made ${summary.made}/${runs}` + (figures.find((figure) => figure.error) ? ` (${figures.find((figure) => figure.error)?.error})` : ''),
      );
    }
  }
  return results;
}

function peaksTable(results: Awaited<ReturnType<typeof measurePeaks>>): string {
  const lines = ['| waveform of | file | memory at its highest (MB, median) | time (s, median) | peaks kept (KiB) |', '| --- | --- | --- | --- | --- |'];
  for (const result of results) {
    lines.push(`| ${result.strategy === 'peaks' ? 'kit (worker, streaming decode)' : 'whole file decoded'} | ${result.minutes} min | ${(result.summary.highestBytes.median / 1e6).toFixed(0)} | ${(result.summary.ms.median / 1000).toFixed(1)} | ${(result.summary.peaksBytes / 1024).toFixed(0)} |`);
  }
  const of = (strategy: PeaksStrategy, minutes: number) => results.find((result) => result.strategy === strategy && result.minutes === minutes)?.summary.highestBytes.median ?? Number.NaN;
  lines.push('', `kit / whole file decoded, 60 min: ${(of('peaks', 60) / of('peaks-decode', 60)).toFixed(3)}x`);
  lines.push(`kit, 60 min / 5 min: ${(of('peaks', 60) / of('peaks', 5)).toFixed(2)}x (flat: within 1.1x)`);
  return `${lines.join('\n')}\n`;
}

async function main() {
  const started = Date.now();
  const served = await serveBenchPage();
  const pageUrl = served.pageUrl.replace(/index\.html$/, 'sound.html');
  const files = smoke ? [{ file: 'beeps-aac.m4a', minutes: 0.2 }] : [{ file: ensureSoundFile(60), minutes: 60 }, { file: ensureSoundFile(5), minutes: 5 }];
  const media = await startMediaServer({ root: smoke ? path.resolve('public/fixtures') : cacheDir, port: 0, cors: '*', maxRangeBytes: benchMaxRangeBytes });
  const cells: Cell[] = [];
  for (const { file, minutes } of files) for (const strategy of ['kit', 'decode'] as const) cells.push({ strategy, tracks: trackCount, file, minutes });
  if (!smoke) cells.push({ strategy: 'kit', tracks: 1, file: files[0].file, minutes: 60 });
  // The mix alone (oscillators into the kit's strips, meters read): its share of the kit's CPU.
  cells.push({ strategy: 'mixer', tracks: trackCount, file: files[0].file, minutes: files[0].minutes });
  // What fades and envelopes cost: ten tracks of the shorter file with them, against ten plain.
  const short = files.at(-1) ?? files[0];
  for (const strategy of ['kit', 'kit-automated'] as const) cells.push({ strategy, tracks: automatedTracks, file: short.file, minutes: short.minutes });
  const results = [];
  let peaks: Awaited<ReturnType<typeof measurePeaks>>;
  try {
    peaks = options.only === 'play' ? [] : await measurePeaks(files, pageUrl, media.url);
    for (const [index, cell] of (options.only === 'peaks' ? [] : cells).entries()) {
      const figures: Figures[] = [];
      for (let run = 0; run < runs; run += 1) figures.push(await runCell(cell, pageUrl, media.url));
      const pick = (key: 'attributableBytes' | 'jsHeapBytes' | 'cpuShare' | 'startMs') => spread(figures.map((figure) => figure[key]));
      const summary = { played: figures.filter((figure) => figure.played).length, attributableBytes: pick('attributableBytes'), jsHeapBytes: pick('jsHeapBytes'), cpuShare: pick('cpuShare'), startMs: pick('startMs') };
      results.push({ ...cell, fileBytes: statSync(path.join(smoke ? 'public/fixtures' : cacheDir, cell.file)).size, figures, summary });
      console.log(
        `bench sound [${index + 1}/${cells.length}] ${cell.strategy} N=${cell.tracks} ${cell.minutes} min: ${(summary.attributableBytes.median / 1e6).toFixed(0)} MB, ` +
          `CPU ${(summary.cpuShare.median * 100).toFixed(0)}%, sound after ${summary.startMs.median.toFixed(0)} ms, played ${summary.played}/${runs}` +
          (figures.find((figure) => figure.error) ? ` (${figures.find((figure) => figure.error)?.error})` : ''),
      );
    }
  } finally {
    await media.close();
    await served.close();
  }
  const report = {
    date: new Date().toISOString(),
    machine: { cores: os.cpus().length, memoryGiB: Math.round(os.totalmem() / 1024 ** 3), chromium: execFileSync(chromiumPath, ['--version']).toString().trim() },
    smoke,
    runs,
    seconds: Math.round((Date.now() - started) / 1000),
    results,
    peaks,
  };
  const out = new URL('./results/', import.meta.url).pathname;
  mkdirSync(out, { recursive: true });
  if (smoke) {
    const silent = results.filter((result) => result.summary.played === 0);
    if (silent.length > 0) throw new Error(`bench sound smoke: ${silent.map((result) => result.strategy).join(', ')} never played`);
    const unmade = peaks.filter((result) => result.summary.made === 0);
    if (unmade.length > 0) throw new Error(`bench sound smoke: ${unmade.map((result) => result.strategy).join(', ')} made no peaks`);
    console.log(`bench sound smoke: ${results.length} cells measured in ${report.seconds} s`);
    return;
  }
  const name = options.only ? `sound-${options.only}` : 'sound';
  writeFileSync(path.join(out, `${name}.json`), JSON.stringify(report, null, 2));
  writeFileSync(path.join(out, `${name}.md`), [results.length > 0 ? soundTable(results) : '', peaks.length > 0 ? peaksTable(peaks) : ''].filter(Boolean).join('\n'));
  console.log(`bench: wrote ${out}${name}.json and ${name}.md in ${report.seconds} s`);
}

function soundTable(results: Array<Cell & { summary: { attributableBytes: { median: number }; cpuShare: { median: number }; startMs: { median: number }; played: number } }>): string {
  const mb = (bytes: number) => (bytes / 1e6).toFixed(0);
  const lines = ['| strategy | tracks | file | memory (MB, median) | CPU (share of one core) | sound after (ms) |', '| --- | --- | --- | --- | --- | --- |'];
  for (const result of results) {
    lines.push(`| ${result.strategy} | ${result.tracks} | ${result.minutes} min | ${mb(result.summary.attributableBytes.median)} | ${result.summary.cpuShare.median.toFixed(2)} | ${result.summary.startMs.median.toFixed(0)} |`);
  }
  const of = (strategy: Strategy, minutes: number) => results.find((result) => result.strategy === strategy && result.minutes === minutes && result.tracks === trackCount)?.summary.attributableBytes.median ?? Number.NaN;
  lines.push('', `kit / decode, ${trackCount} tracks of 60 min: ${(of('kit', 60) / of('decode', 60)).toFixed(3)}x (bound 0.05)`);
  lines.push(`kit, 5 min / 60 min: ${(of('kit', 5) / of('kit', 60)).toFixed(2)}x (bound 1.1 the other way: 60 min / 5 min ${(of('kit', 60) / of('kit', 5)).toFixed(2)}x)`);
  const cpu = (strategy: Strategy) => results.find((result) => result.strategy === strategy && result.tracks === trackCount && result.minutes === 60)?.summary.cpuShare.median ?? Number.NaN;
  lines.push(`mixer alone (${trackCount} strips fed by oscillators, meters read): ${cpu('mixer').toFixed(2)} of a core, ${((cpu('mixer') / cpu('kit')) * 100).toFixed(0)}% of the kit's ${cpu('kit').toFixed(2)}`);
  const automated = (strategy: Strategy) => results.find((result) => result.strategy === strategy && result.tracks === automatedTracks && result.minutes !== 60)?.summary.cpuShare.median ?? Number.NaN;
  lines.push(
    `${automatedTracks} tracks with fades and a volume envelope vs plain, CPU: ${(automated('kit-automated') / automated('kit')).toFixed(2)}x (bound 1.1; ${automated('kit-automated').toFixed(2)} vs ${automated('kit').toFixed(2)} of a core)`,
  );
  return `${lines.join('\n')}\n`;
}

await main();
