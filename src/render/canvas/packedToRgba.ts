import { sampleGrid } from './yuvToRgba';

/**
 * Turns a decoded frame in a packed 8-bit RGB format (what Firefox's decoders give: BGRX; others
 * give BGRA, RGBX or RGBA) into RGBA at a smaller size in one pass, each output pixel the average
 * of a grid of source pixels over the part it stands for, as `planesToRgba` does for I420 and
 * NV12 (`sampleGrid`): the picture is held once, at the layer's size.
 *
 * Why not `copyTo({ format: 'RGBA' })` and a scaling draw: that holds the frame's full size twice
 * (its RGBA and a canvas of it) and puts all of it on a canvas for every frame; here only the
 * layer's pixels are written, as for the planar formats.
 */

export type PackedFormat = 'RGBA' | 'RGBX' | 'BGRA' | 'BGRX';

export const isPackedFormat = (format: VideoPixelFormat | null): format is PackedFormat =>
  format === 'RGBA' || format === 'RGBX' || format === 'BGRA' || format === 'BGRX';

/**
 * Writes the frame held in `pixels` (as `copyTo` laid it out: its visible part, one plane of 4
 * bytes a pixel, `layout[0]`) into `out`, scaled to `out`'s size, opaque.
 */
export function packedToRgba(pixels: Uint8Array, layout: readonly PlaneLayout[], format: PackedFormat, source: { width: number; height: number }, out: ImageData): void {
  const { width, height } = out;
  const { offset, stride } = layout[0];
  const target = out.data;
  // Where red and blue sit in each source pixel; green is always second.
  const [red, blue] = format.startsWith('BGR') ? [2, 0] : [0, 2];
  const columns = sampleGrid(width, source.width);
  const rows = sampleGrid(height, source.height);
  const samples = columns.taps * rows.taps;
  const toAverage = Math.round(65536 / samples);
  const average = (sum: number) => (samples === 1 ? sum : (sum * toAverage + 32768) >> 16);
  for (let row = 0; row < height; row += 1) {
    let at = row * width * 4;
    for (let x = 0; x < width; x += 1) {
      let redSum = 0;
      let greenSum = 0;
      let blueSum = 0;
      for (let rowTap = 0; rowTap < rows.taps; rowTap += 1) {
        const start = offset + rows.at[row * rows.taps + rowTap] * stride;
        for (let tap = x * columns.taps, end = tap + columns.taps; tap < end; tap += 1) {
          const from = start + columns.at[tap] * 4;
          redSum += pixels[from + red];
          greenSum += pixels[from + 1];
          blueSum += pixels[from + blue];
        }
      }
      target[at] = average(redSum);
      target[at + 1] = average(greenSum);
      target[at + 2] = average(blueSum);
      // X formats carry no alpha, and a layer's picture is opaque as a `<video>` shows it.
      target[at + 3] = 255;
      at += 4;
    }
  }
}
