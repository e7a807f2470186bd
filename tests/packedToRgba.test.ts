import { describe, expect, it } from 'vitest';
import { packedToRgba, type PackedFormat } from '../src/render/canvas/packedToRgba';

type Rgb = [number, number, number];

/** A packed frame of `width` x `height` (4 bytes a pixel, rows `stride` bytes apart after `offset`), one colour per quadrant. */
function quadrants(format: PackedFormat, width: number, height: number, colours: Rgb[], offset = 0, stride = width * 4) {
  const pixels = new Uint8Array(offset + stride * height).fill(7);
  const bgr = format.startsWith('BGR');
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const [r, g, b] = colours[(y < height / 2 ? 0 : 2) + (x < width / 2 ? 0 : 1)];
      const at = offset + y * stride + x * 4;
      pixels.set(bgr ? [b, g, r, 0] : [r, g, b, 0], at);
    }
  }
  return { pixels, layout: [{ offset, stride }] };
}

const image = (width: number, height: number) => ({ width, height, data: new Uint8ClampedArray(width * height * 4) }) as unknown as ImageData;
const pixel = (out: ImageData, x: number, y: number) => [...out.data.slice((y * out.width + x) * 4, (y * out.width + x) * 4 + 4)];
const colours: Rgb[] = [
  [250, 10, 20],
  [30, 240, 40],
  [50, 60, 230],
  [128, 129, 130],
];

describe('packed RGB frames (what Firefox decodes to) to RGBA at a layer\'s size', () => {
  for (const format of ['BGRX', 'BGRA', 'RGBX', 'RGBA'] as const) {
    it(`${format}: each quadrant keeps its colour and place, opaque, scaled down`, () => {
      const { pixels, layout } = quadrants(format, 64, 36, colours);
      const out = image(16, 9);
      packedToRgba(pixels, layout, format, { width: 64, height: 36 }, out);
      expect(pixel(out, 0, 0)).toEqual([...colours[0], 255]);
      expect(pixel(out, 15, 0)).toEqual([...colours[1], 255]);
      expect(pixel(out, 0, 8)).toEqual([...colours[2], 255]);
      expect(pixel(out, 15, 8)).toEqual([...colours[3], 255]);
    });
  }

  it('averages detail finer than the output pixels, as the planar conversion does', () => {
    // Red and blue columns by turns, a source pixel wide, drawn at half the width: purple.
    const width = 16;
    const { pixels, layout } = quadrants('BGRX', width, 4, colours);
    for (let y = 0; y < 4; y += 1) for (let x = 0; x < width; x += 1) pixels.set(x % 2 === 0 ? [0, 0, 200, 0] : [200, 0, 0, 0], y * width * 4 + x * 4);
    const out = image(width / 2, 2);
    packedToRgba(pixels, layout, 'BGRX', { width, height: 4 }, out);
    for (let x = 0; x < out.width; x += 1) expect(pixel(out, x, 1)).toEqual([100, 0, 100, 255]);
  });

  it('reads rows at the layout\'s offset and stride (padding between rows is never drawn)', () => {
    const { pixels, layout } = quadrants('BGRX', 8, 4, colours, 12, 8 * 4 + 16);
    const out = image(8, 4);
    packedToRgba(pixels, layout, 'BGRX', { width: 8, height: 4 }, out);
    for (let y = 0; y < 4; y += 1) for (let x = 0; x < 8; x += 1) expect(pixel(out, x, y)).toEqual([...colours[(y < 2 ? 0 : 2) + (x < 4 ? 0 : 1)], 255]);
  });
});
