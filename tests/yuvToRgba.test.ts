import { describe, expect, it } from 'vitest';
import { planesToRgba } from '../src/render/canvas/yuvToRgba';

/** An I420 frame of `width` x `height` filled with one colour per quadrant, laid out as copyTo lays it out. */
function quadrants(width: number, height: number, colours: [number, number, number][]) {
  const lumaSize = width * height;
  const chromaWidth = width / 2;
  const chromaSize = chromaWidth * (height / 2);
  const planes = new Uint8Array(lumaSize + 2 * chromaSize);
  const quadrant = (x: number, y: number) => (y < height / 2 ? 0 : 2) + (x < width / 2 ? 0 : 1);
  for (let y = 0; y < height; y += 1) for (let x = 0; x < width; x += 1) planes[y * width + x] = colours[quadrant(x, y)][0];
  for (let y = 0; y < height / 2; y += 1) {
    for (let x = 0; x < chromaWidth; x += 1) {
      const [, u, v] = colours[quadrant(x * 2, y * 2)];
      planes[lumaSize + y * chromaWidth + x] = u;
      planes[lumaSize + chromaSize + y * chromaWidth + x] = v;
    }
  }
  const layout = [
    { offset: 0, stride: width },
    { offset: lumaSize, stride: chromaWidth },
    { offset: lumaSize + chromaSize, stride: chromaWidth },
  ];
  return { planes, layout };
}

const image = (width: number, height: number) => ({ width, height, data: new Uint8ClampedArray(width * height * 4) }) as unknown as ImageData;
const pixel = (out: ImageData, x: number, y: number) => [...out.data.slice((y * out.width + x) * 4, (y * out.width + x) * 4 + 4)];

// BT.709, limited range: white, black, red and a mid grey, as an encoder writes them.
const white: [number, number, number] = [235, 128, 128];
const black: [number, number, number] = [16, 128, 128];
const red: [number, number, number] = [63, 102, 240];
const grey: [number, number, number] = [126, 128, 128];
const bt709 = { matrix: 'bt709', fullRange: false } as VideoColorSpace;

describe('frames to RGBA at a layer\'s size', () => {
  it('converts BT.709 limited-range colours to RGB, opaque', () => {
    const { planes, layout } = quadrants(8, 8, [white, black, red, grey]);
    const out = image(8, 8);
    planesToRgba(planes, layout, 'I420', { width: 8, height: 8 }, bt709, out);
    expect(pixel(out, 1, 1)).toEqual([255, 255, 255, 255]);
    expect(pixel(out, 6, 1)).toEqual([0, 0, 0, 255]);
    const [r, g, b, a] = pixel(out, 1, 6);
    expect(r).toBeGreaterThan(250);
    expect(g).toBeLessThan(8);
    expect(b).toBeLessThan(8);
    expect(a).toBe(255);
    for (const channel of pixel(out, 6, 6).slice(0, 3)) expect(Math.abs(channel - 128)).toBeLessThanOrEqual(2);
  });

  it('scales down keeping each quadrant where it was, each output pixel the average of the source pixels it stands for', () => {
    const { planes, layout } = quadrants(64, 36, [white, black, red, grey]);
    const out = image(16, 9);
    planesToRgba(planes, layout, 'I420', { width: 64, height: 36 }, bt709, out);
    expect(pixel(out, 0, 0)).toEqual([255, 255, 255, 255]);
    expect(pixel(out, 15, 0)).toEqual([0, 0, 0, 255]);
    expect(pixel(out, 0, 8)[0]).toBeGreaterThan(250);
    expect(pixel(out, 15, 8)[1]).toBeGreaterThan(120);
    expect(pixel(out, 15, 8)[1]).toBeLessThan(136);
  });

  it('turns detail finer than the output pixels into its average, not into one of its stripes', () => {
    // Stripes a source pixel wide, white and black by turns, drawn at half the width.
    const width = 64;
    const height = 8;
    const { planes, layout } = quadrants(width, height, [grey, grey, grey, grey]);
    for (let y = 0; y < height; y += 1) for (let x = 0; x < width; x += 1) planes[y * width + x] = x % 2 === 0 ? white[0] : black[0];
    const out = image(width / 2, height / 2);
    planesToRgba(planes, layout, 'I420', { width, height }, bt709, out);
    for (let x = 0; x < out.width; x += 1) for (const channel of pixel(out, x, 1).slice(0, 3)) expect(Math.abs(channel - 128)).toBeLessThanOrEqual(2);
  });

  it('reads NV12 (chroma interleaved) as I420', () => {
    const i420 = quadrants(8, 8, [white, black, red, grey]);
    const nv12 = new Uint8Array(i420.planes.length);
    nv12.set(i420.planes.subarray(0, 64));
    for (let index = 0; index < 16; index += 1) {
      nv12[64 + index * 2] = i420.planes[64 + index];
      nv12[64 + index * 2 + 1] = i420.planes[80 + index];
    }
    const fromI420 = image(8, 8);
    const fromNv12 = image(8, 8);
    planesToRgba(i420.planes, i420.layout, 'I420', { width: 8, height: 8 }, bt709, fromI420);
    planesToRgba(nv12, [{ offset: 0, stride: 8 }, { offset: 64, stride: 8 }], 'NV12', { width: 8, height: 8 }, bt709, fromNv12);
    expect([...fromNv12.data]).toEqual([...fromI420.data]);
  });
});
