/**
 * Learns a source's frame duration from the frames an element presents. Frames can be skipped
 * but never split, so the shortest step between presented media times is one frame.
 */
export interface FrameDurationEstimate {
  observe(mediaTimeSeconds: number): void;
  /** The frame duration in seconds: learnt once two frames were seen, else the fallback. */
  readonly seconds: number;
}

export function createFrameDurationEstimate(fallbackSeconds: number, window = 30): FrameDurationEstimate {
  const steps: number[] = [];
  let last: number | undefined;
  return {
    observe(mediaTime) {
      if (last !== undefined) {
        const step = mediaTime - last;
        // Below 1 ms is a repeated frame or timestamp jitter, not a frame rate (1000 fps).
        if (step > 0.001 && step < 1) {
          steps.push(step);
          if (steps.length > window) steps.shift();
        }
      }
      last = mediaTime;
    },
    get seconds() {
      return steps.length > 0 ? Math.min(...steps) : fallbackSeconds;
    },
  };
}
