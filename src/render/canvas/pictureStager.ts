/**
 * Turns decoded frames into small canvases, one conversion at a time.
 *
 * Why not draw a `VideoFrame` straight into the composite's 2D canvas (or through
 * `createImageBitmap(frame)`): in Chromium without a GPU each frame drawn that way becomes an
 * image its software raster caches, and the cache fills to about 470 MB whatever the frame size
 * (measured: one 720p layer playing held 566 MB, 101 MB without the draw; five layers 779 MB).
 * Copying the frame out as RGBA (`copyTo`, the browser's own conversion) into one shared buffer,
 * putting it on one scratch canvas and drawing that, scaled, into the layer's canvas holds the
 * frame once, at the layer's size (five layers: 345 MB, and fewer frames dropped).
 */
export interface PictureStager {
  /**
   * Draws `frame` scaled to `width` x `height` into `into` (resized to that), after the
   * conversions asked for before it. Resolves false when it did not: `stillWanted` said no by its
   * turn (a newer frame is wanted instead), or the frame could not be read.
   */
  stage(frame: VideoFrame, into: OffscreenCanvas, width: number, height: number, stillWanted: () => boolean): Promise<boolean>;
  /** Lets go of the shared buffer and scratch canvas. */
  dispose(): void;
}

export function createPictureStager(): PictureStager {
  let pixels: ImageData | undefined;
  let scratch: OffscreenCanvas | undefined;
  let turn: Promise<unknown> = Promise.resolve();

  async function convert(frame: VideoFrame, into: OffscreenCanvas, width: number, height: number): Promise<boolean> {
    const { width: frameWidth, height: frameHeight } = frame.visibleRect ?? { width: frame.codedWidth, height: frame.codedHeight };
    if (!pixels || pixels.width !== frameWidth || pixels.height !== frameHeight) {
      pixels = new ImageData(frameWidth, frameHeight);
      scratch = new OffscreenCanvas(frameWidth, frameHeight);
    }
    try {
      await frame.copyTo(pixels.data, { format: 'RGBA' });
    } catch {
      return false;
    }
    const board = scratch as OffscreenCanvas;
    (board.getContext('2d') as OffscreenCanvasRenderingContext2D).putImageData(pixels, 0, 0);
    if (into.width !== width || into.height !== height) {
      into.width = width;
      into.height = height;
    }
    (into.getContext('2d') as OffscreenCanvasRenderingContext2D).drawImage(board, 0, 0, frameWidth, frameHeight, 0, 0, width, height);
    return true;
  }

  return {
    stage(frame, into, width, height, stillWanted) {
      const done = turn.then(() => (stillWanted() ? convert(frame, into, width, height) : false));
      turn = done.catch(() => undefined);
      return done;
    },
    dispose() {
      pixels = undefined;
      if (scratch) {
        scratch.width = 0;
        scratch.height = 0;
      }
      scratch = undefined;
    },
  };
}
