import type { QueryClient } from '@tanstack/react-query';
import { createContext, useContext } from 'react';
import type { SourceOptions } from './sourceOptions';

export interface SourceContextValue {
  queryClient: QueryClient;
  options: SourceOptions;
}

/** The QueryClient and settings the kit's sources use; set by `CompositorProvider`. */
export const SourceContext = createContext<SourceContextValue | null>(null);

export function useSourceContext(): SourceContextValue {
  const value = useContext(SourceContext);
  if (!value) throw new Error('multitrack-kit: wrap the compositor components in <CompositorProvider>.');
  return value;
}
