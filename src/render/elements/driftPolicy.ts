/**
 * What to do about a playing element that is off the master clock. Thresholds are in frames of
 * the source, so one policy serves 24 fps film and 60 fps screen recordings alike.
 */
export interface DriftPolicy {
  /**
   * Drift at or under this many frames is left alone. Drift is measured from the middle of the
   * frame on screen, so 0.5 means "the frame on screen is the one the playhead names".
   */
  toleranceFrames: number;
  /** Drift of this many frames or more is fixed by a seek; below it, by a playback-rate nudge. */
  seekAfterFrames: number;
  /** The furthest a nudge moves the playback rate from 1 (0.1: between 0.9 and 1.1). */
  maxRateNudge: number;
  /** A nudge aims to remove the drift over this many seconds. */
  correctionSeconds: number;
}

export const defaultDriftPolicy: DriftPolicy = {
  toleranceFrames: 0.5,
  seekAfterFrames: 8,
  maxRateNudge: 0.1,
  correctionSeconds: 0.5,
};

export type DriftCorrection =
  | { kind: 'in-sync'; playbackRate: 1 }
  | { kind: 'nudge'; playbackRate: number }
  | { kind: 'seek'; playbackRate: 1 };

/**
 * The correction for `driftSeconds` (element time minus clock time: positive means the element
 * is ahead) on a source whose frames last `frameSeconds`.
 */
export function correctDrift(driftSeconds: number, frameSeconds: number, policy: DriftPolicy): DriftCorrection {
  const frames = Math.abs(driftSeconds) / frameSeconds;
  if (!Number.isFinite(frames) || frames >= policy.seekAfterFrames) return { kind: 'seek', playbackRate: 1 };
  if (frames <= policy.toleranceFrames) return { kind: 'in-sync', playbackRate: 1 };
  const nudge = Math.min(policy.maxRateNudge, Math.abs(driftSeconds) / policy.correctionSeconds);
  return { kind: 'nudge', playbackRate: driftSeconds > 0 ? 1 - nudge : 1 + nudge };
}
