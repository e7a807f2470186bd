/**
 * Chromium's frame callbacks come only while frames do: an element that says it plays but
 * presents nothing (a stalled pipeline, a connection it never gets, a `play()` that was refused)
 * raises no event at all. The stall detector polls what the element reports and, when its time
 * has not moved for `stallMs`, asks for a seek to the clock's time, where it then waits visibly
 * (a seek in flight is buffering) instead of falling behind in silence.
 */
export interface StallDetectorElement {
  readonly currentTime: number;
  readonly seeking: boolean;
  readonly ended: boolean;
  readonly paused: boolean;
}

export interface StallDetectorOptions {
  /** Not moving this long while it should play is a stall. */
  stallMs: number;
  now(): number;
  /** The element should play but is paused: try to play it again. */
  onPaused(): void;
  /** The element is stuck: send it to the clock's time. */
  onStall(): void;
}

export interface StallDetector {
  /** One look at the element; call it on a timer (every 100 ms, say). */
  check(): void;
}

export function createStallDetector(element: StallDetectorElement, options: StallDetectorOptions): StallDetector {
  let lastTime = element.currentTime;
  let lastMovedAt = options.now();
  return {
    check() {
      const now = options.now();
      if (element.currentTime !== lastTime || element.seeking || element.ended) {
        lastTime = element.currentTime;
        lastMovedAt = now;
        return;
      }
      if (element.paused) {
        options.onPaused();
        return;
      }
      if (now - lastMovedAt < options.stallMs) return;
      lastMovedAt = now;
      options.onStall();
    },
  };
}
