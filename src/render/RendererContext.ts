import { createContext, useContext } from 'react';
import type { CompositorRenderer, RendererSession } from './renderer';

export interface RendererContextValue {
  renderer: CompositorRenderer;
  session: RendererSession;
}

/** The compositor's renderer and its session; set by `CompositorProvider`. */
export const RendererContext = createContext<RendererContextValue | null>(null);

export function useRenderer(): RendererContextValue {
  const value = useContext(RendererContext);
  if (!value) throw new Error('multitrack-kit: wrap the compositor components in <CompositorProvider>.');
  return value;
}
