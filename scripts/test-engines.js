// `npm run test:engines`: the stories that matter to every host (loading, hiding, errors and
// Retry, playback and seek, sound, both renderers: `engineStories` below) played in Firefox and
// WebKitGTK, as `npm run test:stories` plays every story in Chromium, with the same checks after
// each (object URLs, open VideoFrames, console errors). Serves the static Storybook build made
// by `npm run build-storybook:test`.
//
//   node scripts/test-engines.js [--engines firefox,webkit] [--renderer elements|canvas|both]
//                                [--match TEXT] [--repeat N] [--report FILE] [--shots DIR]
//                                [--all] [--load]
//
// --shots DIR keeps a screenshot of each failed story's page as it ended (DIR/<engine>-<renderer>-<story>-<round>.png).
// --all plays every tested story of the build, not only the engine stories; --load keeps one
// core busy (a spinning child process) the whole run. With both and --repeat N, in every engine,
// it is the flake census (`npm run census`): it ends with each story's failures out of N.
//
// Prints a line a story and, last, "N passed, N failed". A page that crashes or stops answering
// gets its story once more in a freshly opened engine (Firefox's page freezes on its own now and
// then: docs, Engines); the run names every such hang, and the census counts it as a failure.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { preview } from 'vite';
import { startAudioSink } from './engines/audioSink.js';
import { engineNames, openEngine } from './engines/engines.js';
import { knownFailure } from './engines/knownFailures.js';
import { afterStory, deliverScreenshot, preparePreview, startStory, storyOutcome } from './engines/storyInPage.js';

const option = (name, fallback) => {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : fallback;
};
const engines = option('engines', 'firefox,webkit').split(',');
const renderers = { elements: ['elements'], canvas: ['canvas'], both: ['elements', 'canvas'] }[option('renderer', 'both')];
const match = option('match', '');
const repeat = Number(option('repeat', '1'));
const reportFile = option('report', undefined);
const shotsDir = option('shots', undefined);
const allStories = process.argv.includes('--all');
const withLoad = process.argv.includes('--load');
const storyTimeoutMs = 120_000;
// Stopped from outside (a timeout, ^C): exit, so the drivers, browsers and sound daemon go too.
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(130));

for (const engine of engines) if (!engineNames.includes(engine)) throw new Error(`unknown engine ${engine}: one of ${engineNames.join(', ')}`);
if (!renderers) throw new Error('--renderer is one of elements, canvas, both');
if (!existsSync('storybook-static/index.json')) {
  console.error('test-engines: no storybook-static/ build; run `npm run build-storybook:test` first.');
  process.exit(1);
}

/**
 * The stories every engine plays: what a host depends on in any engine (loading, hiding, errors
 * and Retry, playback and seek, sound), each under both renderers where it is tagged so. The rest
 * (memory figures, decoder budget, proxies, derived media, theming) rest on the same paths and
 * run in Chromium only, to keep CI within its time.
 */
const engineStories = [
  'compositor-lazy-loading--five-clips-all-load',
  'compositor-lazy-loading--hidden-track-releases-its-source',
  'compositor-lazy-loading--hidden-then-shown-reloads-at-the-playhead',
  'compositor-lazy-loading--missing-file-shows-error-and-retry',
  'compositor-lazy-loading--missing-file-comes-back-with-retry',
  'compositor-lazy-loading--undecodable-file-shows-error',
  'compositor-lazy-loading--a-file-that-is-not-media-is-refused-at-the-door',
  'compositor-lazy-loading--a-file-cut-short-plays-what-it-has',
  'compositor-playback--play-and-pause-five-tracks',
  'compositor-playback--scrub-across-clips',
  'compositor-playback--back-to-back-clips-play-through-the-cut',
  'compositor-playback--frame-stepping',
  'compositor-playback--another-frame-rate-steps-on-the-timelines-frames',
  'compositor-playback--clips-at-other-speeds-show-the-frames-their-speed-names',
  'compositor-streaming--seeking-a-streamed-track',
  'compositor-canvas-renderer--every-layer-shows-the-frame-its-clip-names',
  'compositor-canvas-renderer--drawn-on-the-page-thread',
  'compositor-canvas-renderer--a-failed-drawing-worker-hands-back-to-the-page',
  'compositor-canvas-renderer--the-check-decodes-and-draws-a-frame-in-a-worker',
  'compositor-canvas-renderer--the-check-draws-on-the-page-where-no-worker-takes-a-canvas',
  'compositor-canvas-renderer--the-check-refuses-where-frames-cannot-be-decoded',
  'compositor-canvas-renderer--the-export-paints-styled-layers-as-the-screen-does',
  'compositor-canvas-renderer--many-seeks-and-steps-then-play',
  'compositor-canvas-renderer--frames-drawn-by-the-browser',
  'compositor-canvas-renderer--drawn-by-the-browser-the-export-equals-the-screen',
  'compositor-sound--an-audio-track-plays',
  'compositor-sound--mute-lets-go-of-the-track',
  'compositor-sound--a-video-with-sound-gives-a-linked-pair',
  'compositor-sound--sound-that-cannot-play-says-why',
  'compositor-layer-looks--a-turned-half-seen-layer',
  'compositor-layer-looks--the-compositions-background-colour',
  'compositor-layer-looks--handles-move-scale-and-turn-a-layer',
  'compositor-layer-looks--a-covered-layer-holds-nothing',
  'compositor-still-layers--images-colours-and-titles',
  'compositor-still-layers--a-file-that-is-not-an-image-says-so',
  'compositor-look-parity--every-look-drawn-alike-by-both-renderers',
  'compositor-keyframes--keyframed-looks-drawn-alike-by-both-renderers',
  'compositor-keyframes--transitions-drawn-alike-by-both-renderers',
];
const index = JSON.parse(readFileSync('storybook-static/index.json', 'utf8'));
const entries = Object.values(index.entries).filter((entry) => entry.type === 'story');
const byId = new Map(entries.map((entry) => [entry.id, entry]));
for (const id of engineStories) if (!byId.has(id)) throw new Error(`test-engines: no story ${id} in the build (renamed?)`);

/** Each story under each renderer it is meant for: the canvas pass takes those tagged `both-renderers` or titled for the canvas. */
const runs = [];
// Every story the test runner plays (Storybook's `test` tag), or the engine stories.
const chosen = allStories ? entries.filter((entry) => entry.tags.includes('test')).map((entry) => entry.id) : engineStories;
for (const renderer of renderers) {
  for (const id of chosen) {
    const entry = byId.get(id);
    const canvasOnly = entry.title.includes('Canvas renderer');
    const forRenderer = renderer === 'canvas' ? canvasOnly || entry.tags.includes('both-renderers') : !canvasOnly;
    if (forRenderer && `${entry.title} ${entry.name} ${renderer}`.toLowerCase().includes(match.toLowerCase())) runs.push({ entry, renderer });
  }
}

const port = Number(process.env.STORYBOOK_ENGINES_PORT ?? 6111);
const server = await preview({
  configFile: false,
  root: process.cwd(),
  build: { outDir: 'storybook-static' },
  preview: { port, strictPort: true, host: '127.0.0.1', open: false },
  logLevel: 'warn',
});
const previewUrl = `http://127.0.0.1:${port}/iframe.html`;
const stopAudioSink = await startAudioSink();
// One core kept busy, as a loaded machine (CI's neighbours, a build) would: a child that spins.
const load = withLoad ? spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }) : undefined;
process.on('exit', () => load?.kill());

const hungPage = 'the page died or hung';
const results = [];
try {
  for (const engine of engines) {
    for (const renderer of renderers) {
      const mine = runs.filter((run) => run.renderer === renderer);
      if (mine.length === 0) continue;
      let page = await openEngine(engine);
      console.log(`\n${engine} (${page.version}), ${renderer} renderer: ${mine.length} stories x ${repeat}`);
      for (let round = 1; round <= repeat; round += 1) {
        for (const { entry } of mine) {
          const started = Date.now();
          // Each story on a page of its own: one that breaks the page (a decoder left in a bad
          // state, a hung worker) fails alone, not every story after it.
          const play = () =>
            freshPreview(page, renderer)
              .then(() => playOne(page, entry, renderer, shotsDir && `${shotsDir}/${engine}-${renderer}-${entry.id}-${round}.png`))
              .catch((error) => `${hungPage}: ${error.message.split('\n')[0]}`);
          const reopen = async () => {
            await page.close().catch(() => undefined);
            page = await openEngine(engine);
          };
          let failure = await play();
          // A page that stopped answering (Firefox's page can freeze on its own: docs, Engines)
          // gets the story once more in a fresh browser; the census counts the hang all the same.
          let hung;
          let report = '';
          if (failure?.startsWith(hungPage)) {
            hung = failure;
            report = crashReport(page);
            await reopen();
            failure = await play();
            if (failure?.startsWith(hungPage)) await reopen();
          }
          const ms = Date.now() - started;
          const known = knownFailure(engine, renderer, entry.id);
          results.push({ engine, renderer, round, title: entry.title, name: entry.name, passed: !failure, known: Boolean(failure && known), failure, hung, ms });
          const mark = failure ? (known ? '-' : '✗') : '✓';
          const hungNote = hung ? `\n    the first try hung (${hung.slice(hungPage.length + 2, hungPage.length + 120)}); played again in a fresh browser${report ? `; the engine printed:\n      ${report.split('\n').join('\n      ')}` : ''}` : '';
          console.log(`${mark} ${entry.title} / ${entry.name} (${(ms / 1000).toFixed(1)} s)${hungNote}${failure ? `\n    ${known ? `known in ${engine}: ${known}\n    ` : ''}${failure.split('\n').slice(0, 6).join('\n    ')}` : ''}`);
        }
      }
      await page.close();
    }
  }
} finally {
  load?.kill();
  stopAudioSink();
  await server.close();
}

/** What the engine printed as its page died (WebKitGTK's web process writes why to its stderr), its last lines. */
function crashReport(page) {
  // Less the session bus warning WebKitGTK prints at every page (no D-Bus session on CI): noise.
  const lines = (page.log?.() ?? '').split('\n').filter((line) => line.trim() !== '' && !line.includes('Unable to get session D-Bus address'));
  return lines.slice(-8).join('\n');
}

/** Loads the preview afresh, under `renderer`, with a person's click on it. */
async function freshPreview(page, renderer) {
  await page.goto(previewUrl);
  await page.run(preparePreview, renderer === 'canvas' ? 'canvas' : undefined);
  // A person's click on the page: WebKit starts an AudioContext only on a page that has had one,
  // and the stories' own clicks are scripted (Chromium is told so by a flag, Firefox by a pref).
  await page.run(() => {
    const target = Object.assign(document.createElement('button'), { id: 'engine-gesture', textContent: 'start' });
    target.style.cssText = 'position:fixed;top:0;left:0;z-index:2147483647';
    target.addEventListener('click', () => target.remove());
    document.body.append(target);
  });
  await page.click('#engine-gesture');
}

/** Plays one story in the open preview; resolves with why it failed, or undefined when it passed. A failed story's page is kept in `shot` if given. */
async function playOne(page, entry, renderer, shot) {
  await page.run(startStory, entry.id);
  const until = Date.now() + storyTimeoutMs;
  let outcome = null;
  while (!outcome) {
    if (Date.now() > until) {
      await page.run(afterStory).catch(() => undefined);
      return `no outcome in ${storyTimeoutMs / 1000} s`;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
    outcome = await page.run(storyOutcome);
    // The story reads the screen: a screenshot, and it plays on.
    if (outcome?.screenshot) {
      await page.run(deliverScreenshot, await page.png());
      outcome = null;
    }
  }
  if (outcome.error && shot) {
    mkdirSync(dirname(shot), { recursive: true });
    await page.screenshot(shot).catch(() => undefined);
  }
  const used = await page.run(() => document.querySelector('[role="region"][aria-label="Composite"]')?.getAttribute('data-renderer') ?? null);
  const left = await page.run(afterStory);
  if (outcome.error) return outcome.error;
  // The pass must have run under the renderer it names, or it proved nothing.
  if (used && used !== renderer) return `ran under the ${used} renderer, not ${renderer}`;
  if (left.urls > 0) return `${left.urls} object URL(s) left unrevoked after unmount`;
  if (left.frames > 0) return `${left.frames} VideoFrame(s) left open after unmount`;
  if (left.errors.length > 0) return `logged console errors:\n${left.errors.join('\n')}`;
  return undefined;
}

if (repeat > 1) {
  // The census: each story's failures out of its runs, known or not, worst first.
  const byStory = new Map();
  for (const result of results) {
    const key = `${result.engine} ${result.renderer} ${result.title} / ${result.name}`;
    const tally = byStory.get(key) ?? { runs: 0, failed: 0, reasons: new Set() };
    tally.runs += 1;
    // A hang counts as a failure of its run, whatever the second try did.
    if (!result.passed || result.hung) {
      tally.failed += 1;
      tally.reasons.add((result.failure ?? result.hung).split('\n')[0].slice(0, 160));
    }
    byStory.set(key, tally);
  }
  const failing = [...byStory].filter(([, tally]) => tally.failed > 0).sort((a, b) => b[1].failed - a[1].failed);
  console.log(`\ncensus: ${results.length} runs of ${byStory.size} story passes${withLoad ? ', one core kept busy' : ''}; ${failing.length} with failures`);
  for (const [key, tally] of failing) console.log(`  ${tally.failed} of ${tally.runs} failed: ${key}\n      ${[...tally.reasons].join('\n      ')}`);
}

const passed = results.filter((result) => result.passed).length;
const known = results.filter((result) => result.known).length;
const failed = results.length - passed - known;
if (reportFile) writeFileSync(reportFile, JSON.stringify(results, null, 2));
if (known > 0) console.log(`\n${known} known failure(s), listed in scripts/engines/knownFailures.js with their reasons (docs: Engines)`);
const hangs = results.filter((result) => result.hung);
if (hangs.length > 0) console.log(`\n${hangs.length} page(s) hung and were played again: ${hangs.map((result) => `${result.engine} ${result.renderer} ${result.title} / ${result.name}`).join('; ')}`);
console.log(`\nengines: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
