import { QueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { Provider } from 'react-redux';
import { createDecoderTally, SourceContext, startSourceLoader, withSourceDefaults, type SourceOptions } from '../sources';
import { CompositorStoreContext, createCompositorStore, type CompositorStoreLike } from '../state';

export interface CompositorProviderProps {
  /** A store with the kit's reducer mounted; by default the provider makes its own. */
  store?: CompositorStoreLike;
  /** The host's QueryClient; by default the provider makes its own. */
  queryClient?: QueryClient;
  /** How media is acquired and released; every field has a default. */
  sourceOptions?: Partial<SourceOptions>;
  children: ReactNode;
}

/**
 * Gives the compositor components their store, QueryClient and source loader. The store goes
 * on the kit's own React-Redux context, so it never collides with a host's `<Provider>`.
 */
export function CompositorProvider({ store, queryClient, sourceOptions, children }: CompositorProviderProps) {
  const [ownStore] = useState(() => store ?? createCompositorStore());
  const [ownClient] = useState(() => queryClient ?? new QueryClient());
  const [decoders] = useState(createDecoderTally);
  const activeStore = store ?? ownStore;
  const activeClient = queryClient ?? ownClient;
  // Compared field by field, so a host may pass a fresh options object on every render (keep the
  // `resolvers` array itself stable: a new one restarts the loader).
  const { concurrency, maxRetries, releaseAfterMs, resolvers, rangeFallback } = withSourceDefaults(sourceOptions);
  const sources = useMemo(
    () => ({
      queryClient: activeClient,
      options: { concurrency, maxRetries, releaseAfterMs, resolvers, rangeFallback },
      decoders,
    }),
    [activeClient, concurrency, maxRetries, releaseAfterMs, resolvers, rangeFallback, decoders],
  );

  useEffect(
    () => startSourceLoader(activeStore, sources.queryClient, sources.options),
    [activeStore, sources],
  );

  return (
    <Provider store={activeStore} context={CompositorStoreContext}>
      <SourceContext.Provider value={sources}>{children}</SourceContext.Provider>
    </Provider>
  );
}
