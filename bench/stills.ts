// The still pictures benchmark: what 20 image layers of 4000 x 3000 JPEGs cost the browser when
// each is drawn at a ninth of the composite, against 20 layers of JPEGs already of the drawn size
// (320 x 240), under each renderer. Memory is the browser's own (the proportional set size of
// Chromium's processes, less an empty page's), read from outside the kit. The target: within
// 1.2x, because a picture is decoded at the size it is drawn and the file is not kept.
// `npm run bench:stills` (3 runs a cell), `-- --smoke` (CI: the harness works).
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startMediaServer } from '../server';
import { cacheDir, ensurePhoto } from './benchMedia';
import { launchChromium, serveBenchPage, settle } from './harness';
import { treePss } from './processMemory';
import { spread, type Spread } from './stats';

const { values: options } = parseArgs({ options: { smoke: { type: 'boolean', default: false }, runs: { type: 'string', default: '3' } } });
const smoke = options.smoke;
const runs = smoke ? 1 : Number(options.runs);
const layers = smoke ? 4 : 20;
const bound = 1.2;
const renderers = ['elements', 'canvas'] as const;
const photos = { large: ensurePhoto(4000, 3000), drawn: ensurePhoto(320, 240) };

interface Run {
  attributableBytes: number;
  pictureBytes: number;
}

async function measure(pageUrl: string, photoUrl: string, renderer: string): Promise<Run> {
  // With a garbage collector the page can call: what is held is measured, not what awaits collection.
  const chrome = await launchChromium(['--js-flags=--expose-gc']);
  try {
    const page = await chrome.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${pageUrl}?layers=0&renderer=${renderer}`);
    await settle(1000);
    await page.evaluate('window.gc()');
    await settle(500);
    const empty = treePss(chrome.pid);
    await page.goto(`${pageUrl}?layers=${layers}&renderer=${renderer}&photo=${encodeURIComponent(photoUrl)}`);
    await page.waitForFunction('window.__stills?.ready()', undefined, { timeout: 120_000, polling: 100 });
    await settle(1000);
    // The files' bytes, let go once every picture is made, are garbage: collected before the reading.
    await page.evaluate('window.gc(); window.gc()');
    await settle(2000);
    return { attributableBytes: treePss(chrome.pid) - empty, pictureBytes: await page.evaluate<number>('window.__stills.pictureBytes()') };
  } finally {
    await chrome.close();
  }
}

const served = await serveBenchPage();
const media = await startMediaServer({ root: cacheDir, port: 0, cors: '*' });
const pageUrl = served.pageUrl.replace(/index\.html$/, 'stills.html');
const results: { renderer: string; photo: string; runs: Run[]; attributableBytes: Spread; pictureBytes: Spread }[] = [];
try {
  for (const renderer of renderers) {
    for (const [which, file] of Object.entries(photos)) {
      const figures: Run[] = [];
      for (let run = 0; run < runs; run += 1) {
        const figure = await measure(pageUrl, `${media.url}/${file}`, renderer);
        console.log(`bench stills: ${renderer} ${which} run ${run + 1}: ${(figure.attributableBytes / 2 ** 20).toFixed(1)} MiB, pictures ${(figure.pictureBytes / 2 ** 20).toFixed(1)} MiB`);
        figures.push(figure);
      }
      results.push({ renderer, photo: which, runs: figures, attributableBytes: spread(figures.map((f) => f.attributableBytes)), pictureBytes: spread(figures.map((f) => f.pictureBytes)) });
    }
  }
} finally {
  await media.close();
  await served.close();
}

const mib = (bytes: number) => (bytes / 2 ** 20).toFixed(1);
const ratios = renderers.map((renderer) => {
  const of = (photo: string) => results.find((result) => result.renderer === renderer && result.photo === photo)!;
  const ratio = of('large').attributableBytes.median / of('drawn').attributableBytes.median;
  return { renderer, ratio, within: ratio <= bound, large: of('large'), drawn: of('drawn') };
});
const lines = [
  `# Still pictures: ${layers} image layers drawn at a ninth of a 1280 x 720 composite`,
  '',
  `${smoke ? 'Smoke run (1 run, 4 layers): not a measurement.' : `Medians of ${runs} runs.`} Memory: Chromium's processes' proportional set size less an empty page's. Target: 4000 x 3000 JPEGs within ${bound}x of JPEGs of the drawn size (320 x 240).`,
  '',
  '| renderer | 4000 x 3000, MiB | 320 x 240, MiB | ratio | within | more, MiB a layer | pictures held (kit), MiB |',
  '| --- | --- | --- | --- | --- | --- | --- |',
  ...ratios.map(
    ({ renderer, ratio, within, large, drawn }) =>
      `| ${renderer} | ${mib(large.attributableBytes.median)} | ${mib(drawn.attributableBytes.median)} | ${ratio.toFixed(2)} | ${within ? 'yes' : 'no'} | ${mib((large.attributableBytes.median - drawn.attributableBytes.median) / layers)} | ${mib(large.pictureBytes.median)} / ${mib(drawn.pictureBytes.median)} |`,
  ),
  '',
];
// A smoke run checks the harness and records nothing.
if (!smoke) {
  mkdirSync('bench/results', { recursive: true });
  writeFileSync(path.join('bench/results', 'stills.json'), `${JSON.stringify({ layers, runs, bound, results, ratios: ratios.map(({ renderer, ratio, within }) => ({ renderer, ratio, within })) }, null, 2)}\n`);
  writeFileSync(path.join('bench/results', 'stills.md'), lines.join('\n'));
}
console.log(lines.join('\n'));
if (smoke && results.some((result) => result.pictureBytes.median <= 0)) {
  console.error('bench stills: a smoke run drew no picture');
  process.exit(1);
}
