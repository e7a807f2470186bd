import { correctDrift, type DriftCorrection, type DriftPolicy } from './driftPolicy';

/**
 * A playing element drifts from the master clock (decoders run at their own pace, a seek lands
 * late). The drift controller looks at every frame the element presents and keeps it on the clock:
 * a bounded playback-rate nudge for small drift, a seek for large drift, aimed ahead of the clock
 * by what this element's seeks have been taking, so it does not land behind again.
 */
export interface DriftControllerOptions {
  policy: DriftPolicy;
  /** The source time, in seconds, the clock names for a frame on screen at `wallMs`. */
  expectedAt(wallMs: number): number;
  /** The source's frame duration, in seconds (known, or learnt from presented frames). */
  frameSeconds(): number;
  now(): number;
  seek(seconds: number): void;
  setRate(rate: number): void;
  readonly rate: number;
  /** Told every check, for a host's HUD or a benchmark. */
  onCheck?(check: { driftFrames: number; correction: DriftCorrection['kind']; playbackRate: number; wallMs: number }): void;
}

export interface DriftController {
  /** The element presented the frame at `mediaTime`, on screen at `wallMs`. */
  onFrame(wallMs: number, mediaTime: number): void;
  /** A seek to the clock's time (a stall); aimed ahead like the controller's own. */
  seekToClock(): void;
}

/** How long this element's seeks take while playing, kept across controllers (it outlives a pause). */
export interface SeekLead {
  seconds: number;
}

export function createDriftController(options: DriftControllerOptions, lead: SeekLead): DriftController {
  let seekStartedAt: number | undefined;
  const seekAhead = (seconds: number) => {
    seekStartedAt = options.now();
    options.seek(seconds + lead.seconds);
  };
  return {
    onFrame(wallMs, mediaTime) {
      if (seekStartedAt !== undefined) {
        const took = (options.now() - seekStartedAt) / 1000;
        lead.seconds = Math.min(0.5, lead.seconds * 0.5 + took * 0.5);
        seekStartedAt = undefined;
      }
      const frame = options.frameSeconds();
      // The frame covers [mediaTime, mediaTime + frame) of the source and is on screen from
      // `wallMs` for about a frame: its middle is compared with the clock at the middle of its
      // time on screen, so it shows while the playhead is within it. (Compared with the clock at
      // `wallMs` instead, every frame would go on screen half a frame late: heard against the
      // sound, a flash came a frame after its beep.)
      const expected = options.expectedAt(wallMs + (frame / 2) * 1000);
      const drift = mediaTime + frame / 2 - expected;
      const correction = correctDrift(drift, frame, options.policy);
      if (correction.kind === 'seek') seekAhead(expected);
      else if (options.rate !== correction.playbackRate) options.setRate(correction.playbackRate);
      options.onCheck?.({ driftFrames: drift / frame, correction: correction.kind, playbackRate: correction.playbackRate, wallMs });
    },
    seekToClock() {
      seekAhead(options.expectedAt(options.now()));
    },
  };
}
