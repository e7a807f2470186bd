/**
 * An element that runs out of data fires `waiting` or `stalled` many times a second for short
 * hiccups that a person never notices. The buffering observer turns them into the two events the
 * composite acts on: a track starved for longer than a grace while the composite runs is
 * buffering (the composite waits for it); once it could play on, it is not any more.
 */
export interface BufferingObserverOptions {
  /** Starved this long while running before it counts. */
  graceMs: number;
  /** Whether the element could play on from where it is, paused or not. */
  canPlayOn(): boolean;
  /** The track's load status now: only a ready track can start buffering, only a buffering one recover. */
  status(): string;
  /** Whether the composite is running (played, and no track buffering). */
  compositeRunning(): boolean;
  onStarved(): void;
  onRecovered(): void;
  setTimer(callback: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
}

export interface BufferingObserver {
  /** Looks again: on every media event of the element, and whenever the track buffers. */
  evaluate(): void;
  /** Stops the grace timer; whether the track still buffers is the caller's to settle. */
  stop(): void;
}

export function createBufferingObserver(options: BufferingObserverOptions): BufferingObserver {
  let graceTimer: unknown;
  const clear = () => {
    if (graceTimer !== undefined) options.clearTimer(graceTimer);
    graceTimer = undefined;
  };
  return {
    evaluate() {
      const starved = !options.canPlayOn();
      const status = options.status();
      if (status === 'buffering') {
        if (!starved) options.onRecovered();
        return;
      }
      if (status !== 'ready' || !starved || !options.compositeRunning() || graceTimer !== undefined) return;
      graceTimer = options.setTimer(() => {
        graceTimer = undefined;
        if (!options.canPlayOn() && options.compositeRunning() && options.status() === 'ready') options.onStarved();
      }, options.graceMs);
    },
    stop: clear,
  };
}
