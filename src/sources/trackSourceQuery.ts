import { QueryObserver, queryOptions, type QueryClient } from '@tanstack/react-query';
import type { MediaReference } from '../state';
import type { ResolvedSource } from './ResolvedSource';
import { resolveWithChain } from './resolvers';
import { MediaSourceError } from './MediaSourceError';
import { defaultSourceOptions, type SourceOptions } from './sourceOptions';
import { sourceKeys } from './sourceKeys';

const maxRetryDelayMs = 8000;

/**
 * The query that resolves a track's media through the configured resolver chain. One key per
 * source, so every track that uses the same file shares one result (one probe, one Blob or
 * object URL).
 */
export function trackSourceQuery(source: MediaReference, options: SourceOptions = defaultSourceOptions) {
  return queryOptions({
    queryKey: sourceKeys.source(source),
    queryFn: ({ signal }) =>
      resolveWithChain(source, options.resolvers, { signal, rangeFallback: options.rangeFallback, noBytesTimeoutMs: options.noBytesTimeoutMs }),
    // A resolved source does not go stale: it is released when unused, never fetched again behind
    // a track's back.
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: options.releaseAfterMs,
    refetchOnMount: false,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
    // Media may come from a local server or a desktop protocol: being offline says nothing about it.
    networkMode: 'always',
    retry: (failureCount, error) =>
      error instanceof MediaSourceError && error.transient && failureCount < options.maxRetries,
    retryDelay: (failureCount) => Math.min(1000 * 2 ** failureCount, maxRetryDelayMs),
  });
}

/**
 * Runs `work` on a source resolved as every track's is, holding it meanwhile, so a Blob fallback
 * is not let go under a worker reading it; afterwards the source is free to go as any unused one.
 */
export async function withHeldSource<T>(
  queryClient: QueryClient,
  source: MediaReference,
  options: SourceOptions,
  work: (resolved: ResolvedSource) => Promise<T>,
): Promise<T> {
  const sourceQuery = trackSourceQuery(source, options);
  const holding = new QueryObserver(queryClient, { ...sourceQuery, enabled: false });
  const release = holding.subscribe(() => undefined);
  try {
    return await work(await queryClient.fetchQuery(sourceQuery));
  } finally {
    release();
  }
}
