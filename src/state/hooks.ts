import { createContext, useContext, type Context } from 'react';
import { createDispatchHook, createSelectorHook, createStoreHook, type ReactReduxContextValue } from 'react-redux';
import type { CompositorRootState } from './compositorReducer';
import type { CompositorDispatch, CompositorStoreLike } from './store';

/**
 * The kit's own React-Redux context, so the kit's store never collides with a host's
 * `<Provider>` higher up the tree.
 */
export const CompositorStoreContext = createContext<ReactReduxContextValue | null>(null);

export const useCompositorSelector = createSelectorHook(CompositorStoreContext).withTypes<CompositorRootState>();
export const useCompositorDispatch = createDispatchHook(CompositorStoreContext).withTypes<CompositorDispatch>();
export const useCompositorStore = createStoreHook(CompositorStoreContext).withTypes<CompositorStoreLike>();

/**
 * The value a `CompositorProvider` gives `context`, or a clear error for a component used outside
 * one: the one check every context of the kit needs.
 */
export function useProvidedContext<T>(context: Context<T | null>): T {
  const value = useContext(context);
  if (!value) throw new Error('multitrack-kit: wrap the compositor components in <CompositorProvider>.');
  return value;
}
