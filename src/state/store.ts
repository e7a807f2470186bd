import { combineReducers, configureStore, type Store } from '@reduxjs/toolkit';
import { compositorReducer, compositorReducerPath, type CompositorRootState } from './compositorReducer';

const standaloneReducer = combineReducers({ [compositorReducerPath]: compositorReducer });

export interface CreateCompositorStoreOptions {
  preloadedState?: Parameters<typeof standaloneReducer>[0];
}

/** A store holding only the kit's state, for hosts that do not bring their own. */
export function createCompositorStore({ preloadedState }: CreateCompositorStoreOptions = {}) {
  return configureStore({
    reducer: standaloneReducer,
    preloadedState,
  });
}

export type CompositorStore = ReturnType<typeof createCompositorStore>;
export type CompositorDispatch = CompositorStore['dispatch'];

/** What the kit needs of a store: the stand-alone one, or a host's with the kit's reducer mounted. */
export type CompositorStoreLike = Store<CompositorRootState>;
