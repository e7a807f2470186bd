import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { budgetDecoders, type CellResult, type Strategy } from './run';

export interface BenchReport {
  date: string;
  machine: { cores: number; memoryGiB: number; chromium: string };
  runs: number;
  playSeconds: number;
  seconds: number;
  /** How long the media server took to make each proxy the 'proxy' strategy plays. */
  proxyMade?: Array<{ file: string; seconds: number }>;
  results: CellResult[];
}

const colors: Record<Strategy, string> = {
  naive: '#d9534f',
  lazy: '#f0ad4e',
  streaming: '#2b7bb9',
  floor: '#5cb85c',
  budget: '#7e57c2',
  proxy: '#17a2b8',
  canvas: '#e83e8c',
  'canvas-page': '#a0522d',
  'canvas-direct': '#6f42c1',
};
/** The strategies that appear in a group's cells, in the order of `colors`. */
const strategiesIn = (results: CellResult[], group: CellResult['group']) =>
  (Object.keys(colors) as Strategy[]).filter((strategy) => results.some((result) => result.group === group && result.strategy === strategy));
const mb = (bytes: number) => bytes / 1e6;
const fmt = (value: number, digits = 0) => (Number.isFinite(value) ? value.toFixed(digits) : 'n/a');

function find(results: CellResult[], group: CellResult['group'], strategy: Strategy, tracks = 20): CellResult | undefined {
  return results.find((result) => result.group === group && result.strategy === strategy && result.tracks === tracks);
}

const proxyTracks = 5;

/** The issue's targets, each a ratio of two cells of the same run. */
export function targets(results: CellResult[]) {
  const memory = (cell: CellResult | undefined) => cell?.summary.attributableBytes.median ?? Number.NaN;
  const streaming20 = find(results, 'tracks', 'streaming');
  const naive20 = find(results, 'tracks', 'naive');
  const floor20 = find(results, 'tracks', 'floor');
  const perTrackSent = (streaming20?.summary.serverBytesAtLoad.median ?? Number.NaN) / 20 / (streaming20?.fileBytes ?? Number.NaN);
  return [
    {
      target: 'streaming N=20 large file, memory vs naive',
      bound: '<= 0.10',
      value: memory(streaming20) / memory(naive20),
      note: naive20 && naive20.summary.loadedRuns < naive20.runs.length ? `naive loaded in ${naive20.summary.loadedRuns}/${naive20.runs.length} runs` : '',
    },
    { target: 'streaming memory, large file vs small file (N=20)', bound: '<= 1.10', value: memory(streaming20) / memory(find(results, 'size', 'streaming')), note: '' },
    { target: 'naive memory, large file vs small file (N=20)', bound: 'grows', value: memory(naive20) / memory(find(results, 'size', 'naive')), note: '' },
    {
      target: 'streaming: 20 tracks with 2 visible vs 2 tracks, both visible',
      bound: '<= 1.10',
      value: memory(find(results, 'hidden', 'streaming')) / memory(find(results, 'hidden', 'streaming', 2)),
      note: '',
    },
    {
      target: 'streaming: 20 tracks loaded then 18 hidden vs 20 with 18 never shown',
      bound: '<= 1.10',
      value: memory(find(results, 'hidden-after-load', 'streaming')) / memory(find(results, 'hidden', 'streaming')),
      note: '',
    },
    { target: 'streaming vs floor, memory (N=20)', bound: '<= 1.10', value: memory(streaming20) / memory(floor20), note: '' },
    {
      target: 'streaming vs floor, first-frame time (N=20)',
      bound: '<= 1.10',
      value: (streaming20?.summary.firstFrameMs.median ?? Number.NaN) / (floor20?.summary.firstFrameMs.median ?? Number.NaN),
      note: '',
    },
    { target: 'bytes sent at load per streamed track / large file', bound: '<= 0.02', value: perTrackSent, note: '' },
    {
      target: 'dropped frames, streaming minus floor (N=20, playing)',
      bound: '<= 0',
      value: (streaming20?.summary.droppedFrames.median ?? Number.NaN) - (floor20?.summary.droppedFrames.median ?? Number.NaN),
      note: '',
    },
    {
      target: `budget of ${budgetDecoders} decoders vs streaming, memory while 20 tracks play`,
      bound: `<= ${(budgetDecoders / 20 + 0.15).toFixed(2)}`,
      value:
        (find(results, 'tracks', 'budget')?.summary.attributableBytesPlaying.median ?? Number.NaN) /
        (streaming20?.summary.attributableBytesPlaying.median ?? Number.NaN),
      note: '',
    },
    ...proxyTargets(results),
    ...canvasTargets(results),
    ...looksTargets(results),
    ...motionTargets(results),
  ];
}

/** What a look costs each renderer: 20 styled layers against the same 20 plain, frames shown and main thread busy. */
function looksTargets(results: CellResult[]) {
  const looks = (strategy: Strategy, styled: boolean) => results.find((result) => result.group === 'looks' && result.strategy === strategy && Boolean(result.styled) === styled);
  const shown = (cell: CellResult | undefined) => (cell?.summary.totalFrames.median ?? Number.NaN) - (cell?.summary.droppedFrames.median ?? Number.NaN);
  const busy = (cell: CellResult | undefined) => cell?.summary.mainThreadBusy.median ?? Number.NaN;
  return (['canvas', 'streaming'] as const).flatMap((strategy) => {
    const [plain, styled] = [looks(strategy, false), looks(strategy, true)];
    if (!plain || !styled) return [];
    const name = strategy === 'canvas' ? 'canvas renderer' : 'element renderer';
    const within = strategy === 'canvas' ? 1.1 : 1.2;
    return [
      { target: `${name}: 20 styled layers vs 20 plain, frames shown`, bound: `>= ${(1 / within).toFixed(2)}`, value: shown(styled) / shown(plain), note: `${fmt(shown(styled))} vs ${fmt(shown(plain))}` },
      { target: `${name}: 20 styled layers vs 20 plain, main thread busy`, bound: `<= ${within.toFixed(2)}`, value: busy(styled) / busy(plain), note: `${fmt(busy(styled), 2)} vs ${fmt(busy(plain), 2)}` },
      // The page's work follows the frames it shows (decoding them, handing them on): a look that
      // lets more frames through costs more in all and no more for each.
      {
        target: `${name}: 20 styled layers vs 20 plain, main thread busy per frame shown`,
        bound: `<= ${within.toFixed(2)}`,
        value: busy(styled) / shown(styled) / (busy(plain) / shown(plain)),
        note: '',
      },
    ];
  });
}

/** What keyframes cost each renderer: 20 styled layers with three properties animated against the same 20 static. */
function motionTargets(results: CellResult[]) {
  const of = (group: 'looks' | 'motion', strategy: Strategy) => results.find((result) => result.group === group && result.strategy === strategy && Boolean(result.styled));
  const shown = (cell: CellResult | undefined) => (cell?.summary.totalFrames.median ?? Number.NaN) - (cell?.summary.droppedFrames.median ?? Number.NaN);
  const busy = (cell: CellResult | undefined) => cell?.summary.mainThreadBusy.median ?? Number.NaN;
  return (['canvas', 'streaming'] as const).flatMap((strategy) => {
    const [still, moving] = [of('looks', strategy), of('motion', strategy)];
    if (!still || !moving) return [];
    const name = strategy === 'canvas' ? 'canvas renderer' : 'element renderer';
    const within = strategy === 'canvas' ? 1.1 : 1.3;
    return [
      { target: `${name}: 20 layers x 3 animated properties vs 20 static, frames shown`, bound: `>= ${(1 / within).toFixed(2)}`, value: shown(moving) / shown(still), note: `${fmt(shown(moving))} vs ${fmt(shown(still))}` },
      { target: `${name}: 20 layers x 3 animated properties vs 20 static, main thread busy`, bound: `<= ${within.toFixed(2)}`, value: busy(moving) / busy(still), note: `${fmt(busy(moving), 2)} vs ${fmt(busy(still), 2)}` },
    ];
  });
}

/** The canvas renderer against the element renderer (streaming) and bare elements (floor). */
function canvasTargets(results: CellResult[]) {
  const canvas = find(results, 'tracks', 'canvas');
  if (!canvas) return [];
  const streaming = find(results, 'tracks', 'streaming');
  const floor = find(results, 'tracks', 'floor');
  const onPage = find(results, 'tracks', 'canvas-page');
  const direct = find(results, 'tracks', 'canvas-direct');
  const of = (cell: CellResult | undefined, key: 'attributableBytes' | 'attributableBytesPlaying' | 'firstFrameMs' | 'seekMs' | 'mainThreadBusy' | 'totalFrames' | 'droppedFrames') => cell?.summary[key].median ?? Number.NaN;
  /** Frames that took the screen: decoded, less those skipped. */
  const shown = (cell: CellResult | undefined) => of(cell, 'totalFrames') - of(cell, 'droppedFrames');
  return [
    { target: 'canvas vs floor, memory while 20 tracks play', bound: '<= 0.50', value: of(canvas, 'attributableBytesPlaying') / of(floor, 'attributableBytesPlaying'), note: '' },
    { target: 'canvas vs floor, memory at load (N=20)', bound: '<= 1.00', value: of(canvas, 'attributableBytes') / of(floor, 'attributableBytes'), note: '' },
    { target: 'canvas vs element renderer (streaming), first-frame time (N=20)', bound: '<= 1.20', value: of(canvas, 'firstFrameMs') / of(streaming, 'firstFrameMs'), note: '' },
    { target: 'canvas vs element renderer (streaming), seek time (N=20)', bound: '<= 1.20', value: of(canvas, 'seekMs') / of(streaming, 'seekMs'), note: '' },
    {
      target: 'canvas: share of frames skipped while 20 tracks play',
      bound: 'measured',
      value: canvas.summary.droppedFrames.median / canvas.summary.totalFrames.median,
      note: `streaming (elements' dropped): ${fmt((streaming?.summary.droppedFrames.median ?? Number.NaN) / (streaming?.summary.totalFrames.median ?? Number.NaN), 3)}`,
    },
    {
      target: 'canvas: VideoFrames open after the run (20 tracks, paused and at rest), most in any run',
      bound: '<= 0',
      value: canvas.summary.openVideoFrames.max,
      note: 'counted from outside the kit',
    },
    {
      target: 'canvas drawn in its worker vs on the page, main thread busy while 20 tracks play',
      bound: 'measured',
      value: of(canvas, 'mainThreadBusy') / of(onPage, 'mainThreadBusy'),
      note: `busy: worker ${fmt(of(canvas, 'mainThreadBusy'), 2)}, page ${fmt(of(onPage, 'mainThreadBusy'), 2)}, elements ${fmt(of(streaming, 'mainThreadBusy'), 2)}`,
    },
    // The browser's own drawing of frames against the path `auto` chose on this machine (in software, the conversion).
    {
      target: 'canvas, frames drawn by the browser vs the chosen path, memory while 20 tracks play',
      bound: 'measured',
      value: of(direct, 'attributableBytesPlaying') / of(canvas, 'attributableBytesPlaying'),
      note: `${fmt(mb(of(direct, 'attributableBytesPlaying')))} MB vs ${fmt(mb(of(canvas, 'attributableBytesPlaying')))} MB`,
    },
    {
      target: 'canvas, frames drawn by the browser vs the chosen path, frames shown while 20 tracks play',
      bound: 'measured',
      value: shown(direct) / shown(canvas),
      note: `busy: browser-drawn ${fmt(of(direct, 'mainThreadBusy'), 2)}, chosen ${fmt(of(canvas, 'mainThreadBusy'), 2)}`,
    },
  ];
}

/** The 4K scenario: the same tracks playing their 720p proxies against their originals. */
function proxyTargets(results: CellResult[]) {
  const original = find(results, 'proxy4k', 'streaming', proxyTracks);
  const proxy = find(results, 'proxy4k', 'proxy', proxyTracks);
  if (!original || !proxy) return [];
  const ratio = (pick: (cell: CellResult) => number) => pick(proxy) / pick(original);
  const droppedShare = (cell: CellResult) => cell.summary.droppedFrames.median / cell.summary.totalFrames.median;
  return [
    { target: `4K: proxies vs originals, memory at load (N=${proxyTracks})`, bound: 'smaller', value: ratio((cell) => cell.summary.attributableBytes.median), note: '' },
    { target: `4K: proxies vs originals, memory while playing (N=${proxyTracks})`, bound: 'smaller', value: ratio((cell) => cell.summary.attributableBytesPlaying.median), note: '' },
    {
      target: `4K: share of frames dropped, proxies vs originals (N=${proxyTracks})`,
      bound: 'fewer',
      value: droppedShare(proxy),
      note: `originals: ${fmt(droppedShare(original), 3)}`,
    },
  ];
}

function table(results: CellResult[]): string {
  const header =
    '| scenario | strategy | tracks (visible) | file | memory MB, median (min-max) | playing MB | JS heap MB | sent at load MB | first frame ms | seek ms | dropped / total frames | main thread busy | videos | loaded runs |\n' +
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n';
  return (
    header +
    results
      .map((result) => {
        const s = result.summary;
        return `| ${result.group}${result.distinct ? ' (distinct files)' : ''}${result.styled ? ' (styled)' : ''}${result.animated ? ' (animated)' : ''} | ${result.strategy} | ${result.tracks} (${result.visible}) | ${fmt(mb(result.fileBytes))} MB | ${fmt(mb(s.attributableBytes.median))} (${fmt(mb(s.attributableBytes.min))}-${fmt(mb(s.attributableBytes.max))}) | ${fmt(mb(s.attributableBytesPlaying.median))} | ${fmt(mb(s.jsHeapBytes.median), 1)} | ${fmt(mb(s.serverBytesAtLoad.median), 1)} | ${fmt(s.firstFrameMs.median)} | ${fmt(s.seekMs.median)} | ${fmt(s.droppedFrames.median)} / ${fmt(s.totalFrames.median)} | ${fmt(s.mainThreadBusy.median, 2)} | ${fmt(s.liveVideos.median)} | ${s.loadedRuns}/${result.runs.length} |`;
      })
      .join('\n')
  );
}

/** A line chart of attributable memory against the number of tracks, one line per strategy. */
function memoryChart(results: CellResult[]): string {
  const width = 640;
  const height = 360;
  const pad = { left: 60, right: 110, top: 30, bottom: 40 };
  const xs = [1, 5, 10, 20];
  const points = results.filter((result) => result.group === 'tracks');
  const top = Math.max(100, ...points.map((result) => mb(result.summary.attributableBytes.median)).filter(Number.isFinite));
  const x = (tracks: number) => pad.left + ((tracks - 1) / 19) * (width - pad.left - pad.right);
  const y = (megabytes: number) => height - pad.bottom - (Math.max(0, megabytes) / top) * (height - pad.top - pad.bottom);
  const lines = strategiesIn(results, 'tracks').map((strategy, index) => {
    const series = xs
      .map((tracks) => points.find((result) => result.strategy === strategy && result.tracks === tracks))
      .filter((result): result is CellResult => result !== undefined && Number.isFinite(result.summary.attributableBytes.median));
    const path = series.map((result) => `${x(result.tracks).toFixed(1)},${y(mb(result.summary.attributableBytes.median)).toFixed(1)}`).join(' ');
    return `<polyline fill="none" stroke="${colors[strategy]}" stroke-width="2.5" points="${path}"/>` +
      series.map((result) => `<circle cx="${x(result.tracks).toFixed(1)}" cy="${y(mb(result.summary.attributableBytes.median)).toFixed(1)}" r="3.5" fill="${colors[strategy]}"/>`).join('') +
      `<text x="${width - pad.right + 12}" y="${pad.top + 18 * index + 10}" fill="${colors[strategy]}" font-size="13">${strategy}</text>`;
  });
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((share) => {
    const value = top * share;
    return `<line x1="${pad.left}" x2="${width - pad.right}" y1="${y(value)}" y2="${y(value)}" stroke="#ddd"/><text x="${pad.left - 8}" y="${y(value) + 4}" text-anchor="end" font-size="11">${value.toFixed(0)}</text>`;
  });
  const xTicks = xs.map((tracks) => `<text x="${x(tracks)}" y="${height - pad.bottom + 16}" text-anchor="middle" font-size="11">${tracks}</text>`);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" role="img" aria-label="Memory attributable to tracks against the number of tracks">
<rect width="100%" height="100%" fill="#fff"/>
<text x="${pad.left}" y="18" font-size="14">Memory attributable to tracks (MB PSS) against tracks, all visible, large file</text>
${ticks.join('\n')}
${xTicks.join('\n')}
<text x="${(width - pad.right + pad.left) / 2}" y="${height - 6}" text-anchor="middle" font-size="12">tracks</text>
${lines.join('\n')}
</svg>
`;
}

/** Bars of memory at N=20 for the small and the large file, per strategy. */
function sizeChart(results: CellResult[]): string {
  const width = 640;
  const height = 300;
  const pad = { left: 60, top: 30, bottom: 50 };
  const rows = strategiesIn(results, 'size').map((strategy) => ({
    strategy,
    small: results.find((result) => result.group === 'size' && result.strategy === strategy),
    large: results.find((result) => result.group === 'tracks' && result.strategy === strategy && result.tracks === 20),
  }));
  const values = rows.flatMap((row) => [row.small, row.large]).map((cell) => mb(cell?.summary.attributableBytes.median ?? 0)).filter(Number.isFinite);
  const top = Math.max(100, ...values);
  const barWidth = 48;
  const bars = rows.map((row, index) => {
    const left = pad.left + index * 140;
    const bar = (cell: CellResult | undefined, offset: number, opacity: number) => {
      const value = mb(cell?.summary.attributableBytes.median ?? Number.NaN);
      if (!Number.isFinite(value)) return '';
      const barHeight = (Math.max(0, value) / top) * (height - pad.top - pad.bottom);
      const yTop = height - pad.bottom - barHeight;
      return `<rect x="${left + offset}" y="${yTop.toFixed(1)}" width="${barWidth}" height="${barHeight.toFixed(1)}" fill="${colors[row.strategy]}" fill-opacity="${opacity}"/><text x="${left + offset + barWidth / 2}" y="${(yTop - 4).toFixed(1)}" text-anchor="middle" font-size="11">${value.toFixed(0)}</text>`;
    };
    return `${bar(row.small, 0, 0.5)}${bar(row.large, barWidth + 6, 1)}<text x="${left + barWidth + 3}" y="${height - pad.bottom + 16}" text-anchor="middle" font-size="12">${row.strategy}</text>`;
  });
  const smallMb = rows[0].small ? mb(rows[0].small.fileBytes).toFixed(0) : '?';
  const largeMb = rows[0].large ? mb(rows[0].large.fileBytes).toFixed(0) : '?';
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" role="img" aria-label="Memory against file size">
<rect width="100%" height="100%" fill="#fff"/>
<text x="${pad.left}" y="18" font-size="14">Memory (MB PSS), 20 visible tracks: ${smallMb} MB file (light) vs ${largeMb} MB file (dark)</text>
${bars.join('\n')}
</svg>
`;
}

/** Writes `<name>.md`, and the charts when every strategy was measured (a full run). */
export function writeReport(report: BenchReport, directory: string, name = 'latest', charts = true): void {
  const rows = targets(report.results)
    // A part of the run answers only the targets its cells measure.
    .filter((row) => charts || Number.isFinite(row.value))
    .map((row) => `| ${row.target} | ${row.bound} | ${fmt(row.value, 3)} | ${row.note} |`)
    .join('\n');
  const markdown = `Measured ${report.date.slice(0, 10)} on ${report.machine.cores} cores, ${report.machine.memoryGiB} GiB, ${report.machine.chromium}; ${report.runs} runs a cell, ${report.playSeconds} s of playback; the whole run took ${Math.round(report.seconds / 60)} min.

Memory is PSS summed over every process of the browser, minus the same browser on an empty page.
${(report.proxyMade ?? []).map((made) => `\nThe media server made the 720p proxy of ${made.file} in ${made.seconds.toFixed(1)} s (ffmpeg, 2 cores).\n`).join('')}
| target | bound | measured | note |
| --- | --- | --- | --- |
${rows}

${table(report.results)}
`;
  writeFileSync(path.join(directory, `${name}.md`), markdown);
  if (!charts) return;
  writeFileSync(path.join(directory, 'memory-vs-tracks.svg'), memoryChart(report.results));
  writeFileSync(path.join(directory, 'memory-vs-size.svg'), sizeChart(report.results));
}
