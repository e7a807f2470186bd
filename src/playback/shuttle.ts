/**
 * Shuttling, as J and L do in an editor: the playhead runs at a speed other than 1 (faster, or
 * backwards) by seeking where it would be now, as often as the decoders land seeks (`seekTo` goes
 * through the scrub throttle, so one seek at a time and the latest wins). Playing at 1 is the
 * clock's own job; the kit has no playback rate, so above it and in reverse the picture moves as
 * fast as seeks land and sound comes as a scrub's grains.
 */
export interface Shuttle {
  /** Runs the playhead at `speed` times real time (negative: backwards) from where it is; 0 stops. */
  run(speed: number): void;
  stop(): void;
  /** The speed it runs at; 0 when stopped. */
  readonly speed: number;
}

export interface ShuttleSetup {
  /** Where the playhead is now, in ms. */
  playheadMs(): number;
  /** The timeline's end, in ms: shuttling stops there, or at 0 going back. */
  durationMs(): number;
  /** Asks for the playhead at `ms` (a scrub throttle's `request`, and a grain of sound). */
  seekTo(ms: number): void;
  now(): number;
  /** How often it asks, in ms (an animation frame's worth by default). */
  everyMs?: number;
}

export function createShuttle(setup: ShuttleSetup): Shuttle {
  const everyMs = setup.everyMs ?? 1000 / 60;
  let speed = 0;
  let timer: ReturnType<typeof setInterval> | undefined;
  let from = { playheadMs: 0, wallMs: 0 };
  const stop = () => {
    if (timer !== undefined) clearInterval(timer);
    timer = undefined;
    speed = 0;
  };
  const tick = () => {
    const end = setup.durationMs();
    const ms = Math.min(end, Math.max(0, from.playheadMs + speed * (setup.now() - from.wallMs)));
    setup.seekTo(ms);
    if ((speed > 0 && ms >= end) || (speed < 0 && ms <= 0)) stop();
  };
  return {
    run(next) {
      if (!Number.isFinite(next) || next === 0) {
        stop();
        return;
      }
      // A new speed runs on from where the playhead is, not from where the last speed began.
      from = { playheadMs: setup.playheadMs(), wallMs: setup.now() };
      speed = next;
      timer ??= setInterval(tick, everyMs);
    },
    stop,
    get speed() {
      return speed;
    },
  };
}
