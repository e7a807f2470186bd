import { clipEndWithin, normalizeClips, speedOf, type ClipTiming } from './clipTiming';
import { animationShifted } from './keyframes';

/**
 * The edits a timeline makes to one track's clips, as pure rules: each takes the clips as they
 * are and gives the clips after, for one `trackClipsChanged` (so an edit is one action, and linked
 * tracks take it together). A clip keeps its look through every edit; both halves of a split
 * keep it. Keyframes stay where they were on the timeline when a start moves under them (a start
 * trim, a split's second half); a split's first half keeps the fade-in, its second the fade-out.
 * A start trimmed, or a second half, loses the mark of the transition it came in by (`transitionIn`).
 *
 * What bounds them: a clip starts at 0 or later, shows its source from 0 to the media's length
 * (`mediaDurationMs`, when known; a clip without an out point is given one from it before a trim)
 * and lasts at least `shortestMs` (a frame, as the timeline passes it).
 */
export interface ClipBounds {
  /** The media's length, when known: no out point past it. */
  mediaDurationMs?: number;
  /** The shortest a trim leaves a clip, in ms (a frame). */
  shortestMs: number;
}

/** The clip's index, or a `RangeError` naming it: an edit of a clip that is not there changes nothing silently. */
function clipAtIndex(clips: readonly ClipTiming[], index: number): ClipTiming {
  const clip = clips[index];
  if (!Number.isInteger(index) || !clip) throw new RangeError(`There is no clip ${index} on this track (it has ${clips.length}).`);
  return clip;
}

function withClip(clips: readonly ClipTiming[], index: number, clip: ClipTiming): ClipTiming[] {
  return normalizeClips(clips.map((other, at) => (at === index ? clip : other)));
}

/** `clip` (a copy, as edits make) with its keyframes replaced, or none. */
function withAnimation(clip: ClipTiming, animation: ClipTiming['animation']): ClipTiming {
  const next = { ...clip };
  delete next.animation;
  if (animation && Object.keys(animation).length > 0) next.animation = animation;
  return next;
}

/** `clip` (a copy, as edits make) with its fades replaced, or none. */
function withFades(clip: ClipTiming, fades: ClipTiming['fades']): ClipTiming {
  const next = { ...clip };
  delete next.fades;
  if (fades) next.fades = fades;
  return next;
}

/** `clip` without the mark of the transition it came in by: its start moved, the transition's keyframes are keyframes like any. */
function withoutTransition(clip: ClipTiming): ClipTiming {
  if (!clip.transitionIn) return clip;
  const next = { ...clip };
  delete next.transitionIn;
  return next;
}

/** Where `clip` ends in its source: its out point, or the media's end when known. */
function sourceEndOf(clip: ClipTiming, bounds: ClipBounds): number | undefined {
  return clip.outMs ?? bounds.mediaDurationMs;
}

/** Clip `index` moved to start at `startMs` (at 0 or later); it shows the same part of its source. */
export function clipMoved(clips: readonly ClipTiming[], index: number, startMs: number): ClipTiming[] {
  const clip = clipAtIndex(clips, index);
  return withClip(clips, index, { ...clip, startMs: Math.max(0, startMs) });
}

/**
 * Clip `index`'s start edge dragged to `atMs` on the timeline: its start and in point move
 * together (the source under the rest of the clip stays where it was), no earlier than the start
 * of its source or of the timeline, and no later than `shortestMs` before its end.
 */
export function clipStartTrimmed(clips: readonly ClipTiming[], index: number, atMs: number, bounds: ClipBounds): ClipTiming[] {
  const clip = clipAtIndex(clips, index);
  const speed = speedOf(clip);
  const sourceEnd = sourceEndOf(clip, bounds);
  const earliest = clip.startMs - Math.min(clip.inMs / speed, clip.startMs);
  const latest = sourceEnd === undefined ? Number.POSITIVE_INFINITY : clip.startMs + (sourceEnd - clip.inMs) / speed - bounds.shortestMs;
  const startMs = Math.min(Math.max(atMs, earliest), Math.max(earliest, latest));
  const inMs = clip.inMs + (startMs - clip.startMs) * speed;
  return withClip(clips, index, withoutTransition(withAnimation({ ...clip, startMs, inMs, ...(sourceEnd === undefined ? {} : { outMs: sourceEnd }) }, animationShifted(clip.animation, startMs - clip.startMs))));
}

/**
 * Clip `index`'s end edge dragged to `atMs` on the timeline: its out point follows, no further
 * than the media's end and no nearer its start than `shortestMs`.
 */
export function clipEndTrimmed(clips: readonly ClipTiming[], index: number, atMs: number, bounds: ClipBounds): ClipTiming[] {
  const clip = clipAtIndex(clips, index);
  const speed = speedOf(clip);
  const longest = bounds.mediaDurationMs === undefined ? Number.POSITIVE_INFINITY : (bounds.mediaDurationMs - clip.inMs) / speed;
  const length = Math.min(Math.max(atMs - clip.startMs, bounds.shortestMs), Math.max(bounds.shortestMs, longest));
  return withClip(clips, index, { ...clip, outMs: clip.inMs + length * speed });
}

/**
 * The clip under `atMs` cut in two there: the first part ends at it, the second starts at it and
 * shows the source from where the first left off. Undefined where no clip is under it, or where
 * either part would be shorter than `shortestMs` (nothing to split).
 */
export function clipsSplitAt(clips: readonly ClipTiming[], atMs: number, bounds: ClipBounds): ClipTiming[] | undefined {
  // Where clips overlap, the one on screen (the last to start) is cut, as `clipAt` picks it.
  let index = -1;
  clips.forEach((clip, at) => {
    const end = clipEndWithin(clip, bounds.mediaDurationMs);
    if (atMs >= clip.startMs && (end === undefined || atMs < end) && (index < 0 || clip.startMs >= clips[index].startMs)) index = at;
  });
  if (index < 0) return undefined;
  const clip = clips[index];
  const speed = speedOf(clip);
  const sourceEnd = sourceEndOf(clip, bounds);
  const cutIn = clip.inMs + (atMs - clip.startMs) * speed;
  if (atMs - clip.startMs < bounds.shortestMs || (sourceEnd !== undefined && (sourceEnd - cutIn) / speed < bounds.shortestMs)) return undefined;
  const first: ClipTiming = withFades({ ...clip, outMs: cutIn }, clip.fades?.in && { in: clip.fades.in });
  // The second part ends where the clip did (at the media's end, for a clip without an out point).
  const second: ClipTiming = withoutTransition(withAnimation(withFades({ ...clip, startMs: atMs, inMs: cutIn }, clip.fades?.out && { out: clip.fades.out }), animationShifted(clip.animation, atMs - clip.startMs)));
  return normalizeClips([...clips.slice(0, index), first, second, ...clips.slice(index + 1)]);
}

/**
 * Clip `index` taken out. With `ripple`, the clips that start after it move earlier by its length
 * (closing the gap, as an editor's ripple delete does); without, they stay where they are.
 */
export function clipRemoved(clips: readonly ClipTiming[], index: number, ripple: boolean, bounds: ClipBounds): ClipTiming[] {
  const clip = clipAtIndex(clips, index);
  const end = clipEndWithin(clip, bounds.mediaDurationMs);
  const gap = ripple && end !== undefined ? end - clip.startMs : 0;
  return normalizeClips(
    clips.filter((_, at) => at !== index).map((other) => (gap > 0 && other.startMs >= clip.startMs ? { ...other, startMs: Math.max(0, other.startMs - gap) } : other)),
  );
}

/**
 * `ms` pulled onto the nearest of `targets` (clip edges, the playhead, marks) within `withinMs`,
 * else left where it is: what a timeline's snapping does to a dragged edge or clip.
 */
export function snappedTime(ms: number, targets: readonly number[], withinMs: number): number {
  let best = ms;
  let bestDistance = withinMs;
  for (const target of targets) {
    const distance = Math.abs(target - ms);
    if (distance <= bestDistance) {
      best = target;
      bestDistance = distance;
    }
  }
  return best;
}
