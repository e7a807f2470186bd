import { useCallback, useEffect, useMemo, useRef, useState, type HTMLAttributes, type KeyboardEvent, type PointerEvent, type RefCallback } from 'react';
import {
  animatedValuesOf,
  clipAnimationChanged,
  clipAt,
  clipLookChanged,
  keyframesSetAt,
  layerAt,
  lookPreviewed,
  mergeLook,
  movedLook,
  normalDegrees,
  planTrackLayer,
  clipMotion,
  animatesLook,
  rotatedLook,
  scaledLook,
  selectClipAtPlayhead,
  selectCompositePlan,
  selectLoadState,
  selectPlayheadMs,
  selectSeenTracksInPaintOrder,
  selectSelectedTrackId,
  selectTrackById,
  trackLookChanged,
  trackSelected,
  useCompositorDispatch,
  useCompositorSelector,
  useCompositorStore,
  type AnimatedLookProperty,
  type Animation,
  type CompositorDispatch,
  type LookChange,
  type PlannedLayer,
  type Point,
  type Track,
} from '../state';

/** The handles a selected layer has: its body (move), four corners (scale) and a rotation handle. */
export const handleKinds = ['move', 'top-left', 'top-right', 'bottom-right', 'bottom-left', 'rotate'] as const;
export type HandleKind = (typeof handleKinds)[number];

export interface LayerHandlesOptions {
  /** The composition's size, in the pixels of track layouts (as given to `CompositeView`). */
  width: number;
  height: number;
  /** How near, in screen pixels, a moved layer's edge or centre comes to the composite's edges or centre to catch. 0: no snapping. Default 8. */
  snapPx?: number;
  /** Off: no handles, nothing selected through them, and nothing read from the store. Default on. */
  enabled?: boolean;
}

export interface LayerHandlesState {
  /** The selected layer as the composite plan draws it, with its track; undefined when none is selected or it is not drawn. */
  selected: { track: Track; layer: PlannedLayer } | undefined;
  /** The gesture under way, if any. */
  gesture: HandleKind | undefined;
  /** Spread on the element the composite is drawn in (it must hold the handles): a press selects the topmost layer under it and drags it. */
  regionProps: HTMLAttributes<HTMLElement> & { ref: RefCallback<HTMLElement> };
  /** Spread on one handle: its role, name, keyboard and what a press on it does. */
  handleProps(kind: HandleKind): HTMLAttributes<HTMLElement> & { 'data-handle': HandleKind; ref?: RefCallback<HTMLElement> };
}

/** What a handle does, for its accessible name. */
const handleNames: Record<HandleKind, (name: string) => string> = {
  move: (name) => `Move ${name}`,
  'top-left': (name) => `Scale ${name} from its top-left corner`,
  'top-right': (name) => `Scale ${name} from its top-right corner`,
  'bottom-right': (name) => `Scale ${name} from its bottom-right corner`,
  'bottom-left': (name) => `Scale ${name} from its bottom-left corner`,
  rotate: (name) => `Rotate ${name}`,
};

/** Which look a gesture changes: the clip's under the playhead where it sets where the layer sits, else the track's. */
interface LookTarget {
  trackId: string;
  clip: number | undefined;
  /** The look it began with, as set (not resolved): what a cancelled gesture puts back. */
  before: LookChange | undefined;
}

function lookTarget(track: Track, playheadMs: number): LookTarget {
  const clip = clipAt(track.clips, playheadMs);
  const own = clip?.look;
  if (clip && own && (own.x !== undefined || own.y !== undefined || own.scale || own.rotation !== undefined)) {
    return { trackId: track.id, clip: track.clips.indexOf(clip), before: own };
  }
  return { trackId: track.id, clip: undefined, before: track.look };
}

/** The look properties each handle moves. */
const scaleProperties: AnimatedLookProperty[] = ['scale.x', 'scale.y'];
const movedBy: Record<HandleKind, AnimatedLookProperty[]> = {
  move: ['x', 'y'],
  rotate: ['rotation'],
  'top-left': scaleProperties,
  'top-right': scaleProperties,
  'bottom-right': scaleProperties,
  'bottom-left': scaleProperties,
};

/**
 * Where a gesture sets keyframes instead of a look: on the clip under the playhead when it has
 * keyframes of anything the handle moves (its look there would be overridden by them), at the
 * playhead's time in the clip, as an animation tool does with its stopwatch on.
 */
interface KeyframeTarget {
  clip: number;
  atMs: number;
  /** The clip's look and keyframes as they were: what a cancelled gesture puts back. */
  look: LookChange | undefined;
  before: Animation;
}

function keyframeTarget(track: Track, playheadMs: number, kind: HandleKind): KeyframeTarget | undefined {
  const clip = clipAt(track.clips, playheadMs);
  const animation = clip?.animation;
  if (!clip || !animation || !movedBy[kind].some((property) => (animation[property]?.length ?? 0) > 0)) return undefined;
  return { clip: track.clips.indexOf(clip), atMs: playheadMs - clip.startMs, look: clip.look, before: animation };
}

/**
 * The one edit a gesture or a key makes: one action, one step of a host's history. On a clip
 * that animates what the handle moves, every property the change sets gets a keyframe at the
 * playhead (one a property had none of starts its keyframes there).
 */
function commitLook(dispatch: CompositorDispatch, target: LookTarget, keyframes: KeyframeTarget | undefined, change: LookChange) {
  if (keyframes) dispatch(clipAnimationChanged({ id: target.trackId, clip: keyframes.clip, animation: keyframesSetAt(keyframes.before, keyframes.atMs, animatedValuesOf(change)) }));
  else if (target.clip === undefined) dispatch(trackLookChanged({ id: target.trackId, look: change }));
  else dispatch(clipLookChanged({ id: target.trackId, clip: target.clip, look: change }));
}

/** What a gesture shows while it runs, or (with `change` undefined) what it puts back. */
function previewLook(dispatch: CompositorDispatch, target: LookTarget, keyframes: KeyframeTarget | undefined, change: LookChange | undefined) {
  if (keyframes) {
    const animation = change ? { ...keyframes.before, ...keyframesSetAt(keyframes.before, keyframes.atMs, animatedValuesOf(change)) } : keyframes.before;
    dispatch(lookPreviewed({ id: target.trackId, clip: keyframes.clip, look: keyframes.look, animation }));
  } else {
    dispatch(lookPreviewed({ id: target.trackId, clip: target.clip, look: change ? mergeLook(target.before, change) : target.before }));
  }
}

interface Gesture {
  kind: HandleKind;
  target: LookTarget;
  keyframes: KeyframeTarget | undefined;
  start: PlannedLayer;
  from: Point;
  /** Composition pixels per screen pixel, when it began. */
  unit: number;
  change: LookChange | undefined;
  pointerId: number;
}

/** Keys that nudge, and which way. */
const arrows: Record<string, Point> = { ArrowLeft: { x: -1, y: 0 }, ArrowRight: { x: 1, y: 0 }, ArrowUp: { x: 0, y: -1 }, ArrowDown: { x: 0, y: 1 } };

/** A press on a control inside a layer (a placeholder's Retry, Load anyway) is the control's, not a gesture. */
const onControl = (target: EventTarget) => target instanceof Element && target.closest('button, a, input, select, textarea') !== null;

/**
 * Handles on the composite for the selected layer, headless: a press selects the topmost layer
 * under the pointer (hit through each layer's transform by the composite plan) and drags it; its
 * corners scale it about its anchor (Shift keeps the aspect), a handle turns it (Shift: 15° steps);
 * a moved layer's edges and centre catch on the composite's edges and centre; arrow keys on a
 * handle nudge, scale or turn it (Shift: 10 times as far); Escape puts a gesture back.
 *
 * While a gesture runs, `lookPreviewed` shows it in every renderer; when it ends, one
 * `trackLookChanged` (or `clipLookChanged`, where the clip under the playhead sets its own place)
 * carries the whole change, so a host's history takes one step for it and skips `lookPreviewed`.
 * Where the clip under the playhead has keyframes of what a handle moves, the gesture sets
 * keyframes at the playhead instead (one `clipAnimationChanged`): its look there would not show.
 */
export function useLayerHandles({ width, height, snapPx = 8, enabled = true }: LayerHandlesOptions): LayerHandlesState {
  const dispatch = useCompositorDispatch();
  const store = useCompositorStore();
  const selectedId = useCompositorSelector((state) => (enabled ? selectSelectedTrackId(state) : null));
  const track = useCompositorSelector((state) => (selectedId == null ? undefined : selectTrackById(state, selectedId)));
  const clip = useCompositorSelector((state) => (track ? selectClipAtPlayhead(state, track) : undefined));
  // Handles frame the layer as it is at the store's playhead (paused: the frame on screen), its keyframes read there.
  const playheadMs = useCompositorSelector((state) => (clip && animatesLook(clip.animation) ? selectPlayheadMs(state) : 0));
  const media = useCompositorSelector((state) => (selectedId == null ? undefined : selectLoadState(state, selectedId).media));
  // On the composite now: seen (shown, on it, not covered) with a clip under the playhead. Read
  // on every store change, so from memoized selectors, not by planning every layer.
  const drawn = useCompositorSelector(
    (state) => track !== undefined && clipAt(track.clips, selectPlayheadMs(state)) !== undefined && selectSeenTracksInPaintOrder(state).includes(track),
  );
  const selected = useMemo(
    () => (track && drawn ? { track, layer: planTrackLayer(track, clip?.look, media, clip && clipMotion(clip, playheadMs)) } : undefined),
    [track, drawn, clip, media, playheadMs],
  );

  const region = useRef<HTMLElement | null>(null);
  const moveHandle = useRef<HTMLElement | null>(null);
  const gesture = useRef<Gesture | undefined>(undefined);
  const [active, setActive] = useState<HandleKind | undefined>(undefined);

  const toComposite = useCallback(
    (event: { clientX: number; clientY: number }): { point: Point; unit: number } | undefined => {
      const rect = region.current?.getBoundingClientRect();
      if (!rect || rect.width <= 0 || rect.height <= 0) return undefined;
      return { point: { x: ((event.clientX - rect.left) / rect.width) * width, y: ((event.clientY - rect.top) / rect.height) * height }, unit: width / rect.width };
    },
    [width, height],
  );

  const end = useCallback(
    (keep: boolean) => {
      const running = gesture.current;
      if (!running) return;
      gesture.current = undefined;
      setActive(undefined);
      if (region.current?.hasPointerCapture(running.pointerId)) region.current.releasePointerCapture(running.pointerId);
      if (!running.change) return;
      const { target } = running;
      // Back to where it began, then (kept) the one edit from there: what a host's history
      // records (a snapshot, or the change) is the whole gesture, from before it to after it.
      previewLook(dispatch, target, running.keyframes, undefined);
      if (keep) commitLook(dispatch, target, running.keyframes, running.change);
    },
    [dispatch],
  );

  // Escape puts a gesture back, wherever the focus is.
  useEffect(() => {
    if (!active) return;
    const onKey = (event: globalThis.KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      event.preventDefault();
      end(false);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [active, end]);
  // A gesture does not outlive the component.
  useEffect(() => () => end(false), [end]);

  const onPointerDown = useCallback(
    (event: PointerEvent<HTMLElement>) => {
      if (event.button !== 0 || gesture.current || onControl(event.target)) return;
      const at = toComposite(event);
      if (!at) return;
      const state = store.getState();
      const playheadMs = selectPlayheadMs(state);
      const handle = event.target instanceof Element ? event.target.closest<HTMLElement>('[data-handle]')?.dataset.handle : undefined;
      let kind: HandleKind;
      let trackId: string;
      if (handle && selectedId != null) {
        kind = handle as HandleKind;
        trackId = selectedId;
      } else {
        const hit = layerAt(selectCompositePlan(state, playheadMs), at.point);
        if (!hit) {
          if (selectedId != null) dispatch(trackSelected(null));
          return;
        }
        if (hit.trackId !== selectedId) dispatch(trackSelected(hit.trackId));
        kind = 'move';
        trackId = hit.trackId;
      }
      const hitTrack = selectTrackById(state, trackId);
      const clip = hitTrack && clipAt(hitTrack.clips, playheadMs);
      if (!hitTrack || !clip) return;
      event.preventDefault();
      const start = planTrackLayer(hitTrack, clip.look, selectLoadState(state, trackId).media, clipMotion(clip, playheadMs));
      gesture.current = {
        kind,
        target: lookTarget(hitTrack, playheadMs),
        keyframes: keyframeTarget(hitTrack, playheadMs, kind),
        start,
        from: at.point,
        unit: at.unit,
        change: undefined,
        pointerId: event.pointerId,
      };
      // A real pointer is held by the composite until it is let go, wherever it goes; a
      // synthetic event (a test's) has no pointer to hold.
      if (event.isTrusted) region.current?.setPointerCapture(event.pointerId);
      setActive(kind);
      moveHandle.current?.focus({ preventScroll: true });
    },
    [dispatch, selectedId, store, toComposite],
  );

  const onPointerMove = useCallback(
    (event: PointerEvent<HTMLElement>) => {
      const running = gesture.current;
      if (!running || event.pointerId !== running.pointerId) return;
      const at = toComposite(event);
      if (!at) return;
      const { start, from, kind } = running;
      let change: LookChange;
      if (kind === 'move') {
        const snap = snapPx > 0 && !event.altKey ? { width, height, within: snapPx * running.unit } : undefined;
        change = movedLook(start, at.point.x - from.x, at.point.y - from.y, snap);
      } else if (kind === 'rotate') {
        change = rotatedLook(start, from, at.point, event.shiftKey ? 15 : undefined);
      } else {
        change = scaledLook(start, from, at.point, event.shiftKey);
      }
      running.change = change;
      previewLook(dispatch, running.target, running.keyframes, change);
    },
    [dispatch, snapPx, toComposite, width, height],
  );

  const onPointerUp = useCallback((event: PointerEvent<HTMLElement>) => gesture.current?.pointerId === event.pointerId && end(true), [end]);
  const onPointerCancel = useCallback((event: PointerEvent<HTMLElement>) => gesture.current?.pointerId === event.pointerId && end(false), [end]);

  const regionRef = useCallback<RefCallback<HTMLElement>>((element) => {
    region.current = element;
  }, []);
  const moveRef = useCallback<RefCallback<HTMLElement>>((element) => {
    moveHandle.current = element;
  }, []);

  const onHandleKey = useCallback(
    (kind: HandleKind, event: KeyboardEvent<HTMLElement>) => {
      const arrow = arrows[event.key];
      if (!arrow || !selected || gesture.current) return;
      event.preventDefault();
      const { layer, track: selectedTrack } = selected;
      const playheadMs = selectPlayheadMs(store.getState());
      const target = lookTarget(selectedTrack, playheadMs);
      const times = event.shiftKey ? 10 : 1;
      let change: LookChange;
      if (kind === 'move') change = { x: layer.look.x + arrow.x * times, y: layer.look.y + arrow.y * times };
      // Right and Up turn it clockwise by a degree (Shift: 10), Left and Down back.
      else if (kind === 'rotate') change = { rotation: normalDegrees(layer.look.rotation + (arrow.x || -arrow.y) * times) };
      else {
        // Right and Up grow it by 1% (Shift: 10%), keeping its aspect; Left and Down shrink it.
        const factor = 1 + (arrow.x || -arrow.y) * 0.01 * times;
        change = { scale: { x: layer.look.scale.x * factor, y: layer.look.scale.y * factor } };
      }
      commitLook(dispatch, target, keyframeTarget(selectedTrack, playheadMs, kind), change);
    },
    [dispatch, selected, store],
  );

  const handleProps = useCallback(
    (kind: HandleKind) => ({
      'data-handle': kind,
      role: 'button',
      tabIndex: 0,
      'aria-label': selected ? handleNames[kind](selected.track.name) : undefined,
      onKeyDown: (event: KeyboardEvent<HTMLElement>) => onHandleKey(kind, event),
      ...(kind === 'move' ? { ref: moveRef } : {}),
    }),
    [moveRef, onHandleKey, selected],
  );

  return {
    selected,
    gesture: active,
    regionProps: { ref: regionRef, onPointerDown, onPointerMove, onPointerUp, onPointerCancel, style: { touchAction: 'none' } },
    handleProps,
  };
}
