/**
 * Turns a decoded frame's planes (I420, I420A or NV12, as software decoders give them) into RGBA
 * at a smaller size in one pass: each output pixel reads the source pixel under it (nearest
 * neighbour), so a 720p frame for a 256x144 layer converts 37 thousand pixels, not 920 thousand.
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
 * Writes the frame held in `planes` (as `copyTo` laid it out: its visible part, `layout` per
 * plane) into `out`, scaled to `out`'s size.
 */
export function planesToRgba(
  planes: Uint8Array,
  layout: readonly PlaneLayout[],
  format: PlanarFormat,
  source: { width: number; height: number },
  colorSpace: VideoColorSpace,
  out: ImageData,
): void {
  const { y, vToR, uToG, vToG, uToB } = tablesFor(colorSpace.matrix, colorSpace.fullRange === true);
  const { width, height } = out;
  const pixels = new Uint32Array(out.data.buffer, out.data.byteOffset, width * height);
  const [lumaPlane, chromaPlane, vPlane] = layout;
  const interleaved = format === 'NV12';
  // The source column under each output column, and its chroma column.
  const columns = new Int32Array(width);
  const chromaColumns = new Int32Array(width);
  for (let x = 0; x < width; x += 1) {
    const column = nearestSource(x, width, source.width);
    columns[x] = column;
    chromaColumns[x] = interleaved ? (column >> 1) * 2 : column >> 1;
  }
  for (let row = 0; row < height; row += 1) {
    const sourceRow = nearestSource(row, height, source.height);
    const lumaStart = lumaPlane.offset + sourceRow * lumaPlane.stride;
    const chromaStart = chromaPlane.offset + (sourceRow >> 1) * chromaPlane.stride;
    const vStart = interleaved ? chromaStart + 1 : vPlane.offset + (sourceRow >> 1) * vPlane.stride;
    let at = row * width;
    for (let x = 0; x < width; x += 1) {
      const luma = y[planes[lumaStart + columns[x]]];
      const u = planes[chromaStart + chromaColumns[x]];
      const v = planes[vStart + chromaColumns[x]];
      const r = clamp((luma + vToR[v]) >> 16);
      const g = clamp((luma + uToG[u] + vToG[v]) >> 16);
      const b = clamp((luma + uToB[u]) >> 16);
      // RGBA in memory is ABGR as a little-endian 32-bit word.
      pixels[at] = 0xff000000 | (b << 16) | (g << 8) | r;
      at += 1;
    }
  }
}
