import { clipAt, clipEdgesFrom, clipEndMs, type ClipTiming } from './clipTiming';
import { valueAt, type AnimatedSoundProperty, type Keyframe } from './keyframes';
import { gainOfDb } from './mixerSlice';
import { fadeGainAt, fadeSpans } from './soundFades';

/**
 * A clip's sound keyframes and fades as the steps an `AudioParam` is given (`setValueAtTime` and
 * `setValueCurveAtTime`), on the timeline: what the sound player schedules on the audio thread,
 * so a level or a pan moves with sample accuracy and no main-thread writes while it plays.
 * Pure, in timeline ms and the param's own units (a gain, a pan).
 */
export type AutomationStep =
  /** From `atMs`, the param holds `value`. */
  | { kind: 'set'; atMs: number; value: number }
  /** From `atMs`, for `durationMs`, the param follows `values` (evenly spaced, joined by straight lines). */
  | { kind: 'curve'; atMs: number; durationMs: number; values: number[] };

/** The param's value where a clip has no keyframes of the property (and between clips). */
const restingValue: Record<AnimatedSoundProperty, number> = { volumeDb: 1, pan: 0 };

/** A property's value in the param's units: a clip level in dB is a gain. */
const paramValue = (property: AnimatedSoundProperty, value: number) => (property === 'volumeDb' ? gainOfDb(value) : value);

/**
 * Points a curve is sampled at: one every 10 ms (a 100 Hz control rate; the param joins them with
 * straight lines, which on an ease is within 0.1% of the curve), two at least, 512 at most (a
 * five-second ease: 0.2% off).
 */
const curvePoints = (durationMs: number) => Math.min(512, Math.max(2, Math.ceil(durationMs / 10) + 1));

/**
 * A clip's `property` at `clipMs` (ms from its start) in the param's units: its keyframed value
 * (the resting value without keyframes) and, for the level, times its fades' gain. What the sound
 * player schedules, and what the timeline draws as the clip's level line.
 */
export function clipSoundValueAt(clip: ClipTiming, property: AnimatedSoundProperty, clipMs: number): number {
  const keyframes = clip.animation?.[property];
  const value = keyframes?.length ? paramValue(property, valueAt(keyframes, clipMs)) : restingValue[property];
  if (property !== 'volumeDb' || !clip.fades) return value;
  const endMs = clipEndMs(clip);
  return value * fadeGainAt(clip.fades, endMs === undefined ? undefined : endMs - clip.startMs, clipMs);
}

/**
 * The steps of one clip over the timeline stretch [fromMs, toMs) where it is the clip heard: its
 * keyframes of `property` and, for the level, its fades (the param's gain is the keyframed level
 * times the fade's gain).
 */
function clipSteps(property: AnimatedSoundProperty, clip: ClipTiming, fromMs: number, toMs: number | undefined): AutomationStep[] {
  const keyframes: readonly Keyframe[] = clip.animation?.[property] ?? [];
  const endMs = clipEndMs(clip);
  const lengthMs = endMs === undefined ? undefined : endMs - clip.startMs;
  const fades = property === 'volumeDb' ? fadeSpans(clip.fades, lengthMs) : [];
  if (keyframes.length === 0 && fades.length === 0) return [{ kind: 'set', atMs: fromMs, value: restingValue[property] }];
  const at = (timelineMs: number) => clipSoundValueAt(clip, property, timelineMs - clip.startMs);
  // The stretch cut at every keyframe and fade edge inside it: between two cuts the value holds,
  // eases or fades.
  const edges = [...keyframes.map((keyframe) => keyframe.atMs), ...fades.flatMap((fade) => [fade.fromMs, fade.toMs])].map((clipMs) => clip.startMs + clipMs);
  const cuts = [...new Set([fromMs, ...edges.filter((ms) => ms > fromMs && (toMs === undefined || ms < toMs))])].sort((a, b) => a - b);
  return cuts.map((startMs, index): AutomationStep => {
    const stopMs = index + 1 < cuts.length ? cuts[index + 1] : toMs;
    const clipMs = startMs - clip.startMs;
    const segment = keyframes.findLastIndex((keyframe) => keyframe.atMs <= clipMs);
    const easing = segment >= 0 && segment < keyframes.length - 1 && keyframes[segment].easing !== 'hold';
    const fading = fades.some((fade) => clipMs >= fade.fromMs && clipMs < fade.toMs);
    if ((!easing && !fading) || stopMs === undefined) return { kind: 'set', atMs: startMs, value: at(startMs) };
    const points = curvePoints(stopMs - startMs);
    const values = Array.from({ length: points }, (_, point) => at(startMs + ((stopMs - startMs) * point) / (points - 1)));
    return { kind: 'curve', atMs: startMs, durationMs: stopMs - startMs, values };
  });
}

/**
 * How `property` of the clips' sound moves from `fromMs` on: the clip heard at each moment (as
 * `clipAt` says: where clips overlap, the one that started last), its keyframes (and for the level
 * its fades) as steps, and the resting value (0 dB, centre) wherever a clip has none or no clip
 * plays. A step list with no keyframe or fade anywhere is one `set` of the resting value.
 */
export function soundAutomation(clips: readonly ClipTiming[], property: AnimatedSoundProperty, fromMs: number): AutomationStep[] {
  const sorted = clipEdgesFrom(clips, fromMs);
  const steps: AutomationStep[] = [];
  sorted.forEach((startMs, index) => {
    const endMs = index + 1 < sorted.length ? sorted[index + 1] : undefined;
    const clip = clipAt(clips, startMs);
    const stretch = clip ? clipSteps(property, clip, startMs, endMs) : [{ kind: 'set' as const, atMs: startMs, value: restingValue[property] }];
    for (const step of stretch) {
      const previous = steps.at(-1);
      // A value held on from the stretch before needs no step of its own.
      if (step.kind === 'set' && previous?.kind === 'set' && previous.value === step.value) continue;
      steps.push(step);
    }
  });
  return steps;
}
