import { LookError } from './layerLook';

/**
 * Sound fades: a clip's sound rising from silence at its start and falling to silence at its end,
 * along a curve, as on every DAW's clip. Pure: the sound player schedules them on the audio
 * thread with the clip's volume keyframes (`soundAutomation.ts`), and the timeline draws them on
 * the clip's waveform.
 */

/**
 * How a fade's level moves, as progress (0..1) through a fade-in becomes a gain (a fade-out is its
 * mirror):
 * - `linear`: the gain in a straight line (sounds abrupt at the quiet end, slow at the loud end);
 * - `equal-power`: sin(πp/2), a quarter sine; two clips fading across each other this way keep
 *   their summed power (a cross-fade's default);
 * - `exponential`: even in decibels, 60 dB up in a straight line (what the ear hears as even),
 *   shifted so it starts from true silence;
 * - `s-curve`: a raised cosine, gentle at both ends.
 */
export const fadeCurves = ['linear', 'equal-power', 'exponential', 's-curve'] as const;
export type FadeCurve = (typeof fadeCurves)[number];

export interface Fade {
  /** How long the fade lasts, in ms on the timeline; 0 is no fade. */
  durationMs: number;
  /** `equal-power` when not given. */
  curve?: FadeCurve;
}

/** A clip's fades: `in` from its start, `out` to its end. Where the two overlap (a short clip), both apply. */
export interface ClipFades {
  in?: Fade;
  out?: Fade;
}

// The exponential fade's range: from -60 dB, less its own floor so it reaches 0 exactly.
const exponentialFloor = 10 ** (-60 / 20);

/** The gain a fade-in of `curve` gives at `progress` (0 silence, 1 full level). */
export function fadeInGain(curve: FadeCurve, progress: number): number {
  const p = Math.min(1, Math.max(0, progress));
  switch (curve) {
    case 'linear':
      return p;
    case 'equal-power':
      return Math.sin((p * Math.PI) / 2);
    case 'exponential':
      return (10 ** ((-60 * (1 - p)) / 20) - exponentialFloor) / (1 - exponentialFloor);
    case 's-curve':
      return (1 - Math.cos(p * Math.PI)) / 2;
  }
}

/**
 * The stretches of a clip (in ms from its start) where a fade moves the level: the fade-in from
 * 0, the fade-out up to `lengthMs` (none while the clip's length is unknown).
 */
export function fadeSpans(fades: ClipFades | undefined, lengthMs: number | undefined): { fromMs: number; toMs: number }[] {
  const spans: { fromMs: number; toMs: number }[] = [];
  if (fades?.in && fades.in.durationMs > 0) spans.push({ fromMs: 0, toMs: fades.in.durationMs });
  if (fades?.out && fades.out.durationMs > 0 && lengthMs !== undefined) spans.push({ fromMs: Math.max(0, lengthMs - fades.out.durationMs), toMs: lengthMs });
  return spans;
}

/** The gain the fades give at `clipMs` (ms from the clip's start) of a clip `lengthMs` long: 1 outside them. */
export function fadeGainAt(fades: ClipFades | undefined, lengthMs: number | undefined, clipMs: number): number {
  let gain = 1;
  if (fades?.in && fades.in.durationMs > 0 && clipMs < fades.in.durationMs) gain *= fadeInGain(fades.in.curve ?? 'equal-power', clipMs / fades.in.durationMs);
  if (fades?.out && fades.out.durationMs > 0 && lengthMs !== undefined && clipMs > lengthMs - fades.out.durationMs) {
    gain *= fadeInGain(fades.out.curve ?? 'equal-power', (lengthMs - clipMs) / fades.out.durationMs);
  }
  return gain;
}

/**
 * Throws a `LookError` naming the field (`fades.in.durationMs`) for fades no clip could have: a
 * side other than `in` and `out`, a duration that is not a finite number of ms from 0 up, an
 * unknown curve.
 */
export function checkFades(fades: ClipFades): void {
  if (typeof fades !== 'object' || fades === null) throw new LookError('fades', 'is not an object of fades (in, out)');
  for (const [side, fade] of Object.entries(fades) as [string, Fade | undefined][]) {
    if (side !== 'in' && side !== 'out') throw new LookError(`fades.${side}`, 'is not a side a clip fades on (in, out)');
    if (fade === undefined) continue;
    if (typeof fade !== 'object' || fade === null) throw new LookError(`fades.${side}`, 'is not a fade ({ durationMs, curve })');
    if (typeof fade.durationMs !== 'number' || !Number.isFinite(fade.durationMs) || fade.durationMs < 0) {
      throw new LookError(`fades.${side}.durationMs`, `${String(fade.durationMs)} is not a length in ms from 0 up`);
    }
    if (fade.curve !== undefined && !(fadeCurves as readonly string[]).includes(fade.curve)) {
      throw new LookError(`fades.${side}.curve`, `"${String(fade.curve)}" is not one of ${fadeCurves.join(', ')}`);
    }
  }
}
