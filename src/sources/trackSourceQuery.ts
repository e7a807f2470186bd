import { queryOptions } from '@tanstack/react-query';
import type { MediaReference } from '../state';
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
