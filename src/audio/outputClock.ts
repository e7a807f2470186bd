/**
 * Where the audio output says it is, read so that the compositor's clock never stalls on it.
 *
 * Platform facts this exists for (measured in this kit's engine runs):
 * - Chromium and Firefox: `getOutputTimestamp()` maps context time to `performance.now()`, its
 *   `performanceTime` a few ms in the past.
 * - WebKitGTK 2.50 (Tauri on Linux): with no audio device it returns `{ 0, 0 }` while the context
 *   says "running" and `currentTime` does not move; with a device its `performanceTime` is seconds
 *   ahead of `performance.now()` (another time origin), so it cannot place context time on the
 *   page's clock.
 * - Before the output has played anything, every engine has no timestamp yet.
 *
 * So: the output's timestamp where it is plausible (`'output'`); else the context's `currentTime`,
 * less its latencies, smoothed over the wall clock (`'context'`); else, where `currentTime` has
 * not moved for `stallMs`, nothing (`'none'`): the clock then follows the wall clock, and the
 * output clock says so. An output that is still opening is not stalled: Chromium on PulseAudio
 * keeps `currentTime` at one render quantum for about 2 s while it opens the device (the playhead
 * holds for the sound meanwhile, as it should), so until the context time has first moved on
 * (`startedMs`) it is given `openingMs` instead.
 */
export type OutputClockSource = 'output' | 'context' | 'none';

export interface OutputClock {
  /** The context time (ms) heard at the wall time `wallMs`; undefined while the context time does not move. */
  heardAt(wallMs: number): number | undefined;
  /** What `heardAt` read last. */
  source(): OutputClockSource;
}

/** The parts of an AudioContext this reads (a test passes a fake). */
export type OutputClockContext = Pick<AudioContext, 'currentTime' | 'baseLatency' | 'getOutputTimestamp'> & { outputLatency?: number };

interface Options {
  now?: () => number;
  /** Told when `source()` changes, after the read that changed it. */
  onSourceChange?: (source: OutputClockSource) => void;
  /** How long `currentTime` may stand still on a running context before it is not a clock. */
  stallMs?: number;
  /** The same, before the context time has first moved on: an output device may take this long to open. */
  openingMs?: number;
}

/** Context time moved past this (ms) from where it was first read: the output has opened. */
const startedMs = 100;

/** A timestamp taken longer ago than this, or in the future, is not one this page's clock can use. */
const plausibleAgeMs = 1000;
/** The smoothed context time is pulled back to `currentTime` when they part by more than this. */
const resyncMs = 40;

export function createOutputClock(
  context: OutputClockContext,
  { now = () => performance.now(), onSourceChange, stallMs = 500, openingMs = 4000 }: Options = {},
): OutputClock {
  let source: OutputClockSource = 'none';
  // Once the output's timestamp proved implausible, it is not used again on this context: a clock
  // that switched back and forth would jump by the output's latency each time.
  let outputTrusted = true;
  let lastContextMs = -1;
  let lastMoveWallMs = now();
  let firstContextMs: number | undefined;
  let started = false;
  /** The smoothed context time: `contextMs` at the wall time `wallMs`. */
  let smooth: { contextMs: number; wallMs: number } | undefined;

  const settle = (next: OutputClockSource) => {
    if (next === source) return;
    source = next;
    // After the read that changed it: a listener may read the clock again.
    if (onSourceChange) queueMicrotask(() => onSourceChange(next));
  };

  return {
    source: () => source,
    heardAt(wallMs) {
      const readAt = now();
      const contextMs = context.currentTime * 1000;
      if (contextMs !== lastContextMs) {
        lastContextMs = contextMs;
        lastMoveWallMs = readAt;
      }
      firstContextMs ??= contextMs;
      started ||= contextMs - firstContextMs > startedMs;
      if (outputTrusted) {
        const { contextTime, performanceTime } = context.getOutputTimestamp();
        if (contextTime && performanceTime) {
          const age = readAt - performanceTime;
          if (age >= -plausibleAgeMs / 10 && age < plausibleAgeMs) {
            settle('output');
            return contextTime * 1000 + (wallMs - performanceTime);
          }
          outputTrusted = false;
        }
      }
      if (readAt - lastMoveWallMs > (started ? stallMs : openingMs)) {
        smooth = undefined;
        settle('none');
        return undefined;
      }
      // What is rendered now is heard after the latencies.
      const heardNowMs = contextMs - ((context.outputLatency || 0) + (context.baseLatency || 0)) * 1000;
      if (!smooth || Math.abs(smooth.contextMs + (readAt - smooth.wallMs) - heardNowMs) > resyncMs) smooth = { contextMs: heardNowMs, wallMs: readAt };
      settle('context');
      return smooth.contextMs + (wallMs - smooth.wallMs);
    },
  };
}
