/**
 * Learns a source's frame duration from the frames an element presents. Frames can be skipped
 * but never split, so the shortest step between presented media times is one frame.
 *
 * On a loaded machine an engine may present only every fourth or eighth frame for seconds on end
 * (WebKitGTK, five tracks and a busy core; its first two frames after Play can be a second apart),
 * and the frame duration sets how far off the playhead an element may rest: an estimate too long
 * let elements stand a quarter second off. So it keeps the shortest step ever seen and never says
 * more than the fallback (the composition's frame): a source with fewer frames a second than the
 * composition is held to the composition's frame, a stricter tolerance that costs nothing.
 */
export interface FrameDurationEstimate {
  observe(mediaTimeSeconds: number): void;
  /** Forgets what was learnt: the element reads another source. */
  reset(): void;
  /** The frame duration in seconds: the shortest step seen, at most the fallback. */
  readonly seconds: number;
}

export function createFrameDurationEstimate(fallbackSeconds: number): FrameDurationEstimate {
  let shortest: number | undefined;
  let last: number | undefined;
  return {
    observe(mediaTime) {
      if (last !== undefined) {
        const step = mediaTime - last;
        // Below 1 ms is a repeated frame or timestamp jitter, not a frame rate (1000 fps).
        if (step > 0.001 && step < 1) shortest = Math.min(step, shortest ?? step);
      }
      last = mediaTime;
    },
    reset() {
      shortest = undefined;
      last = undefined;
    },
    get seconds() {
      return Math.min(shortest ?? fallbackSeconds, fallbackSeconds);
    },
  };
}
