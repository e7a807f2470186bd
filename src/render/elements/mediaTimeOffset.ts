/**
 * How far the media time an engine reports for a presented frame (`requestVideoFrameCallback`'s
 * `metadata.mediaTime`) is from the frame it shows. Chromium and Firefox report the frame's own
 * time (or, standing still, the time sought to); WebKitGTK 2.50 reports frames of an MP4 with
 * B-frames later by the stream's reordering delay (two frames for x264's defaults: the file's edit
 * list is not applied to it), while its `currentTime` and its picture are right. Trusted as is,
 * that offset would have the drift controller hold every such element two frames behind.
 *
 * Learnt from an element standing still (paused, not seeking): the frame it presents then is the
 * one at `currentTime`, so the reported time minus `currentTime`, in whole frames, is the offset.
 */
export interface MediaTimeOffset {
  /** A frame the element presented while standing still at `currentTime`. */
  observeStill(mediaTime: number, currentTime: number, frameSeconds: number): void;
  /** Forgets what was learnt: the element reads another source. */
  reset(): void;
  /** Seconds to take from a reported media time to name the frame on screen. */
  readonly seconds: number;
}

/** Offsets past this many frames are not a reordering delay but a report to ignore. */
const largestOffsetFrames = 16;

export function createMediaTimeOffset(): MediaTimeOffset {
  let seconds = 0;
  return {
    observeStill(mediaTime, currentTime, frameSeconds) {
      // The frame on screen starts up to a frame before `currentTime` (Chromium reports its start,
      // the others the time sought to): rounding up, with a margin for float error, gives whole
      // frames either way.
      const frames = Math.ceil((mediaTime - currentTime) / frameSeconds - 0.05);
      if (Number.isFinite(frames) && Math.abs(frames) <= largestOffsetFrames) seconds = frames * frameSeconds;
    },
    reset() {
      seconds = 0;
    },
    get seconds() {
      return seconds;
    },
  };
}
