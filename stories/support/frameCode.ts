import { mirroredComposite } from './compositeMirror';

/**
 * Reads back which frame of a frame-coded fixture (`frame-code-*`, `sync-h264*`, `stream-h264`) a
 * canvas shows: the top fifth of each frame holds its number in 12 bits, cell k (a twelfth of the
 * width, from the left) white when bit k is set. From pixels, so from outside any renderer.
 */
export interface PictureRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The frame number the picture drawn in `rect` (in the canvas's pixels) carries. */
export function readFrameCode(pixels: ImageData, rect: PictureRect): number {
  const y = Math.round(rect.y + rect.height * 0.1);
  let value = 0;
  for (let bit = 0; bit < 12; bit += 1) {
    const x = Math.round(rect.x + (rect.width * (bit + 0.5)) / 12);
    const at = (y * pixels.width + x) * 4;
    const light = (pixels.data[at] + pixels.data[at + 1] + pixels.data[at + 2]) / 3;
    if (light > 128) value |= 1 << bit;
  }
  return value;
}

/** A composition rectangle (the pixels track layouts use) in the pixels of the composite's canvas. */
export function onCanvas(canvas: HTMLCanvasElement, composition: { width: number; height: number }, rect: PictureRect): PictureRect {
  const sx = canvas.width / composition.width;
  const sy = canvas.height / composition.height;
  return { x: rect.x * sx, y: rect.y * sy, width: rect.width * sx, height: rect.height * sy };
}

/** The picture of `aspect` (width / height) fitted whole in `rect` and centred, as a `<video>` shows it. */
export function fitted(rect: PictureRect, aspect: number): PictureRect {
  const width = Math.min(rect.width, rect.height * aspect);
  const height = width / aspect;
  return { x: rect.x + (rect.width - width) / 2, y: rect.y + (rect.height - height) / 2, width, height };
}

let scratch: OffscreenCanvasRenderingContext2D | undefined;

/**
 * The pixels of a region of a canvas as it shows now (the whole canvas by default), whoever draws
 * it: the page, or a worker it was handed to. A composite painted in a worker is read through its
 * mirror (`compositeMirror.ts`), never from its `<canvas>`: reading that placeholder makes the
 * page wait for the worker, which hung Firefox's page for 10 s at a time.
 * Coordinates are truncated, as `getImageData`'s are.
 */
export function canvasPixels(canvas: HTMLCanvasElement, rect: PictureRect = { x: 0, y: 0, width: canvas.width, height: canvas.height }): ImageData {
  const x = Math.trunc(rect.x);
  const y = Math.trunc(rect.y);
  const width = Math.max(1, Math.trunc(rect.width));
  const height = Math.max(1, Math.trunc(rect.height));
  if (canvas.dataset.drawnIn === 'worker') return croppedPixels(mirroredComposite(canvas), x, y, width, height);
  if (!scratch || scratch.canvas.width < width || scratch.canvas.height < height) {
    const board = new OffscreenCanvas(Math.max(width, scratch?.canvas.width ?? 0), Math.max(height, scratch?.canvas.height ?? 0));
    scratch = board.getContext('2d', { willReadFrequently: true }) as OffscreenCanvasRenderingContext2D;
  }
  scratch.clearRect(0, 0, width, height);
  scratch.drawImage(canvas, x, y, width, height, 0, 0, width, height);
  return scratch.getImageData(0, 0, width, height);
}

/** A region of `pixels` (transparent where it lies outside them, or where there are none yet), as `getImageData` reads one. */
function croppedPixels(pixels: ImageData | undefined, x: number, y: number, width: number, height: number): ImageData {
  const region = new ImageData(width, height);
  if (!pixels) return region;
  for (let row = Math.max(0, -y); row < height && y + row < pixels.height; row += 1) {
    const fromX = Math.max(0, x);
    const toX = Math.min(pixels.width, x + width);
    if (toX <= fromX) break;
    const start = ((y + row) * pixels.width + fromX) * 4;
    region.data.set(pixels.data.subarray(start, start + (toX - fromX) * 4), (row * width + (fromX - x)) * 4);
  }
  return region;
}

/**
 * The pixels of the picture a `<video>` shows now, at its own size. Read from the picture, not
 * from `requestVideoFrameCallback`'s `mediaTime`: WebKitGTK reports frames of an MP4 with B-frames
 * two frames late there (Docs/Engines), while showing the right one.
 */
export function videoPixels(video: HTMLVideoElement): ImageData {
  const width = Math.max(1, video.videoWidth);
  const height = Math.max(1, video.videoHeight);
  if (!videoScratch || videoScratch.canvas.width !== width || videoScratch.canvas.height !== height) {
    videoScratch = new OffscreenCanvas(width, height).getContext('2d', { willReadFrequently: true }) as OffscreenCanvasRenderingContext2D;
  }
  videoScratch.drawImage(video, 0, 0, width, height);
  return videoScratch.getImageData(0, 0, width, height);
}
let videoScratch: OffscreenCanvasRenderingContext2D | undefined;

/** The frame number a frame-coded fixture's `<video>` shows now. */
export function frameCodeOfVideo(video: HTMLVideoElement): number {
  const pixels = videoPixels(video);
  return readFrameCode(pixels, { x: 0, y: 0, width: pixels.width, height: pixels.height });
}

/** The frames every layer shows in one look at the canvas, read in one go. */
export function readLayers(canvas: HTMLCanvasElement, composition: { width: number; height: number }, rects: PictureRect[]): number[] {
  const pixels = canvasPixels(canvas);
  return rects.map((rect) => readFrameCode(pixels, onCanvas(canvas, composition, rect)));
}

/**
 * When frame `n` of a 30 fps fixture starts, in ms of its source: exactly n/30 s in MP4 (its
 * timescale divides a frame), rounded to the millisecond in WebM (whose timestamps are whole ms).
 */
export const frameStartMs = (n: number, container: 'mp4' | 'webm') => (container === 'webm' ? Math.round((n * 1000) / 30) : (n * 1000) / 30);

/** The frame a clip shows at a playhead: the last frame of its source starting at or before the time there. */
export function frameAt(playheadMs: number, clip: { startMs: number; inMs: number }, container: 'mp4' | 'webm'): number {
  const sourceMs = playheadMs - clip.startMs + clip.inMs;
  let n = Math.max(0, Math.floor((sourceMs * 30) / 1000) - 1);
  while (frameStartMs(n + 1, container) <= sourceMs + 1e-6) n += 1;
  return n;
}

/**
 * Whether frames shown by several layers belong to one playhead: the playhead times at which each
 * layer shows its frame overlap. Layers at different times (one behind the others) do not.
 */
export function oneTime(frames: number[], clips: { startMs: number; inMs: number; container: 'mp4' | 'webm' }[]): boolean {
  let from = Number.NEGATIVE_INFINITY;
  let to = Number.POSITIVE_INFINITY;
  frames.forEach((frame, index) => {
    const { startMs, inMs, container } = clips[index];
    from = Math.max(from, frameStartMs(frame, container) - inMs + startMs);
    to = Math.min(to, frameStartMs(frame + 1, container) - inMs + startMs);
  });
  return from < to;
}
