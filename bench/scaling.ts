// How the canvas renderer's picture conversion scales a picture down, against ffmpeg's area
// scaling of the same picture: a zone plate (rings that grow finer to the edges, the classic
// aliasing test) at 1280x720, converted to the sizes layers are drawn at by the kit's conversion
// (`planesToRgba`) averaging 1 (nearest neighbour, what it did before), 2 (the kit's choice), 3
// and 4 samples a side, each compared with ffmpeg's `scale=...:flags=area` as PSNR, and timed.
// `npx tsx bench/scaling.ts` writes bench/results/scaling.md.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { maxSamples, planesToRgba } from '../src/render/canvas/yuvToRgba';

const source = { width: 1280, height: 720 };
const sizes = [
  { width: 640, height: 360 },
  { width: 427, height: 240 },
  { width: 320, height: 180 },
  { width: 256, height: 144 },
];

/** A zone plate in luma (limited range), flat chroma: I420 as `copyTo` lays it out. */
function zonePlate() {
  const { width, height } = source;
  const lumaSize = width * height;
  const chromaSize = (width / 2) * (height / 2);
  const planes = new Uint8Array(lumaSize + 2 * chromaSize).fill(128, lumaSize);
  // Phase k r^2 with k chosen so the rings reach the sampling limit at the frame's corner.
  const k = Math.PI / (2 * Math.hypot(width / 2, height / 2));
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const r2 = (x - width / 2) ** 2 + (y - height / 2) ** 2;
      planes[y * width + x] = Math.round(125.5 + 109 * Math.cos(k * r2));
    }
  }
  const layout = [
    { offset: 0, stride: width },
    { offset: lumaSize, stride: width / 2 },
    { offset: lumaSize + chromaSize, stride: width / 2 },
  ];
  return { planes, layout };
}

const colorSpace = { matrix: 'bt709', fullRange: false, primaries: 'bt709', transfer: 'bt709' } as VideoColorSpace;
const image = (width: number, height: number) => ({ width, height, data: new Uint8ClampedArray(width * height * 4) }) as unknown as ImageData;

/** ffmpeg's area scaling of the same luma, to full range as the kit converts it. */
function ffmpegArea(planes: Uint8Array, size: { width: number; height: number }, dir: string): Uint8Array {
  const input = path.join(dir, 'plate.yuv');
  writeFileSync(input, planes);
  const output = path.join(dir, `plate-${size.width}.y`);
  execFileSync('ffmpeg', ['-v', 'error', '-y', '-f', 'rawvideo', '-pix_fmt', 'yuv420p', '-s', `${source.width}x${source.height}`, '-i', input, '-vf', `scale=${size.width}:${size.height}:flags=area,format=gray`, '-f', 'rawvideo', output]);
  return new Uint8Array(readFileSync(output)).map((luma) => Math.max(0, Math.min(255, Math.round(((luma - 16) * 255) / 219))));
}

function psnr(out: ImageData, reference: Uint8Array): number {
  let squares = 0;
  for (let index = 0; index < reference.length; index += 1) squares += (out.data[index * 4] - reference[index]) ** 2;
  const mse = squares / reference.length;
  return mse === 0 ? Number.POSITIVE_INFINITY : 10 * Math.log10((255 * 255) / mse);
}

function medianMs(run: () => void, times = 15): number {
  const spans: number[] = [];
  for (let index = 0; index < times; index += 1) {
    const started = performance.now();
    run();
    spans.push(performance.now() - started);
  }
  return spans.sort((a, b) => a - b)[Math.floor(times / 2)];
}

const dir = mkdtempSync(path.join(tmpdir(), 'scaling-'));
try {
  const { planes, layout } = zonePlate();
  const samples = [1, 2, 3, 4];
  const rows = sizes.map((size) => {
    const reference = ffmpegArea(planes, size, dir);
    const out = image(size.width, size.height);
    return {
      size,
      figures: samples.map((most) => {
        planesToRgba(planes, layout, 'I420', source, colorSpace, out, most);
        return { psnr: psnr(out, reference), ms: medianMs(() => planesToRgba(planes, layout, 'I420', source, colorSpace, out, most)) };
      }),
    };
  });
  const f = (value: number, digits = 1) => value.toFixed(digits);
  const markdown = `Measured ${new Date().toISOString().slice(0, 10)} in Node ${process.versions.node} (\`npx tsx bench/scaling.ts\`): a 1280x720 zone plate scaled down by the canvas renderer's conversion averaging up to 1, 2, 3 or 4 samples a side (1 is nearest neighbour; the kit uses ${maxSamples}), against ffmpeg's area scaling: PSNR of the luma in dB (higher is closer), and in brackets the conversion's time against one sample's (median of 15 runs).

| drawn at | ${samples.map((most) => `${most} x ${most}`).join(' | ')} |
| --- | ${samples.map(() => '---').join(' | ')} |
${rows.map((row) => `| ${row.size.width}x${row.size.height} | ${row.figures.map((figure) => `${f(figure.psnr)} (${f(figure.ms / row.figures[0].ms)}x)`).join(' | ')} |`).join('\n')}
`;
  writeFileSync(path.resolve('bench/results/scaling.md'), markdown);
  console.log(markdown);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
