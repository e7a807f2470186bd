import { animatedLookProperties, animatedSoundProperties, clipSoundValueAt, fadeSpans, gainOfDb, maxVolumeDb, type AnimatedProperty, type ClipTiming } from '../state';

/**
 * What a timeline draws of a clip's changes over its life, as geometry in fractions of the clip's
 * box (x 0..1 from its start, y 0..1 from its top). Pure; `ClipAutomation` draws it.
 */

/** Keyframes at one time of a clip: where they sit along it and which properties they set. */
export interface KeyframeMark {
  atMs: number;
  x: number;
  properties: AnimatedProperty[];
}

const allProperties: readonly AnimatedProperty[] = [...animatedLookProperties, ...animatedSoundProperties];

/** The clip's keyframes, one mark per time (properties in the kit's order), inside the clip's length. */
export function keyframeMarks(clip: ClipTiming, lengthMs: number): KeyframeMark[] {
  const byTime = new Map<number, AnimatedProperty[]>();
  for (const property of allProperties) {
    for (const keyframe of clip.animation?.[property] ?? []) {
      if (keyframe.atMs > lengthMs) continue;
      byTime.set(keyframe.atMs, [...(byTime.get(keyframe.atMs) ?? []), property]);
    }
  }
  return [...byTime.entries()].sort(([a], [b]) => a - b).map(([atMs, properties]) => ({ atMs, x: lengthMs > 0 ? atMs / lengthMs : 0, properties }));
}

// The line's height is the fader's range of gain: +6 dB at the top, silence at the bottom.
const topGain = gainOfDb(maxVolumeDb);

/** Columns the level line is sampled at across a clip, besides its keyframes and fade edges. */
const lineSamples = 96;

/**
 * The clip's level as a line (its volume keyframes times its fades, what the sound player
 * schedules) and each fade's stretch as an area above the line, shaded on the waveform: points as
 * [x, y] fractions, y 0 at +6 dB and 1 at silence. No line for a clip whose level never moves.
 */
export function levelShape(clip: ClipTiming, lengthMs: number): { line: [number, number][]; fades: [number, number][][] } {
  const fades = fadeSpans(clip.fades, lengthMs);
  const keyframes = clip.animation?.volumeDb ?? [];
  if (!(lengthMs > 0) || (fades.length === 0 && keyframes.length === 0)) return { line: [], fades: [] };
  const pointAt = (clipMs: number): [number, number] => [clipMs / lengthMs, 1 - Math.min(1, clipSoundValueAt(clip, 'volumeDb', clipMs) / topGain)];
  const times = new Set<number>(Array.from({ length: lineSamples + 1 }, (_, step) => (lengthMs * step) / lineSamples));
  for (const keyframe of keyframes) if (keyframe.atMs <= lengthMs) times.add(keyframe.atMs);
  for (const fade of fades) {
    times.add(fade.fromMs);
    times.add(fade.toMs);
  }
  const sorted = [...times].sort((a, b) => a - b);
  const line = sorted.map(pointAt);
  const fadeAreas = fades.map((fade) => {
    const along = sorted.filter((ms) => ms >= fade.fromMs && ms <= fade.toMs).map(pointAt);
    return [[fade.fromMs / lengthMs, 0], ...along, [fade.toMs / lengthMs, 0]] as [number, number][];
  });
  return { line, fades: fadeAreas };
}
