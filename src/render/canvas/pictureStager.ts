import type { FramePath } from './framePath';
import { isPackedFormat, packedToRgba } from './packedToRgba';
import { isPlanarFormat, planesToRgba } from './yuvToRgba';

/**
 * Turns decoded frames into small canvases, one conversion at a time.
 *
 * Why not draw a `VideoFrame` straight into the composite's 2D canvas (or through
 * `createImageBitmap(frame)`): in Chromium without a GPU each frame drawn that way becomes an
 * image its software raster caches, and the cache fills to about 470 MB whatever the frame size
 * (measured: one 720p layer playing held 566 MB, 101 MB without the draw; five layers 779 MB).
 * Copying the frame's planes out (`copyTo`) and converting them to RGBA at the layer's size
 * (`yuvToRgba.ts`) holds the picture once, at that size (five layers: 250 MB). Where the canvas
 * is drawn on a GPU, the browser's own drawing costs no script time: `framePath` says which
 * (`framePath.ts`).
 */
export interface PictureStager {
  /**
   * Draws `frame` scaled to `width` x `height` (no larger than the frame) into `into` (resized to that), after the
   * conversions asked for before it. Resolves false when it did not: `stillWanted` said no by its
   * turn (a newer frame is wanted instead), or the frame could not be read.
   */
  stage(frame: VideoFrame, into: OffscreenCanvas, width: number, height: number, stillWanted: () => boolean): Promise<boolean>;
  /** Lets go of the shared buffer and scratch canvas. */
  dispose(): void;
}

/** `framePath` is read at each frame's turn (a worker learns it after it starts). */
export function createPictureStager(framePath: () => FramePath = () => 'convert'): PictureStager {
  /** The frame's own bytes (planar or packed RGB), or its RGBA at its own size (other formats). */
  let buffer: Uint8Array<ArrayBuffer> | undefined;
  let rgba: ImageData | undefined;
  let scratch: OffscreenCanvas | undefined;
  /** Output pixels, by size: layers of one size share one. */
  const outputs = new Map<string, ImageData>();
  let turn: Promise<unknown> = Promise.resolve();

  const outputOf = (width: number, height: number) => {
    const key = `${width}x${height}`;
    let out = outputs.get(key);
    if (!out) {
      // A few sizes at a time (one a layer size); more means the layout changed: start over.
      if (outputs.size >= 8) outputs.clear();
      out = new ImageData(width, height);
      outputs.set(key, out);
    }
    return out;
  };

  const place = (into: OffscreenCanvas, width: number, height: number) => {
    if (into.width !== width || into.height !== height) {
      into.width = width;
      into.height = height;
    }
    return into.getContext('2d') as OffscreenCanvasRenderingContext2D;
  };

  /**
   * I420/NV12 and the packed RGB formats: the frame's bytes copied out as they are (no conversion
   * by the browser) and converted at the picture's size in one pass.
   */
  async function convertOwn(frame: VideoFrame, into: OffscreenCanvas, width: number, height: number): Promise<boolean> {
    const size = frame.allocationSize();
    if (!buffer || buffer.byteLength < size) buffer = new Uint8Array(size);
    let layout: PlaneLayout[];
    try {
      layout = await frame.copyTo(buffer);
    } catch {
      return false;
    }
    const visible = frame.visibleRect ?? { width: frame.codedWidth, height: frame.codedHeight };
    // Never more pixels than the frame has: a picture smaller than its box is scaled up when drawn.
    const out = outputOf(Math.min(width, visible.width), Math.min(height, visible.height));
    const { format } = frame;
    if (isPlanarFormat(format)) planesToRgba(buffer, layout, format, visible, frame.colorSpace, out);
    else if (isPackedFormat(format)) packedToRgba(buffer, layout, format, visible, out);
    else return false;
    place(into, out.width, out.height).putImageData(out, 0, 0);
    return true;
  }

  /** Any other format: the browser's RGBA at the frame's size, scaled down through a scratch canvas (slower). */
  async function convertOther(frame: VideoFrame, into: OffscreenCanvas, width: number, height: number): Promise<boolean> {
    const { width: frameWidth, height: frameHeight } = frame.visibleRect ?? { width: frame.codedWidth, height: frame.codedHeight };
    if (!rgba || rgba.width !== frameWidth || rgba.height !== frameHeight) {
      rgba = new ImageData(frameWidth, frameHeight);
      scratch = new OffscreenCanvas(frameWidth, frameHeight);
    }
    try {
      await frame.copyTo(rgba.data, { format: 'RGBA' });
    } catch {
      return false;
    }
    const board = scratch as OffscreenCanvas;
    (board.getContext('2d') as OffscreenCanvasRenderingContext2D).putImageData(rgba, 0, 0);
    place(into, width, height).drawImage(board, 0, 0, frameWidth, frameHeight, 0, 0, width, height);
    return true;
  }

  /** The browser scales the frame itself, with its best filtering (on a GPU, mipmapped or better). */
  function drawDirect(frame: VideoFrame, into: OffscreenCanvas, width: number, height: number): boolean {
    const visible = frame.visibleRect ?? { width: frame.codedWidth, height: frame.codedHeight };
    const context = place(into, Math.min(width, visible.width), Math.min(height, visible.height));
    context.imageSmoothingQuality = 'high';
    context.drawImage(frame, 0, 0, into.width, into.height);
    return true;
  }

  const convert = async (frame: VideoFrame, into: OffscreenCanvas, width: number, height: number) => {
    if (framePath() === 'direct') return drawDirect(frame, into, width, height);
    return isPlanarFormat(frame.format) || isPackedFormat(frame.format) ? convertOwn(frame, into, width, height) : convertOther(frame, into, width, height);
  };

  return {
    stage(frame, into, width, height, stillWanted) {
      // A conversion that throws (a canvas that cannot be had) makes no picture; the next frame tries again.
      const done = turn.then(() => (stillWanted() ? convert(frame, into, width, height) : false)).catch(() => false);
      turn = done;
      return done;
    },
    dispose() {
      buffer = undefined;
      rgba = undefined;
      outputs.clear();
      if (scratch) {
        scratch.width = 0;
        scratch.height = 0;
      }
      scratch = undefined;
    },
  };
}
