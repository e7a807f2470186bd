/**
 * Turns a decoded frame's planes (I420, I420A or NV12, as software decoders give them) into RGBA
 * at a smaller size in one pass: each output pixel averages a grid of source pixels spread over
 * the part of the source it stands for (`sampleGrid`: 2 x 2 at most), then converts that one
 * colour, so a 720p frame for a 256x144 layer converts 37 thousand pixels, not 920 thousand, and
 * fine detail goes toward its average instead of aliasing as one source pixel did.
 *
 * Why by hand: the browser converts only at the frame's own size (`copyTo({ format: 'RGBA' })`),
 * and putting 720p of RGBA on a canvas (`putImageData`) took 3.5 s of every 4 on the main thread
 * with five layers playing (measured with the DevTools profiler), while the ways that scale a
 * frame as they convert it (`drawImage(frame)`, `createImageBitmap(frame, { resizeWidth })`)
 * fill a ~470 MB raster cache here (`pictureStager.ts`).
 */

export type PlanarFormat = 'I420' | 'I420A' | 'NV12';

export const isPlanarFormat = (format: VideoPixelFormat | null): format is PlanarFormat => format === 'I420' || format === 'I420A' || format === 'NV12';

/** Per-value lookups for one colour matrix and range: R, G and B as sums of table entries. */
interface Tables {
  y: Int32Array;
  vToR: Int32Array;
  uToG: Int32Array;
  vToG: Int32Array;
  uToB: Int32Array;
}

const tablesCache = new Map<string, Tables>();

/** Fixed-point (16 fractional bits) tables for BT.709 or BT.601, limited or full range. */
function tablesFor(matrix: VideoMatrixCoefficients | null | undefined, fullRange: boolean): Tables {
  const bt709 = matrix === 'bt709';
  const key = `${bt709 ? '709' : '601'}:${fullRange ? 'full' : 'limited'}`;
  const cached = tablesCache.get(key);
  if (cached) return cached;
  const [kr, kb] = bt709 ? [0.2126, 0.0722] : [0.299, 0.114];
  const kg = 1 - kr - kb;
  const yScale = fullRange ? 1 : 255 / 219;
  const cScale = fullRange ? 1 : 255 / 224;
  const yOffset = fullRange ? 0 : 16;
  const fixed = (value: number) => Math.round(value * 65536);
  const tables: Tables = { y: new Int32Array(256), vToR: new Int32Array(256), uToG: new Int32Array(256), vToG: new Int32Array(256), uToB: new Int32Array(256) };
  for (let value = 0; value < 256; value += 1) {
    const c = (value - 128) * cScale;
    tables.y[value] = fixed((value - yOffset) * yScale) + 32768;
    tables.vToR[value] = fixed(2 * (1 - kr) * c);
    tables.uToG[value] = fixed((-2 * kb * (1 - kb) * c) / kg);
    tables.vToG[value] = fixed((-2 * kr * (1 - kr) * c) / kg);
    tables.uToB[value] = fixed(2 * (1 - kb) * c);
  }
  tablesCache.set(key, tables);
  return tables;
}

const clamp = (value: number) => (value < 0 ? 0 : value > 255 ? 255 : value);

/** The source pixel (column or row) under output pixel `index` when `sourceSize` pixels are shown in `size`: nearest neighbour. */
export const nearestSource = (index: number, size: number, sourceSize: number) => Math.min(sourceSize - 1, Math.floor(((index + 0.5) * sourceSize) / size));

/**
 * The most samples a side an output pixel averages. Chosen by `bench/scaling.ts` (a zone plate
 * against ffmpeg's area scaling, Docs: Layer looks): 2 brings the picture from about 10 dB PSNR
 * (one sample) to 20-28 dB for 1.7 to 2 times the conversion's time; 4 reaches 24-33 dB but
 * costs up to 5 times, more than 20 small layers on a 2-core machine can spend.
 */
export const maxSamples = 2;

/**
 * Where each output pixel (column or row) of `size` samples `sourceSize`: `taps` source pixels
 * spread evenly over the span it stands for, `taps` the shrink rounded (1 when enlarging: the
 * source pixel under it), at most `most`. `at[index * taps + tap]`.
 */
export function sampleGrid(size: number, sourceSize: number, most = maxSamples): { taps: number; at: Int32Array } {
  const taps = Math.max(1, Math.min(most, Math.round(sourceSize / size)));
  const at = new Int32Array(size * taps);
  for (let index = 0; index < size; index += 1) {
    for (let tap = 0; tap < taps; tap += 1) at[index * taps + tap] = Math.min(sourceSize - 1, Math.floor(((index + (tap + 0.5) / taps) * sourceSize) / size));
  }
  return { taps, at };
}

/**
 * Writes the frame held in `planes` (as `copyTo` laid it out: its visible part, `layout` per
 * plane) into `out`, scaled to `out`'s size, averaging up to `most` samples a side.
 */
export function planesToRgba(
  planes: Uint8Array,
  layout: readonly PlaneLayout[],
  format: PlanarFormat,
  source: { width: number; height: number },
  colorSpace: VideoColorSpace,
  out: ImageData,
  most = maxSamples,
): void {
  const { y, vToR, uToG, vToG, uToB } = tablesFor(colorSpace.matrix, colorSpace.fullRange === true);
  const { width, height } = out;
  const pixels = new Uint32Array(out.data.buffer, out.data.byteOffset, width * height);
  const [lumaPlane, chromaPlane, vPlane] = layout;
  const interleaved = format === 'NV12';
  const columns = sampleGrid(width, source.width, most);
  const rows = sampleGrid(height, source.height, most);
  // Each sample's chroma column (NV12: the U byte of its pair).
  const chromaColumns = columns.at.map((column) => (interleaved ? (column >> 1) * 2 : column >> 1));
  const samples = columns.taps * rows.taps;
  // Sums to averages in fixed point, rounded (a count of 16 at most).
  const toAverage = Math.round(65536 / samples);
  for (let row = 0; row < height; row += 1) {
    let at = row * width;
    for (let x = 0; x < width; x += 1) {
      let lumaSum = 0;
      let uSum = 0;
      let vSum = 0;
      for (let rowTap = 0; rowTap < rows.taps; rowTap += 1) {
        const sourceRow = rows.at[row * rows.taps + rowTap];
        const lumaStart = lumaPlane.offset + sourceRow * lumaPlane.stride;
        const chromaStart = chromaPlane.offset + (sourceRow >> 1) * chromaPlane.stride;
        const vStart = interleaved ? chromaStart + 1 : vPlane.offset + (sourceRow >> 1) * vPlane.stride;
        for (let tap = x * columns.taps, end = tap + columns.taps; tap < end; tap += 1) {
          lumaSum += planes[lumaStart + columns.at[tap]];
          uSum += planes[chromaStart + chromaColumns[tap]];
          vSum += planes[vStart + chromaColumns[tap]];
        }
      }
      const luma = y[samples === 1 ? lumaSum : (lumaSum * toAverage + 32768) >> 16];
      const u = samples === 1 ? uSum : (uSum * toAverage + 32768) >> 16;
      const v = samples === 1 ? vSum : (vSum * toAverage + 32768) >> 16;
      const r = clamp((luma + vToR[v]) >> 16);
      const g = clamp((luma + uToG[u] + vToG[v]) >> 16);
      const b = clamp((luma + uToB[u]) >> 16);
      // RGBA in memory is ABGR as a little-endian 32-bit word.
      pixels[at] = 0xff000000 | (b << 16) | (g << 8) | r;
      at += 1;
    }
  }
}
