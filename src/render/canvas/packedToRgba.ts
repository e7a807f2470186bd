import { nearestSource } from './yuvToRgba';

/**
 * Turns a decoded frame in a packed 8-bit RGB format (what Firefox's decoders give: BGRX; others
 * give BGRA, RGBX or RGBA) into RGBA at a smaller size in one pass, nearest neighbour, as
 * `planesToRgba` does for I420 and NV12: the picture is held once, at the layer's size.
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
  const columns = new Int32Array(width);
  for (let x = 0; x < width; x += 1) columns[x] = nearestSource(x, width, source.width) * 4;
  for (let row = 0; row < height; row += 1) {
    const sourceRow = nearestSource(row, height, source.height);
    const start = offset + sourceRow * stride;
    let at = row * width * 4;
    for (let x = 0; x < width; x += 1) {
      const from = start + columns[x];
      target[at] = pixels[from + red];
      target[at + 1] = pixels[from + 1];
      target[at + 2] = pixels[from + blue];
      // X formats carry no alpha, and a layer's picture is opaque as a `<video>` shows it.
      target[at + 3] = 255;
      at += 4;
    }
  }
}
