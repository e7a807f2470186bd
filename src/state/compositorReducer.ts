import { combineReducers } from '@reduxjs/toolkit';
import { compositionSlice } from './compositionSlice';
import { limitsSlice } from './limitsSlice';
import { loadSlice } from './loadSlice';
import { mixerSlice } from './mixerSlice';
import { playbackSlice } from './playbackSlice';
import { selectionSlice } from './selectionSlice';
import { linkedTrackIds, trackRemoved, tracksSlice } from './tracksSlice';

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
