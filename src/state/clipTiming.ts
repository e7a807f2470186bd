import type { Animation } from './keyframes';
import type { LookChange } from './layerLook';
import type { ClipFades } from './soundFades';
import type { ClipTransition } from './transitions';

/**
 * Clip timing: where on the timeline each clip of a track plays, and which source time it shows.
 * Times are in ms unless a name says seconds. A clip covers the half-open span
 * [startMs, startMs + outMs - inMs): at its end the next clip (or nothing) is on screen.
 */

/** When a clip plays: `startMs` on the timeline, and the part of the source from `inMs` to `outMs`. */
export interface ClipTiming {
  startMs: number;
  inMs: number;
  /** End of the used part of the source; `undefined` means the end of the media. */
  outMs?: number;
  /** How the layer looks while this clip plays, over the track's look (`layerLook.ts`). */
  look?: LookChange;
  /** How its look and sound change while it plays: keyframes by property, times from its start (`keyframes.ts`). */
  animation?: Animation;
  /** How its sound fades in from its start and out to its end (`soundFades.ts`). */
  fades?: ClipFades;
  /** The transition it comes in by, from a clip of another track (`transitions.ts`): what the timeline draws over its start. */
  transitionIn?: ClipTransition;
  /**
   * How fast it plays its source, from `minClipSpeed` (a quarter) to `maxClipSpeed` (four times);
   * 1 when not given. The clip lasts (outMs - inMs) / speed on the timeline, and at playhead t
   * shows the source at inMs + (t - startMs) x speed.
   */
  speed?: number;
}

export const minClipSpeed = 0.25;
export const maxClipSpeed = 4;

/** A clip's speed: 1 unless it has one. */
export const speedOf = (clip: Pick<ClipTiming, 'speed'>): number => clip.speed ?? 1;

/**
 * Clips that one element plays without a seek: each continues the previous one on the timeline
 * and in the source. A cut between two runs needs a seek, so the next run gets its own element.
 */
export interface ClipRun extends ClipTiming {
  /** Index of the run's first clip in the track's clip list; a stable key while clips stay put. */
  firstClip: number;
}

/**
 * Clips sorted by start, with impossible values (negative, out before in) made harmless. A clip
 * without an out point ends where the media does, once `mediaDurationMs` is known.
 */
export function normalizeClips(clips: Partial<ClipTiming>[], mediaDurationMs?: number): ClipTiming[] {
  // One pass, and a sort only when the clips come out of order: a batch of a thousand tracks
  // normalises twenty thousand clips, nearly always given in order already.
  const normalized: ClipTiming[] = new Array(clips.length);
  let sorted = true;
  for (let index = 0; index < clips.length; index += 1) {
    const clip = clips[index];
    const startMs = Math.max(0, finiteOr(clip.startMs, 0));
    const inMs = Math.max(0, finiteOr(clip.inMs, 0));
    const givenOut = clip.outMs !== undefined && Number.isFinite(clip.outMs) ? clip.outMs : mediaDurationMs;
    normalized[index] = givenOut === undefined ? { startMs, inMs } : { startMs, inMs, outMs: Math.max(inMs, givenOut) };
    if (clip.look) normalized[index].look = clip.look;
    if (clip.animation) normalized[index].animation = clip.animation;
    if (clip.fades) normalized[index].fades = clip.fades;
    if (clip.transitionIn) normalized[index].transitionIn = clip.transitionIn;
    // A speed out of range is brought into it; a speed that is not a number is none.
    if (clip.speed !== undefined && Number.isFinite(clip.speed) && clip.speed !== 1) normalized[index].speed = Math.min(maxClipSpeed, Math.max(minClipSpeed, clip.speed));
    if (index > 0 && startMs < normalized[index - 1].startMs) sorted = false;
  }
  return sorted ? normalized : normalized.sort((a, b) => a.startMs - b.startMs);
}

function finiteOr(value: number | undefined, fallback: number): number {
  return value !== undefined && Number.isFinite(value) ? value : fallback;
}

/** Where on the timeline a clip stops, or `undefined` while its out point is unknown. */
export function clipEndMs(clip: ClipTiming): number | undefined {
  return clip.outMs === undefined ? undefined : clip.startMs + (clip.outMs - clip.inMs) / speedOf(clip);
}

/** Where a clip stops, its media's end (`mediaDurationMs`, when known) standing in for an unknown out point. */
export function clipEndWithin(clip: ClipTiming, mediaDurationMs: number | undefined): number | undefined {
  return clipEndMs(clip) ?? (mediaDurationMs === undefined ? undefined : clip.startMs + (mediaDurationMs - clip.inMs) / speedOf(clip));
}

/** Whether the clip is on screen with the playhead at `playheadMs`. */
export function clipCovers(clip: ClipTiming, playheadMs: number): boolean {
  const end = clipEndMs(clip);
  return playheadMs >= clip.startMs && (end === undefined || playheadMs < end);
}

/**
 * The clip on screen at `playheadMs`, or `undefined` between and outside clips. Where clips
 * overlap, the one that started last wins, as on an editor's track.
 */
export function clipAt<T extends ClipTiming>(clips: readonly T[], playheadMs: number): T | undefined {
  let found: T | undefined;
  for (const clip of clips) if (clipCovers(clip, playheadMs) && (!found || clip.startMs >= found.startMs)) found = clip;
  return found;
}

/** The source time, in seconds, that a clip shows with the playhead at `playheadMs`, kept inside the clip. */
/**
 * Float error: a source time on a frame's first instant, computed from ms, can fall a hair short
 * of the frame's timestamp. A tenth of a millisecond is far below any frame's length, and small
 * enough that a time just before another rate's frame is not taken for it: on a 30 fps timeline a
 * 23.976 fps source's next frame was seen to start 0.125 ms after the playhead's time, which a
 * margin of a whole millisecond showed early. Both renderers read a time with this margin.
 */
export const frameEdgeSeconds = 0.0001;

export function sourceTimeAt(clip: ClipTiming, playheadMs: number): number {
  const unclamped = (playheadMs - clip.startMs) * speedOf(clip) + clip.inMs;
  return Math.min(Math.max(unclamped, clip.inMs), clip.outMs ?? Number.POSITIVE_INFINITY) / 1000;
}

// A track's clips are immutable state: the runs of one clips array never change, and components
// ask for them on every clock tick.
const runsOfClips = new WeakMap<readonly ClipTiming[], ClipRun[]>();

/** Joins clips that continue each other in time and source into runs one element plays through. */
export function clipRuns(clips: readonly ClipTiming[]): ClipRun[] {
  const known = runsOfClips.get(clips);
  if (known) return known;
  const runs = joinRuns(clips);
  runsOfClips.set(clips, runs);
  return runs;
}

function joinRuns(clips: readonly ClipTiming[]): ClipRun[] {
  const runs: ClipRun[] = [];
  clips.forEach((clip, index) => {
    const last = runs.at(-1);
    const lastEnd = last && clipEndMs(last);
    if (last && lastEnd !== undefined && lastEnd === clip.startMs && last.outMs === clip.inMs && speedOf(last) === speedOf(clip)) {
      last.outMs = clip.outMs;
      if (clip.outMs === undefined) delete last.outMs;
      return;
    }
    // A run is timing only: its clips' looks are the plan's to read, clip by clip.
    runs.push({ startMs: clip.startMs, inMs: clip.inMs, ...(clip.outMs === undefined ? {} : { outMs: clip.outMs }), ...(clip.speed === undefined ? {} : { speed: clip.speed }), firstClip: index });
  });
  return runs;
}

/** A span of the timeline that plays one stretch of the source without a cut. */
export interface PlaySpan {
  startMs: number;
  /** Where the span stops on the timeline; `undefined` while its clip's out point is unknown. */
  endMs: number | undefined;
  /** The source time (ms) heard or seen at `startMs`; the source runs on from there. */
  sourceStartMs: number;
  /** Source ms a timeline ms, where not 1 (a clip's speed). */
  speed?: number;
}

/** `fromMs` and every clip start or end after it, in order: the times from which what plays can change. */
export function clipEdgesFrom(clips: readonly ClipTiming[], fromMs: number): number[] {
  const edges = new Set<number>([fromMs]);
  for (const clip of clips) {
    const end = clipEndMs(clip);
    if (clip.startMs > fromMs) edges.add(clip.startMs);
    if (end !== undefined && end > fromMs) edges.add(end);
  }
  return [...edges].sort((a, b) => a - b);
}

/**
 * What a track plays from `playheadMs` on, in timeline order: a span per stretch of the source
 * that runs without a cut (clips that continue each other are one span), the playhead's own
 * clip starting at the playhead. Where clips overlap, the one that started last plays, as
 * `clipAt` says. A sound scheduler reads a span's source from `sourceStartMs` straight through.
 */
export function spansFrom(clips: readonly ClipTiming[], playheadMs: number): PlaySpan[] {
  const runs = clipRuns(clips);
  const sorted = clipEdgesFrom(runs, playheadMs);
  const spans: PlaySpan[] = [];
  let last: { run: ClipRun; span: PlaySpan } | undefined;
  sorted.forEach((fromMs, index) => {
    const run = clipAt(runs, fromMs);
    if (!run) return;
    const toMs = index + 1 < sorted.length ? sorted[index + 1] : clipEndMs(run);
    if (last && last.run === run && last.span.endMs === fromMs) {
      last.span.endMs = toMs;
      return;
    }
    const span: PlaySpan = { startMs: fromMs, endMs: toMs, sourceStartMs: run.inMs + (fromMs - run.startMs) * speedOf(run), ...(run.speed === undefined ? {} : { speed: run.speed }) };
    spans.push(span);
    last = { run, span };
  });
  return spans;
}

/**
 * The runs a track needs an element for: the one on screen; while playing, the next one starting
 * within `aheadMs`, so its first frame is decoded before the cut instead of after it; and the one
 * that ended within `behindMs`, so stepping or scrubbing back a little does not load it again.
 */
export function runsToMount(
  runs: readonly ClipRun[],
  playheadMs: number,
  aheadMs: number,
  behindMs = 0,
): { current: ClipRun | undefined; upcoming: ClipRun | undefined; recent: ClipRun | undefined } {
  const current = clipAt(runs, playheadMs);
  const upcoming = runs.find(
    (run) => run !== current && run.startMs > playheadMs && run.startMs - playheadMs <= aheadMs,
  );
  let recent: ClipRun | undefined;
  for (const run of runs) {
    const end = clipEndMs(run);
    if (run === current || end === undefined || end > playheadMs || playheadMs - end >= behindMs) continue;
    if (!recent || end > (clipEndMs(recent) ?? 0)) recent = run;
  }
  return { current, upcoming, recent };
}

/**
 * The playhead times where what a track needs changes: each clip's start and end, the preroll
 * before a start (`aheadMs`) and the keep-behind after an end (`behindMs`). Sorted, no repeats.
 * Between two edges nothing about loading or mounting changes, so the clock reports the playhead
 * to the store only when it crosses one.
 */
export function playheadEdges(clipLists: readonly (readonly ClipTiming[])[], aheadMs: number, behindMs: number): number[] {
  const edges = new Set<number>();
  for (const clips of clipLists) {
    for (const clip of clips) {
      edges.add(clip.startMs);
      if (aheadMs > 0) edges.add(Math.max(0, clip.startMs - aheadMs));
      const end = clipEndMs(clip);
      if (end === undefined) continue;
      edges.add(end);
      if (behindMs > 0) edges.add(end + behindMs);
    }
  }
  return [...edges].sort((a, b) => a - b);
}

/** The first edge strictly after `ms`, or `undefined` past the last one (binary search). */
export function nextEdgeAfter(edges: readonly number[], ms: number): number | undefined {
  let low = 0;
  let high = edges.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (edges[middle] <= ms) low = middle + 1;
    else high = middle;
  }
  return edges[low];
}
