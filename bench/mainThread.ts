// The main-thread benchmark: what playing costs the page's main thread as a project grows, with
// the timeline and track list mounted and 2 tracks visible, and how long adding tracks takes to
// reach the screen. Busy time comes from Chromium's own task accounting (CDP Performance metrics),
// store changes from a counter around the store: both read from outside the kit.
// `npm run bench:main-thread` (full), `-- --smoke` (CI: the harness works).
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startMediaServer } from '../server';
import { launchChromium, serveBenchPage, settle } from './harness';
import { spread, type Spread } from './stats';

const { values: options } = parseArgs({
  options: {
    smoke: { type: 'boolean', default: false },
    runs: { type: 'string', default: '3' },
    'play-seconds': { type: 'string', default: '6' },
    // Parts of the page left out, to find where the time goes: --without composite,timeline,list
    without: { type: 'string', default: '' },
    // The timeline's options to turn on (all by default, as the example editor): --timeline filmstrips,headers
    timeline: { type: 'string' },
    // Only these additions (counts; a trailing b for one batch action): --adding 1000b
    adding: { type: 'string' },
  },
});
const smoke = options.smoke;
const runs = smoke ? 1 : Number(options.runs);
const playSeconds = smoke ? 2 : Number(options['play-seconds']);
const projectSizes = smoke ? [2, 20] : [2, 200];
const additions = options.adding
  ? options.adding.split(',').map((item) => ({ count: Number.parseInt(item, 10), batch: item.endsWith('b') }))
  : smoke
    ? [{ count: 50, batch: false }]
    : [200, 250, 500, 1000].map((count) => ({ count, batch: false })).concat([20, 200, 1000].map((count) => ({ count, batch: true })));
const withoutParam = (options.without ? `&without=${options.without}` : '') + (options.timeline === undefined ? '' : `&timeline=${options.timeline}`);

// The page's hooks, read through `page.evaluate` (see bench/page/mainThread.tsx).
interface Counts {
  dispatches: number;
  notifications: number;
  actionTypes: Record<string, number>;
}
const perfOf = 'window.__perf';

interface PlayingFigures {
  busyMsPerSecond: number;
  dispatchesPerSecond: number;
  notificationsWhileIdle: number;
  /** Actions dispatched while playing, by type. */
  actionsWhilePlaying: Record<string, number>;
}

async function measurePlaying(pageUrl: string, mediaUrl: string, tracks: number): Promise<PlayingFigures> {
  const chrome = await launchChromium();
  try {
    const page = await chrome.browser.newPage({ viewport: { width: 1280, height: 2000 } });
    await page.goto(`${pageUrl}?tracks=${tracks}&media=${encodeURIComponent(mediaUrl)}${withoutParam}`);
    await page.waitForFunction(`${perfOf}?.ready()`, undefined, { timeout: 120_000, polling: 50 });
    await settle(1000);
    // Nothing changes: the store must stay quiet, so the loader and selectors have nothing to do.
    const idleBefore = await page.evaluate<{ notifications: number }>(`${perfOf}.counts()`);
    await settle(2000);
    const idleAfter = await page.evaluate<{ notifications: number }>(`${perfOf}.counts()`);

    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    const taskSeconds = async () => {
      const { metrics } = await cdp.send('Performance.getMetrics');
      return metrics.find((metric) => metric.name === 'TaskDuration')?.value ?? Number.NaN;
    };
    await page.evaluate(`${perfOf}.play()`);
    await settle(500);
    const before = { task: await taskSeconds(), at: Date.now(), counts: await page.evaluate<Counts>(`${perfOf}.counts()`) };
    await settle(playSeconds * 1000);
    const after = { task: await taskSeconds(), at: Date.now(), counts: await page.evaluate<Counts>(`${perfOf}.counts()`) };
    await page.evaluate(`${perfOf}.pause()`);
    const seconds = (after.at - before.at) / 1000;
    return {
      busyMsPerSecond: ((after.task - before.task) * 1000) / seconds,
      dispatchesPerSecond: (after.counts.dispatches - before.counts.dispatches) / seconds,
      notificationsWhileIdle: idleAfter.notifications - idleBefore.notifications,
      actionsWhilePlaying: Object.fromEntries(
        Object.entries(after.counts.actionTypes)
          .map(([type, count]) => [type, count - (before.counts.actionTypes[type] ?? 0)])
          .filter(([, count]) => Number(count) > 0),
      ),
    };
  } finally {
    await chrome.close();
  }
}

async function measureAdding(pageUrl: string, mediaUrl: string, count: number, batch: boolean) {
  const chrome = await launchChromium();
  try {
    const page = await chrome.browser.newPage({ viewport: { width: 1280, height: 2000 } });
    await page.goto(`${pageUrl}?tracks=0&media=${encodeURIComponent(mediaUrl)}${withoutParam}`);
    await page.waitForFunction(`${perfOf} !== undefined`, undefined, { timeout: 30_000 });
    await settle(500);
    const result = await page.evaluate<{ dispatchMs: number; screenMs: number; rows: number; newestShown: boolean }>(`${perfOf}.add(${count}, ${batch})`);
    if (!result.newestShown) throw new Error(`bench main-thread: the newest of ${count} tracks added is not on screen`);
    return result;
  } finally {
    await chrome.close();
  }
}

async function main() {
  const started = Date.now();
  const page = await serveBenchPage();
  const pageUrl = page.pageUrl.replace(/index\.html$/, 'main-thread.html');
  const media = await startMediaServer({ root: path.resolve('public/fixtures'), port: 0, cors: '*' });
  const mediaUrl = `${media.url}/sync-h264.mp4`;
  const playing: Array<{ tracks: number; runs: PlayingFigures[]; summary: Record<Exclude<keyof PlayingFigures, 'actionsWhilePlaying'>, Spread> }> = [];
  const adding: Array<{ count: number; batch: boolean; runs: Array<{ dispatchMs: number; screenMs: number; rows: number }>; summary: { dispatchMs: Spread; screenMs: Spread } }> = [];
  try {
    for (const tracks of projectSizes) {
      const figures: PlayingFigures[] = [];
      for (let run = 0; run < runs; run += 1) figures.push(await measurePlaying(pageUrl, mediaUrl, tracks));
      console.log(`bench main-thread: ${tracks} tracks, actions while playing: ${JSON.stringify(figures[0].actionsWhilePlaying)}`);
      const summary = {
        busyMsPerSecond: spread(figures.map((figure) => figure.busyMsPerSecond)),
        dispatchesPerSecond: spread(figures.map((figure) => figure.dispatchesPerSecond)),
        notificationsWhileIdle: spread(figures.map((figure) => figure.notificationsWhileIdle)),
      };
      playing.push({ tracks, runs: figures, summary });
      console.log(
        `bench main-thread: ${tracks} tracks (${tracks * 20} clips), 2 playing: busy ${summary.busyMsPerSecond.median.toFixed(0)} ms/s, ` +
          `${summary.dispatchesPerSecond.median.toFixed(2)} store dispatches/s, ${summary.notificationsWhileIdle.median} store changes while idle`,
      );
    }
    for (const { count, batch } of additions) {
      const figures = [];
      for (let run = 0; run < runs; run += 1) figures.push(await measureAdding(pageUrl, mediaUrl, count, batch));
      const summary = { dispatchMs: spread(figures.map((figure) => figure.dispatchMs)), screenMs: spread(figures.map((figure) => figure.screenMs)) };
      adding.push({ count, batch, runs: figures, summary });
      console.log(
        `bench main-thread: ${count} tracks added ${batch ? 'in one tracksAdded' : 'one trackAdded each'}: dispatched in ${summary.dispatchMs.median.toFixed(0)} ms, ` +
          `on screen after ${summary.screenMs.median.toFixed(0)} ms (${figures[0].rows} track rows drawn)`,
      );
    }
  } finally {
    await media.close();
    await page.close();
  }
  const ratio = playing.length > 1 ? playing[1].summary.busyMsPerSecond.median / playing[0].summary.busyMsPerSecond.median : Number.NaN;
  console.log(`bench main-thread: busy time ${playing.at(-1)?.tracks} vs ${playing[0].tracks} tracks: ${ratio.toFixed(2)}x`);
  const out = new URL('./results/', import.meta.url).pathname;
  mkdirSync(out, { recursive: true });
  const report = { date: new Date().toISOString(), smoke, runs, playSeconds, seconds: Math.round((Date.now() - started) / 1000), busyRatio: ratio, playing, adding };
  // A run of some parts only (`--without`, `--adding`) is kept beside the full run, not over it.
  const name = smoke ? 'main-thread-smoke' : options.without || options.adding || options.timeline !== undefined ? 'main-thread-partial' : 'main-thread';
  writeFileSync(path.join(out, `${name}.json`), JSON.stringify({ ...report, without: options.without }, null, 2));
  if (smoke && !(playing.every((cell) => Number.isFinite(cell.summary.busyMsPerSecond.median)))) throw new Error('bench main-thread smoke: no busy time read');
}

await main();
