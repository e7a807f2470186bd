import { createContext } from 'react';
import { useProvidedContext } from '../state';
import type { CompositorRenderer, RendererSession } from './renderer';

export interface RendererContextValue {
  renderer: CompositorRenderer;
  session: RendererSession;
}

/** The compositor's renderer and its session; set by `CompositorProvider`. */
export const RendererContext = createContext<RendererContextValue | null>(null);

export function useRenderer(): RendererContextValue {
  return useProvidedContext(RendererContext);
}
