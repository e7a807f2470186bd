/**
 * Counts the `VideoFrame`s that WebCodecs' video decoders give out in the Storybook preview, and
 * which of them (and their clones) are closed, from outside the kit: every decoder made here has
 * its output wrapped, and `close` and `clone` are watched. So the test-runner hook checks that a
 * story leaves no frame open, whatever the renderer's own counters say.
 */
export interface VideoFrameWatch {
  open: Set<VideoFrame>;
  /** Frames decoders gave out since the page loaded. */
  decoded: number;
}

declare global {
  interface Window {
    __videoFrames: VideoFrameWatch;
  }
}

if (!window.__videoFrames && typeof VideoDecoder !== 'undefined' && typeof VideoFrame !== 'undefined') {
  const watch: VideoFrameWatch = { open: new Set(), decoded: 0 };
  const Decoder = window.VideoDecoder;
  window.VideoDecoder = class WatchedVideoDecoder extends Decoder {
    constructor(init: VideoDecoderInit) {
      super({
        ...init,
        output: (frame) => {
          watch.open.add(frame);
          watch.decoded += 1;
          init.output(frame);
        },
      });
    }
  };
  const { close, clone } = VideoFrame.prototype;
  VideoFrame.prototype.close = function closeWatched(this: VideoFrame) {
    watch.open.delete(this);
    close.call(this);
  };
  VideoFrame.prototype.clone = function cloneWatched(this: VideoFrame) {
    const copy = clone.call(this);
    watch.open.add(copy);
    return copy;
  };
  window.__videoFrames = watch;
}

export const videoFrames: VideoFrameWatch | undefined = window.__videoFrames;
