/** Width of a still, in pixels: enough to recognise the picture in a layer, small to keep. */
const stillWidth = 160;

/**
 * Downscaled copies of the last frame of suspended tracks, kept as canvases: no object URL to
 * leak, and about 57 KB each at 160x90.
 */
export interface StillFrames {
  /**
   * Copies a picture (the frame on screen) of `width` x `height` pixels as the track's still. A
   * picture still to come (made in a worker) is drawn into the still when it arrives, and closed.
   */
  capture(trackId: string, picture: CanvasImageSource | Promise<ImageBitmap | undefined>, width: number, height: number): void;
  get(trackId: string): HTMLCanvasElement | undefined;
  release(trackId: string): void;
}

export function createStillFrames(): StillFrames {
  const stills = new Map<string, HTMLCanvasElement>();
  return {
    capture(trackId, picture, width, height) {
      if (width === 0 || height === 0) return;
      const canvas = document.createElement('canvas');
      canvas.width = stillWidth;
      canvas.height = Math.max(1, Math.round((stillWidth * height) / width));
      const draw = (image: CanvasImageSource) => canvas.getContext('2d')?.drawImage(image, 0, 0, canvas.width, canvas.height);
      if (picture instanceof Promise) {
        // The still shows (blank) at once, as the suspended placeholder appears; its picture a moment later.
        void picture.then(
          (bitmap) => {
            if (!bitmap) return;
            if (stills.get(trackId) === canvas) draw(bitmap);
            bitmap.close();
          },
          () => undefined,
        );
      } else {
        draw(picture);
      }
      stills.set(trackId, canvas);
    },
    get: (trackId) => stills.get(trackId),
    release(trackId) {
      const canvas = stills.get(trackId);
      if (!canvas) return;
      // Gives the backing store back now rather than at garbage collection.
      canvas.width = 0;
      canvas.height = 0;
      stills.delete(trackId);
    },
  };
}
