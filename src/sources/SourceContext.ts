import type { QueryClient } from '@tanstack/react-query';
import { createContext } from 'react';
import { useProvidedContext } from '../state';
import type { SourceOptions } from './sourceOptions';

export interface SourceContextValue {
  queryClient: QueryClient;
  options: SourceOptions;
}

/** The QueryClient and settings the kit's sources use; set by `CompositorProvider`. */
export const SourceContext = createContext<SourceContextValue | null>(null);

export function useSourceContext(): SourceContextValue {
  return useProvidedContext(SourceContext);
}
