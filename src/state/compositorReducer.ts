import { combineReducers, type UnknownAction } from '@reduxjs/toolkit';
import { compositionBackgroundChanged, compositionResized, compositionSlice } from './compositionSlice';
import { limitsSlice } from './limitsSlice';
import { loadSlice } from './loadSlice';
import { masterVolumeChanged, mixerSlice } from './mixerSlice';
import { markInSet, markOutSet, playbackSettingsChanged, playbackSlice } from './playbackSlice';
import { projectLoaded, type ProjectDocument } from './projectDocument';
import { selectionSlice } from './selectionSlice';
import { linkedTrackIds, trackDurationLearnt, trackRemoved, tracksAdded, tracksSlice } from './tracksSlice';

/** Where the kit's state lives in a store; a host store mounts `compositorReducer` at this key. */
export const compositorReducerPath = 'multitrack';

const combinedReducer = combineReducers({
  [tracksSlice.reducerPath]: tracksSlice.reducer,
  [selectionSlice.reducerPath]: selectionSlice.reducer,
  [loadSlice.reducerPath]: loadSlice.reducer,
  [playbackSlice.reducerPath]: playbackSlice.reducer,
  [limitsSlice.reducerPath]: limitsSlice.reducer,
  [compositionSlice.reducerPath]: compositionSlice.reducer,
  [mixerSlice.reducerPath]: mixerSlice.reducer,
});

export type CompositorState = ReturnType<typeof combinedReducer>;

/**
 * All of the kit's state as one reducer, so a host can mount it under one key of its own store.
 * Removing a linked track removes each track of its link, one `trackRemoved` at a time through
 * every slice, so each slice lets go of each one as if it had been removed alone.
 */
export const compositorReducer: typeof combinedReducer = (state, action) => {
  if (projectLoaded.match(action)) return openedProject(state, action.payload);
  const tracks = state?.[tracksSlice.reducerPath];
  if (!tracks || !trackRemoved.match(action)) return combinedReducer(state, action);
  const group = linkedTrackIds(tracks, action.payload);
  let next = combinedReducer(state, action);
  for (const id of group) if (id !== action.payload) next = combinedReducer(next, trackRemoved(id));
  return next;
};

/**
 * Any store state that holds the kit's state at `compositorReducerPath`. Optional, so a host store
 * that injects the kit lazily fits; the kit's selectors read its initial state until then.
 */
export interface CompositorRootState {
  [compositorReducerPath]?: CompositorState;
}

/** The kit's state before any action: what selectors read while a host has not injected the kit yet. */
export const initialCompositorState: CompositorState = compositorReducer(undefined, { type: 'multitrack/init' });

/**
 * The kit as one slice-like entry for a host store: `combineSlices(hostSlice, compositorSlice)`,
 * or later `rootReducer.inject(compositorSlice)` with `withLazyLoadedSlices<CompositorRootState>()`.
 */
export const compositorSlice = { reducerPath: compositorReducerPath, reducer: compositorReducer } as const;

/**
 * The kit's state with `project` open: built from a fresh state (the browser's limits learnt so far
 * kept) by the actions a host would send one by one, applied here as one update.
 */
function openedProject(state: Parameters<typeof combinedReducer>[0], project: ProjectDocument): CompositorState {
  const { composition, marks } = project;
  const steps: UnknownAction[] = [
    // A track's learnt length is not a new track's field: it follows, as an element would tell it.
    tracksAdded(project.tracks),
    ...project.tracks.flatMap((track) => (track.mediaDurationMs === undefined ? [] : [trackDurationLearnt({ id: track.id, durationMs: track.mediaDurationMs })])),
    masterVolumeChanged(project.master.volumeDb),
    playbackSettingsChanged({ frameRate: composition.frameRate }),
    ...(composition.width !== undefined && composition.height !== undefined ? [compositionResized({ width: composition.width, height: composition.height })] : []),
    ...(composition.background !== undefined ? [compositionBackgroundChanged({ background: composition.background })] : []),
    ...(marks?.inMs !== undefined ? [markInSet(marks.inMs)] : []),
    ...(marks?.outMs !== undefined ? [markOutSet(marks.outMs)] : []),
  ];
  const empty = combinedReducer(undefined, { type: 'multitrack/init' });
  const fresh: CompositorState = { ...empty, [limitsSlice.reducerPath]: state?.[limitsSlice.reducerPath] ?? empty[limitsSlice.reducerPath] };
  return steps.reduce<CompositorState>((next, step) => combinedReducer(next, step), fresh);
}
