import { clipEndMs, speedOf, type ClipTiming } from './clipTiming';
import { checkEasing, valueAt, type AnimatedLookProperty, type Animation, type Easing, type Keyframe } from './keyframes';
import { LookError, resolveLook, type LayerLook, type LookChange } from './layerLook';

/**
 * Transitions between two clips on two tracks that overlap in time: the outgoing clip's picture
 * gives way to the incoming one's over the overlap, drawn as keyframes of the two clips' looks
 * (so both renderers and the export draw a transition exactly as they draw any keyframe, frame by
 * frame), and their sound crosses by fades. Pure: `transitionAdded` applies what `transitionEdits`
 * gives. A transition between two clips of one track (both pictures of one layer at once) is not
 * drawn by the renderers yet; it is refused with a reason.
 */

/**
 * - `cross-dissolve`: the upper picture fades in (or, the outgoing being above, out);
 * - `dip`: the outgoing fades out over the first half, the incoming in over the second, through
 *   what lies under both (the composition's background, or a colour track put there);
 * - `wipe`: an edge crosses the picture from the side given, the incoming revealed behind it
 *   (a hard edge: the look has no soft mask);
 * - `slide`: the incoming slides in by its own width or height from the side given, over the
 *   outgoing (or, the outgoing being above, the outgoing slides away, uncovering it);
 * - `push`: the incoming slides in and pushes the outgoing out the other side.
 */
export const transitionKinds = ['cross-dissolve', 'dip', 'wipe', 'slide', 'push'] as const;
export type TransitionKind = (typeof transitionKinds)[number];

export const transitionSides = ['left', 'right', 'top', 'bottom'] as const;
export type TransitionSide = (typeof transitionSides)[number];

export interface Transition {
  kind: TransitionKind;
  /** How long the change takes, from the incoming clip's start, in ms. */
  durationMs: number;
  /** How the change travels; `linear` for a dissolve or dip, `ease-in-out` for the others, when not given. */
  easing?: Easing;
  /** A wipe's, slide's or push's side the incoming picture comes in from; `left` when not given. */
  from?: TransitionSide;
  /**
   * The two clips' sound: `cross-fade` (the default) fades the outgoing out and the incoming in
   * over the transition, equal power; `keep` leaves both as they are (both heard through it: a
   * host that wants a cut trims the sound clips).
   */
  sound?: 'cross-fade' | 'keep';
}

/** A transition as the incoming clip keeps it, for the timeline to draw and a document to save: which track it comes from. */
export interface ClipTransition extends Transition {
  fromTrackId: string;
}

/** What a track gives a transition: its box and look (its resolved look is each clip's base) and its clips. */
export interface TransitionTrack {
  id: string;
  /** An audio track's clips take only the sound's cross-fade: they have no look to change. */
  kind: string;
  layout: { x: number; y: number; width: number; height: number; order: number };
  look?: LookChange;
  clips: readonly ClipTiming[];
}

/** Throws a `LookError` naming the field (`transition.durationMs`) of a transition no clips could have. */
export function checkTransition(transition: Transition): void {
  if (typeof transition !== 'object' || transition === null) throw new LookError('transition', 'is not a transition ({ kind, durationMs, ... })');
  if (!(transitionKinds as readonly string[]).includes(transition.kind)) {
    throw new LookError('transition.kind', `"${String(transition.kind)}" is not one of ${transitionKinds.join(', ')}`);
  }
  if (typeof transition.durationMs !== 'number' || !Number.isFinite(transition.durationMs) || transition.durationMs <= 0) {
    throw new LookError('transition.durationMs', `${String(transition.durationMs)} is not a length in ms above 0`);
  }
  if (transition.from !== undefined && !(transitionSides as readonly string[]).includes(transition.from)) {
    throw new LookError('transition.from', `"${String(transition.from)}" is not one of ${transitionSides.join(', ')}`);
  }
  if (transition.sound !== undefined && transition.sound !== 'cross-fade' && transition.sound !== 'keep') {
    throw new LookError('transition.sound', `"${String(transition.sound)}" is not cross-fade or keep`);
  }
  checkEasing('transition.easing', transition.easing);
}

/** A property's value in a look: `look.scale.x` for `scale.x`. */
function lookValue(look: LayerLook, property: AnimatedLookProperty): number {
  const [group, field] = property.split('.') as [keyof LayerLook, string | undefined];
  const part = look[group];
  return field === undefined ? (part as number) : (part as unknown as Record<string, number>)[field];
}

/** The property's value at `clipMs` as the clip has it before the transition: its keyframes, else its look. */
function valueBefore(clip: ClipTiming, look: LayerLook, property: AnimatedLookProperty, clipMs: number): number {
  const keyframes = clip.animation?.[property];
  return keyframes?.length ? valueAt(keyframes, clipMs) : lookValue(look, property);
}

/**
 * `animation` with `property` following `path` (keyframes in clip ms) over its span: keyframes
 * inside the span go, those before it stay; those after it stay too unless `lastOfClip` (an
 * outgoing picture that is gone for good after it).
 */
function withPath(animation: Animation | undefined, property: AnimatedLookProperty, path: Keyframe[], lastOfClip: boolean): Animation {
  const from = path[0].atMs;
  const to = path[path.length - 1].atMs;
  const existing = animation?.[property] ?? [];
  const before = existing.filter((keyframe) => keyframe.atMs < from);
  const after = lastOfClip ? [] : existing.filter((keyframe) => keyframe.atMs > to);
  return { ...animation, [property]: [...before, ...path, ...after] };
}

/** The crop side a wipe from `side` animates on the incoming picture (its far side, shrinking to nothing). */
const revealedBy: Record<TransitionSide, AnimatedLookProperty> = { left: 'crop.right', right: 'crop.left', top: 'crop.bottom', bottom: 'crop.top' };
/** The crop side a wipe from `side` animates on the outgoing picture (its near side, growing over it). */
const wipedBy: Record<TransitionSide, AnimatedLookProperty> = { left: 'crop.left', right: 'crop.right', top: 'crop.top', bottom: 'crop.bottom' };
// The largest crop the look allows leaves a sliver: as near to nothing as a layer can be.
const wholeCrop = 0.999;

/**
 * The two tracks' clips with `transition` drawn from clip `fromIndex` of `from` into clip
 * `toIndex` of `to`: the incoming clip must start inside the outgoing one, which must last at
 * least the transition past that start; it is trimmed to end where the transition does (the
 * picture is gone by then). Throws a `LookError` naming what does not fit, and changes nothing.
 */
export function transitionEdits(
  from: TransitionTrack,
  fromIndex: number,
  to: TransitionTrack,
  toIndex: number,
  transition: Transition,
): { fromClips: ClipTiming[]; toClips: ClipTiming[] } {
  checkTransition(transition);
  if (from.id === to.id) throw new LookError('to.id', 'is the outgoing clip\'s own track: a transition between two clips of one track is not drawn yet; put the incoming clip on a track of its own');
  const outgoing = from.clips[fromIndex];
  const incoming = to.clips[toIndex];
  if (!outgoing) throw new LookError('from.clip', `there is no clip ${fromIndex} on track ${from.id}`);
  if (!incoming) throw new LookError('to.clip', `there is no clip ${toIndex} on track ${to.id}`);
  const duration = transition.durationMs;
  const overlapFrom = incoming.startMs - outgoing.startMs;
  const outgoingEnd = clipEndMs(outgoing);
  if (overlapFrom < 0 || (outgoingEnd !== undefined && incoming.startMs >= outgoingEnd)) {
    throw new LookError('to.clip', `starts at ${incoming.startMs} ms, outside the outgoing clip (${outgoing.startMs} to ${outgoingEnd ?? 'its media\'s end'} ms)`);
  }
  const transitionEnd = incoming.startMs + duration;
  if (outgoingEnd !== undefined && outgoingEnd < transitionEnd) {
    throw new LookError('transition.durationMs', `${duration} ms is longer than the clips overlap (${outgoingEnd - incoming.startMs} ms)`);
  }
  const incomingEnd = clipEndMs(incoming);
  if (incomingEnd !== undefined && incomingEnd < transitionEnd) {
    throw new LookError('transition.durationMs', `${duration} ms is longer than the incoming clip (${incomingEnd - incoming.startMs} ms)`);
  }

  const outLook = resolveLook(from.layout, from.look, outgoing.look);
  const inLook = resolveLook(to.layout, to.look, incoming.look);
  const moving = transition.kind === 'wipe' || transition.kind === 'slide' || transition.kind === 'push';
  const easing: Easing = transition.easing ?? (moving ? 'ease-in-out' : 'linear');
  const side = transition.from ?? 'left';
  const incomingAbove = to.layout.order > from.layout.order;
  // The outgoing clip's span, in its own ms; the incoming's is [0, duration].
  const a = overlapFrom;
  const b = overlapFrom + duration;
  let outAnimation = outgoing.animation;
  let inAnimation = incoming.animation;
  const outPath = (property: AnimatedLookProperty, end: number, until = b) => {
    outAnimation = withPath(outAnimation, property, [{ atMs: a, value: valueBefore(outgoing, outLook, property, a), easing }, { atMs: until, value: end }], true);
  };
  const inPath = (property: AnimatedLookProperty, start: number, from = 0) => {
    const path: Keyframe[] = from > 0 ? [{ atMs: 0, value: start, easing: 'hold' }] : [];
    path.push({ atMs: from, value: start, easing }, { atMs: duration, value: valueBefore(incoming, inLook, property, duration) });
    inAnimation = withPath(inAnimation, property, path, false);
  };
  const along = side === 'left' || side === 'right' ? 'x' : 'y';
  const extent = (look: LayerLook) => (along === 'x' ? look.width : look.height);
  const sign = side === 'left' || side === 'top' ? -1 : 1;

  const pictures = from.kind !== 'audio' && to.kind !== 'audio';
  switch (pictures ? transition.kind : undefined) {
    case 'cross-dissolve':
      if (incomingAbove) inPath('opacity', 0);
      else outPath('opacity', 0);
      break;
    case 'dip':
      outPath('opacity', 0, a + duration / 2);
      inPath('opacity', 0, duration / 2);
      break;
    case 'wipe':
      if (incomingAbove) inPath(revealedBy[side], wholeCrop);
      else outPath(wipedBy[side], wholeCrop);
      break;
    case 'slide':
      if (incomingAbove) inPath(along, valueBefore(incoming, inLook, along, 0) + sign * extent(inLook));
      else outPath(along, valueBefore(outgoing, outLook, along, a) - sign * extent(outLook));
      break;
    case 'push':
      inPath(along, valueBefore(incoming, inLook, along, 0) + sign * extent(inLook));
      outPath(along, valueBefore(outgoing, outLook, along, a) - sign * extent(outLook));
      break;
  }

  const crossFade = (transition.sound ?? 'cross-fade') === 'cross-fade';
  const fromClip: ClipTiming = {
    ...outgoing,
    // Trimmed to end with the transition: the picture is gone, and its sound fades out by then.
    outMs: outgoing.inMs + (transitionEnd - outgoing.startMs) * speedOf(outgoing),
    ...(outAnimation ? { animation: outAnimation } : {}),
    ...(crossFade ? { fades: { ...outgoing.fades, out: { durationMs: duration, curve: 'equal-power' as const } } } : {}),
  };
  const toClip: ClipTiming = {
    ...incoming,
    ...(inAnimation ? { animation: inAnimation } : {}),
    ...(crossFade ? { fades: { ...incoming.fades, in: { durationMs: duration, curve: 'equal-power' as const } } } : {}),
    transitionIn: { ...transition, fromTrackId: from.id },
  };
  return {
    fromClips: from.clips.map((clip, index) => (index === fromIndex ? fromClip : clip)),
    toClips: to.clips.map((clip, index) => (index === toIndex ? toClip : clip)),
  };
}
