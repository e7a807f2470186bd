/** Width of a still, in pixels: enough to recognise the picture in a layer, small to keep. */
const stillWidth = 160;

/**
 * Downscaled copies of the last frame of suspended tracks, kept as canvases: no object URL to
 * leak, and about 57 KB each at 160x90.
 */
export interface StillFrames {
  /** Copies the frame on screen in `video` as the track's still. */
  capture(trackId: string, video: HTMLVideoElement): void;
  get(trackId: string): HTMLCanvasElement | undefined;
  release(trackId: string): void;
}

export function createStillFrames(): StillFrames {
  const stills = new Map<string, HTMLCanvasElement>();
  return {
    capture(trackId, video) {
      if (video.readyState < HTMLMediaElement.HAVE_CURRENT_DATA || video.videoWidth === 0) return;
      const canvas = document.createElement('canvas');
      canvas.width = stillWidth;
      canvas.height = Math.max(1, Math.round((stillWidth * video.videoHeight) / video.videoWidth));
      canvas.getContext('2d')?.drawImage(video, 0, 0, canvas.width, canvas.height);
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
