import { useRef, useState, type KeyboardEvent, type PointerEvent, type RefObject } from 'react';
import { usePlaybackClock } from '../playback';
import {
  clipEndWithin,
  clipEndTrimmed,
  clipMoved,
  clipRemoved,
  clipsSplitAt,
  clipStartTrimmed,
  clipFadesChanged,
  selectSelectedTrackId,
  selectTracksInPaintOrder,
  snappedTime,
  trackClipsChanged,
  tracksClipsChanged,
  useCompositorDispatch,
  useCompositorStore,
  type ClipBounds,
  type ClipTiming,
  type Track,
} from '../state';
import { capturePointer } from './capturePointer';

export interface ClipEditingOptions {
  /** Removing a clip closes its gap: the clips after it on its track move back by its length. False by default. */
  ripple?: boolean;
  /** How near, in px, a dragged clip or edge is pulled onto a clip edge or the playhead; 0 turns snapping off. 8 by default. */
  snapPx?: number;
}

/**
 * Which part of a clip a gesture holds: its body (a move), one of its edges (a trim), or the
 * handle of its sound's fade-in or fade-out (the fade's length).
 */
export type ClipPart = 'body' | 'start' | 'end' | 'fade-in' | 'fade-out';

/** A timeline's clip editing, without its look: `Timeline` renders its handles when `editable`. */
export interface ClipEditing {
  /** The clips a track shows now: those of a gesture under way, else undefined (its own). */
  previewOf(track: Track): ClipTiming[] | undefined;
  /** Whether a track's clips can be edited here: not while it is locked (`trackLockChanged`). */
  canEdit(track: Track): boolean;
  /** Spread on a clip's body, edge or fade handle: a drag moves or trims the clip or sets a fade, one action at its end. */
  handlersFor(track: Track, index: number, part: ClipPart): {
    onPointerDown(event: PointerEvent<HTMLElement>): void;
    onPointerMove(event: PointerEvent<HTMLElement>): void;
    onPointerUp(event: PointerEvent<HTMLElement>): void;
    onPointerCancel(): void;
    onKeyDown(event: KeyboardEvent<HTMLElement>): void;
  };
  /**
   * Cuts in two, at the playhead, the clip under it of the selected track (and its linked
   * tracks), or of every unlocked track when none is selected: one action. Returns whether
   * anything was cut.
   */
  splitAtPlayhead(): boolean;
}

interface Gesture {
  track: Track;
  index: number;
  part: ClipPart;
  pointerId: number;
  fromX: number;
  msPerPx: number;
  clips: readonly ClipTiming[];
  bounds: ClipBounds;
  /** Where the other clips' edges and the playhead are, for snapping. */
  targets: number[];
  snapMs: number;
}

/** Where a clip ends on the timeline, its media's end standing in for an unknown out point. */
const endOf = (clip: ClipTiming, bounds: ClipBounds) => clipEndWithin(clip, bounds.mediaDurationMs);

/**
 * Dragging a clip moves it (along its track; a track plays one file, so a clip does not leave it),
 * dragging an edge trims it against its media's length; both snap onto other clips' edges and the
 * playhead and land on frames, and the edit is one `trackClipsChanged` when the pointer lets go
 * (Escape, or a cancelled pointer, puts it back). Dragging a fade handle sets the fade's length
 * (on frames, from 0 to the clip's length), one `clipFadesChanged` at the end. From the keyboard, a
 * focused clip moves a frame with the arrows (a second with Shift), a focused edge trims the same
 * way, a focused fade handle lengthens (right) or shortens (left) its fade, and Delete or
 * Backspace removes the clip (Shift: the other way round from `ripple`).
 */
export function useClipEditing(spanMs: number, frameRate: number, laneRef: RefObject<HTMLElement | null>, options: ClipEditingOptions = {}): ClipEditing {
  const { ripple = false, snapPx = 8 } = options;
  const store = useCompositorStore();
  const dispatch = useCompositorDispatch();
  const clock = usePlaybackClock();
  const [preview, setPreview] = useState<{ linkKey: string; clips: ClipTiming[] }>();
  const gesture = useRef<Gesture | undefined>(undefined);
  const frameMs = 1000 / frameRate;
  // Frame n starts at n * 1000 / rate, computed so (not n * frameMs) to stay whole where it is whole.
  const onFrame = (ms: number) => (Math.round(ms / frameMs) * 1000) / frameRate;
  const linkKeyOf = (track: Track) => track.linkId ?? track.id;
  const boundsOf = (track: Track): ClipBounds => ({ mediaDurationMs: track.mediaDurationMs, shortestMs: frameMs });

  /** Every clip edge on the timeline but the edited clip's (and its linked copies'), and the playhead. */
  const targetsBesides = (track: Track, index: number): number[] => {
    const key = linkKeyOf(track);
    const targets = [clock.playheadAt()];
    for (const other of selectTracksInPaintOrder(store.getState())) {
      other.clips.forEach((clip, at) => {
        if (linkKeyOf(other) === key && at === index) return;
        targets.push(clip.startMs);
        const end = endOf(clip, boundsOf(other));
        if (end !== undefined) targets.push(end);
      });
    }
    return targets;
  };

  /** The clips with the held clip's fade made longer by `longerMs` (on a frame, from 0 to the clip's length). */
  const fadeEdited = (held: Gesture, side: 'in' | 'out', longerMs: number): ClipTiming[] => {
    const clip = held.clips[held.index];
    const end = endOf(clip, held.bounds);
    const was = clip.fades?.[side];
    const durationMs = Math.min(end === undefined ? 0 : end - clip.startMs, Math.max(0, onFrame((was?.durationMs ?? 0) + longerMs)));
    const fades = { ...clip.fades, [side]: { ...was, durationMs } };
    return held.clips.map((other, at) => (at === held.index ? { ...other, fades } : other));
  };

  /** The clips after the gesture's pointer has come `deltaMs` from where it pressed. */
  const editedBy = (held: Gesture, deltaMs: number): ClipTiming[] => {
    const clip = held.clips[held.index];
    // A fade-in's handle sits at its end, a fade-out's at its start: dragged right, one grows, the other shrinks.
    if (held.part === 'fade-in') return fadeEdited(held, 'in', deltaMs);
    if (held.part === 'fade-out') return fadeEdited(held, 'out', -deltaMs);
    const snap = (ms: number) => (held.snapMs > 0 ? snappedTime(ms, held.targets, held.snapMs) : ms);
    if (held.part === 'body') {
      const start = onFrame(clip.startMs + deltaMs);
      const length = (endOf(clip, held.bounds) ?? start) - clip.startMs;
      // Whichever of its edges lands nearer a target pulls the clip onto it.
      const byStart = snap(start) - start;
      const byEnd = snap(start + length) - (start + length);
      const pull = byStart !== 0 && (byEnd === 0 || Math.abs(byStart) <= Math.abs(byEnd)) ? byStart : byEnd;
      return clipMoved(held.clips, held.index, start + pull);
    }
    if (held.part === 'start') return clipStartTrimmed(held.clips, held.index, snap(onFrame(clip.startMs + deltaMs)), held.bounds);
    const end = endOf(clip, held.bounds);
    // An end not known yet (its media's length unread) has nowhere to be dragged from.
    if (end === undefined) return [...held.clips];
    return clipEndTrimmed(held.clips, held.index, snap(onFrame(end + deltaMs)), held.bounds);
  };

  const commit = (track: Track, clips: ClipTiming[], part: ClipPart = 'body', index = 0) => {
    if (JSON.stringify(clips) === JSON.stringify(track.clips)) return;
    // A fade is the clip's sound, not its timing: one action on this track alone.
    if (part === 'fade-in' || part === 'fade-out') {
      const side = part === 'fade-in' ? 'in' : 'out';
      const fade = clips[index].fades?.[side];
      if (fade) dispatch(clipFadesChanged({ id: track.id, clip: index, fades: { [side]: fade } }));
      return;
    }
    dispatch(trackClipsChanged({ id: track.id, clips }));
  };

  const endGesture = (apply: boolean, clientX?: number) => {
    const held = gesture.current;
    gesture.current = undefined;
    setPreview(undefined);
    if (held && apply && clientX !== undefined) commit(held.track, editedBy(held, (clientX - held.fromX) * held.msPerPx), held.part, held.index);
  };

  return {
    previewOf: (track) => (preview && preview.linkKey === linkKeyOf(track) ? preview.clips : undefined),
    canEdit: (track) => !track.locked,
    handlersFor: (track, index, part) => ({
      onPointerDown(event) {
        if (event.button !== 0) return;
        // The clip's gesture, not the timeline's scrub.
        event.stopPropagation();
        const width = laneRef.current?.getBoundingClientRect().width ?? 0;
        if (width === 0) return;
        capturePointer(event.currentTarget, event.pointerId);
        gesture.current = {
          track,
          index,
          part,
          pointerId: event.pointerId,
          fromX: event.clientX,
          msPerPx: spanMs / width,
          clips: track.clips,
          bounds: boundsOf(track),
          targets: targetsBesides(track, index),
          snapMs: (snapPx * spanMs) / width,
        };
      },
      onPointerMove(event) {
        const held = gesture.current;
        if (!held || held.pointerId !== event.pointerId) return;
        event.stopPropagation();
        setPreview({ linkKey: linkKeyOf(held.track), clips: editedBy(held, (event.clientX - held.fromX) * held.msPerPx) });
      },
      onPointerUp(event) {
        if (gesture.current?.pointerId !== event.pointerId) return;
        event.stopPropagation();
        endGesture(true, event.clientX);
      },
      onPointerCancel: () => endGesture(false),
      onKeyDown(event) {
        if (event.key === 'Escape' && gesture.current) {
          endGesture(false);
        } else if (event.key === 'ArrowLeft' || event.key === 'ArrowRight') {
          // A slider's right is more: a fade-out's handle lengthens its fade moving right from the keys.
          const step = (event.shiftKey ? 1000 : frameMs) * (event.key === 'ArrowLeft' ? -1 : 1) * (part === 'fade-out' ? -1 : 1);
          const held: Gesture = { track, index, part, pointerId: -1, fromX: 0, msPerPx: 0, clips: track.clips, bounds: boundsOf(track), targets: [], snapMs: 0 };
          commit(track, editedBy(held, step), part, index);
        } else if ((event.key === 'Delete' || event.key === 'Backspace') && part === 'body') {
          commit(track, clipRemoved(track.clips, index, event.shiftKey ? !ripple : ripple, boundsOf(track)));
        } else return;
        // The clip's keys, not the page's shortcuts.
        event.preventDefault();
        event.stopPropagation();
      },
    }),
    splitAtPlayhead() {
      const state = store.getState();
      const at = onFrame(clock.playheadAt());
      const selected = selectSelectedTrackId(state);
      const tracks = selectTracksInPaintOrder(state);
      const chosen = selected === null ? tracks : tracks.filter((track) => track.id === selected);
      const seen = new Set<string>();
      const changes: { id: string; clips: ClipTiming[] }[] = [];
      for (const track of chosen) {
        // Linked tracks share their clips: one change each link. A locked track is not cut.
        if (track.locked || seen.has(linkKeyOf(track))) continue;
        seen.add(linkKeyOf(track));
        const clips = clipsSplitAt(track.clips, at, boundsOf(track));
        if (clips) changes.push({ id: track.id, clips });
      }
      if (changes.length > 0) dispatch(tracksClipsChanged(changes));
      return changes.length > 0;
    },
  };
}
