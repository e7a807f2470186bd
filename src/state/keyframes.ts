import bezier from 'bezier-easing';
import { checkLook, LookError, type LayerLook, type LookChange } from './layerLook';
import { maxVolumeDb, minVolumeDb } from './mixerSlice';

/**
 * Keyframes: how a clip's look and sound change over its life. A property with keyframes takes
 * its value from them wherever the clip plays (its static value in the look is not used then), as
 * in After Effects or Premiere: before the first keyframe the first value holds, after the last the
 * last. Times are in ms from the clip's start on the timeline, so a clip moved keeps its animation.
 * Each keyframe says how the value travels to the next
 * one (`easing`): held, linear, or along a CSS-style cubic Bézier (the named easings are CSS's).
 * Pure: the composite plan evaluates an animation at the time of the frame being drawn.
 */

/** The named easings, with CSS's curves (`ease-in` is `cubic-bezier(0.42, 0, 1, 1)`, ...). */
export const namedEasings = ['hold', 'linear', 'ease-in', 'ease-out', 'ease-in-out'] as const;
export type NamedEasing = (typeof namedEasings)[number];

/** How a value travels from one keyframe to the next: a named easing or a cubic Bézier's control points. */
export type Easing = NamedEasing | { cubicBezier: [x1: number, y1: number, x2: number, y2: number] };

export interface Keyframe {
  /** When, in ms from the clip's start on the timeline. */
  atMs: number;
  value: number;
  /** How the value moves from here to the next keyframe; `linear` when not given. */
  easing?: Easing;
}

/** The look's numeric fields that keyframes can move. */
export const animatedLookProperties = [
  'x',
  'y',
  'width',
  'height',
  'anchor.x',
  'anchor.y',
  'scale.x',
  'scale.y',
  'rotation',
  'crop.top',
  'crop.right',
  'crop.bottom',
  'crop.left',
  'opacity',
] as const;
export type AnimatedLookProperty = (typeof animatedLookProperties)[number];

/** The clip's sound that keyframes can move: its level in dB (over the track's fader, in the fader's range) and its pan. */
export const animatedSoundProperties = ['volumeDb', 'pan'] as const;
export type AnimatedSoundProperty = (typeof animatedSoundProperties)[number];

export type AnimatedProperty = AnimatedLookProperty | AnimatedSoundProperty;

/** A clip's keyframes, by property; each list sorted by time, no two at one time. */
export type Animation = Partial<Record<AnimatedProperty, Keyframe[]>>;

const curves: Record<Exclude<NamedEasing, 'hold' | 'linear'>, readonly [number, number, number, number]> = {
  'ease-in': [0.42, 0, 1, 1],
  'ease-out': [0, 0, 0.58, 1],
  'ease-in-out': [0.42, 0, 0.58, 1],
};

const linear = (progress: number) => progress;
const held = () => 0;
// One solver a curve: `bezier-easing` precomputes a table of samples for each.
const solved = new Map<string, (progress: number) => number>();

/** The easing as a function from progress (0..1) through the segment to progress of the value. */
export function easingFunction(easing: Easing = 'linear'): (progress: number) => number {
  if (easing === 'linear') return linear;
  if (easing === 'hold') return held;
  const points = typeof easing === 'string' ? curves[easing] : easing.cubicBezier;
  const key = points.join(',');
  let curve = solved.get(key);
  if (!curve) {
    curve = bezier(...points);
    solved.set(key, curve);
  }
  return curve;
}

/** The value keyframes give at `atMs` (ms from the clip's start); they must be sorted by time. */
export function valueAt(keyframes: readonly Keyframe[], atMs: number): number {
  if (keyframes.length === 0) throw new RangeError('no keyframes to read a value from');
  if (atMs <= keyframes[0].atMs) return keyframes[0].value;
  const last = keyframes[keyframes.length - 1];
  if (atMs >= last.atMs) return last.value;
  // The segment holding `atMs`: the last keyframe at or before it (a few keyframes a property; a
  // binary search would pay only for hundreds).
  let index = 0;
  while (keyframes[index + 1].atMs <= atMs) index += 1;
  const from = keyframes[index];
  const to = keyframes[index + 1];
  const progress = (atMs - from.atMs) / (to.atMs - from.atMs);
  return from.value + (to.value - from.value) * easingFunction(from.easing)(progress);
}

/**
 * The animation of a clip whose start moved `byMs` later on the timeline while what it plays
 * stayed put (a start trimmed, the second half of a split): every keyframe keeps its place on the
 * timeline, so its time from the clip's start drops by `byMs`. Keyframes that fall before the new
 * start go; where one did, a keyframe at 0 holds the value there, easing on to the next as the
 * dropped one did (exact for hold and linear; a Bézier's remainder is redrawn from 0).
 */
export function animationShifted(animation: Animation | undefined, byMs: number): Animation | undefined {
  if (!animation || byMs === 0) return animation;
  const shifted: Animation = {};
  for (const [property, keyframes] of Object.entries(animation) as [AnimatedProperty, Keyframe[] | undefined][]) {
    if (!keyframes?.length) continue;
    const kept = keyframes.filter((keyframe) => keyframe.atMs - byMs > 0).map((keyframe) => ({ ...keyframe, atMs: keyframe.atMs - byMs }));
    const cutAt = keyframes.findLastIndex((keyframe) => keyframe.atMs - byMs <= 0);
    if (cutAt >= 0) {
      const { easing } = keyframes[cutAt];
      kept.unshift({ atMs: 0, value: valueAt(keyframes, byMs), ...(easing === undefined ? {} : { easing }) });
    }
    shifted[property] = kept;
  }
  return shifted;
}

/** The animated look properties a look change sets, with their values: `{ scale: { x: 2 } }` gives `{ 'scale.x': 2 }`. */
export function animatedValuesOf(change: LookChange): Partial<Record<AnimatedLookProperty, number>> {
  const values: Partial<Record<AnimatedLookProperty, number>> = {};
  for (const property of animatedLookProperties) {
    const [group, field] = property.split('.') as [keyof LookChange, string | undefined];
    const part = change[group];
    const value = field === undefined ? part : (part as Record<string, unknown> | undefined)?.[field];
    if (typeof value === 'number') values[property] = value;
  }
  return values;
}

/**
 * Each property of `values` with a keyframe at `atMs` (ms from the clip's start) holding it: the
 * keyframe there replaced, or one put in, easing on to the next as the segment it lands in did
 * (linear where it lands after the last). Only the properties given, as `clipAnimationChanged`
 * takes them; a property without keyframes gets its first.
 */
export function keyframesSetAt(animation: Animation | undefined, atMs: number, values: Partial<Record<AnimatedProperty, number>>): Animation {
  const set: Animation = {};
  for (const [property, value] of Object.entries(values) as [AnimatedProperty, number][]) {
    const keyframes = animation?.[property] ?? [];
    const at = keyframes.findIndex((keyframe) => keyframe.atMs === atMs);
    if (at >= 0) {
      set[property] = keyframes.map((keyframe, index) => (index === at ? { ...keyframe, value } : keyframe));
      continue;
    }
    const before = keyframes.findLastIndex((keyframe) => keyframe.atMs < atMs);
    const easing = before >= 0 && before < keyframes.length - 1 ? keyframes[before].easing : undefined;
    const added: Keyframe = easing === undefined ? { atMs, value } : { atMs, value, easing };
    set[property] = [...keyframes.slice(0, before + 1), added, ...keyframes.slice(before + 1)];
  }
  return set;
}

/** Whether any look property of the animation has keyframes. */
export function animatesLook(animation: Animation | undefined): boolean {
  return animation !== undefined && animatedLookProperties.some((property) => (animation[property]?.length ?? 0) > 0);
}

/** The look change one property's value makes: `{ scale: { x: 2 } }` for `scale.x`. */
function lookChangeOf(property: AnimatedLookProperty, value: number): LookChange {
  const [group, field] = property.split('.') as [string, string | undefined];
  return (field === undefined ? { [group]: value } : { [group]: { [field]: value } }) as LookChange;
}

// Two insets animated apart may meet between their keyframes: the picture keeps a sliver.
const largestCrop = 0.999;

/**
 * The look at `clipMs` (ms from the clip's start): every animated property's value from its
 * keyframes over `look`. Unanimated properties are `look`'s own; the look comes back unchanged
 * (the same object) when nothing is animated.
 */
export function animatedLook(look: LayerLook, animation: Animation | undefined, clipMs: number): LayerLook {
  if (!animatesLook(animation)) return look;
  const next: LayerLook = { ...look, anchor: { ...look.anchor }, scale: { ...look.scale }, crop: { ...look.crop } };
  for (const property of animatedLookProperties) {
    const keyframes = animation?.[property];
    if (!keyframes?.length) continue;
    const value = valueAt(keyframes, clipMs);
    const [group, field] = property.split('.') as [keyof LayerLook, string | undefined];
    if (field === undefined) (next as unknown as Record<string, number>)[group] = value;
    else (next[group] as unknown as Record<string, number>)[field] = value;
  }
  // An easing may overshoot (a Bézier's y beyond 0..1): opacity stays a fraction, sizes positive.
  next.opacity = Math.min(1, Math.max(0, next.opacity));
  next.width = Math.max(0, next.width);
  next.height = Math.max(0, next.height);
  for (const [a, b] of [
    ['left', 'right'],
    ['top', 'bottom'],
  ] as const) {
    next.crop[a] = Math.min(largestCrop, Math.max(0, next.crop[a]));
    next.crop[b] = Math.min(largestCrop, Math.max(0, next.crop[b]));
    const sum = next.crop[a] + next.crop[b];
    if (sum > largestCrop) {
      next.crop[a] *= largestCrop / sum;
      next.crop[b] *= largestCrop / sum;
    }
  }
  return next;
}

/** A keyframe the kit refuses: a `LookError` whose field names the property and the keyframe (`opacity[1].value`). */
const keyframeError = (property: string, index: number, part: string, message: string) => new LookError(`animation.${property}[${index}].${part}`, message);

/**
 * Throws a `LookError` naming `field` for an easing that is not one: an unknown name, or a cubic
 * Bézier that is not four finite numbers or not a function of time.
 */
export function checkEasing(field: string, easing: unknown): void {
  if (easing === undefined) return;
  if (typeof easing === 'string') {
    if (!(namedEasings as readonly string[]).includes(easing)) throw new LookError(field, `"${easing}" is not one of ${namedEasings.join(', ')} or a cubicBezier`);
    return;
  }
  const points = (easing as { cubicBezier?: unknown }).cubicBezier;
  if (!Array.isArray(points) || points.length !== 4 || !points.every((point) => typeof point === 'number' && Number.isFinite(point))) {
    throw new LookError(field, 'a cubicBezier is four finite numbers [x1, y1, x2, y2]');
  }
  // The curve must be a function of time: its control points' x inside 0..1, as CSS requires.
  if (points[0] < 0 || points[0] > 1 || points[2] < 0 || points[2] > 1) throw new LookError(field, `cubicBezier x1 and x2 must be from 0 to 1 (got ${points[0]} and ${points[2]})`);
}

function checkSoundValue(property: AnimatedSoundProperty, index: number, value: number): void {
  const [min, max] = property === 'pan' ? [-1, 1] : [minVolumeDb, maxVolumeDb];
  if (value < min || value > max) throw keyframeError(property, index, 'value', `${value} is not from ${min} to ${max}`);
}

/**
 * Throws a `LookError` for the first keyframe no clip could have: an unknown property, a time or
 * value that is not a finite number, a time before the clip's start, keyframes out of time order
 * or two at one time, a value the property cannot take (the look's own rules: an opacity outside
 * 0-1, a negative size, a crop that leaves nothing; a pan outside -1..1, a level outside the
 * fader's -60..+6 dB), an unknown easing or a cubic Bézier that is not a function of time.
 */
export function checkAnimation(animation: Animation): void {
  for (const [property, keyframes] of Object.entries(animation) as [string, readonly Keyframe[] | undefined][]) {
    const isLook = (animatedLookProperties as readonly string[]).includes(property);
    if (!isLook && !(animatedSoundProperties as readonly string[]).includes(property)) {
      throw new LookError(`animation.${property}`, `is not a property keyframes can move (${[...animatedLookProperties, ...animatedSoundProperties].join(', ')})`);
    }
    if (keyframes === undefined) continue;
    if (!Array.isArray(keyframes)) throw new LookError(`animation.${property}`, 'is not a list of keyframes');
    keyframes.forEach((keyframe: Keyframe, index) => {
      if (typeof keyframe.atMs !== 'number' || !Number.isFinite(keyframe.atMs)) throw keyframeError(property, index, 'atMs', `${String(keyframe.atMs)} is not a finite number`);
      if (keyframe.atMs < 0) throw keyframeError(property, index, 'atMs', `${keyframe.atMs} is before the clip's start`);
      if (index > 0 && keyframe.atMs <= keyframes[index - 1].atMs) throw keyframeError(property, index, 'atMs', `${keyframe.atMs} is not after the keyframe before it (${keyframes[index - 1].atMs})`);
      if (typeof keyframe.value !== 'number' || !Number.isFinite(keyframe.value)) throw keyframeError(property, index, 'value', `${String(keyframe.value)} is not a finite number`);
      if (isLook) {
        try {
          checkLook(lookChangeOf(property as AnimatedLookProperty, keyframe.value));
        } catch (error) {
          throw error instanceof LookError ? keyframeError(property, index, 'value', error.message.slice(error.field.length + 2)) : error;
        }
      } else checkSoundValue(property as AnimatedSoundProperty, index, keyframe.value);
      checkEasing(`animation.${property}[${index}].easing`, keyframe.easing);
    });
  }
}
