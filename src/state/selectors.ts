import { createSelector } from '@reduxjs/toolkit';
import { initialTrackLoadState, type TrackLoadState } from './loadSlice';
import { compositorReducerPath, type CompositorRootState } from './compositorReducer';
import { tracksAdapter, type Track } from './tracksSlice';

const selectCompositor = (state: CompositorRootState) => state[compositorReducerPath];

const trackSelectors = tracksAdapter.getSelectors((state: CompositorRootState) => selectCompositor(state).tracks);

export const selectTrackById = trackSelectors.selectById;
export const selectTrackIds = trackSelectors.selectIds;

/** Every track, bottom layer first. */
export const selectTracksInPaintOrder = createSelector([trackSelectors.selectAll], (tracks) =>
  [...tracks].sort((a, b) => a.layout.order - b.layout.order),
);

/** Visible tracks, bottom layer first. */
export const selectVisibleTracksInPaintOrder = createSelector([selectTracksInPaintOrder], (tracks) =>
  tracks.filter((track) => track.visible),
);

/**
 * The tracks whose media must be held now. Lazy loading in one line: a hidden track never
 * loads, so its memory is free.
 */
export const selectTrackIdsToLoad = createSelector([selectVisibleTracksInPaintOrder], (tracks) =>
  tracks.map((track) => track.id),
);

export const selectLoadState = (state: CompositorRootState, trackId: string): TrackLoadState =>
  selectCompositor(state).load[trackId] ?? initialTrackLoadState;

export const selectSelectedTrackId = (state: CompositorRootState) => selectCompositor(state).selection.selectedTrackId;

export const selectPlayback = (state: CompositorRootState) => selectCompositor(state).playback;
export const selectPlayheadMs = (state: CompositorRootState) => selectCompositor(state).playback.playheadMs;
export const selectIsPlaying = (state: CompositorRootState) => selectCompositor(state).playback.playing;
export const selectSeekRevision = (state: CompositorRootState) => selectCompositor(state).playback.seekRevision;

/** The end of the last clip with a known out point, in ms; 0 when no clip has one. */
export const selectTimelineDurationMs = createSelector([trackSelectors.selectAll], (tracks) =>
  tracks.reduce((end, track) => Math.max(end, clipEndMs(track) ?? 0), 0),
);

/** Where on the timeline a clip stops, or `undefined` while its out point is unknown. */
export function clipEndMs(track: Track): number | undefined {
  const { startMs, inMs, outMs } = track.clip;
  return outMs === undefined ? undefined : startMs + Math.max(0, outMs - inMs);
}

/** The source time, in seconds, that a track shows when the playhead is at `playheadMs`. */
export function sourceTimeAt(track: Track, playheadMs: number): number {
  const { startMs, inMs, outMs } = track.clip;
  const unclamped = playheadMs - startMs + inMs;
  const upper = outMs ?? Number.POSITIVE_INFINITY;
  return Math.min(Math.max(unclamped, inMs), upper) / 1000;
}
