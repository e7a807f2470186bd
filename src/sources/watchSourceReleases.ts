import type { Query, QueryClient } from '@tanstack/react-query';
import type { ResolvedSource } from './ResolvedSource';
import { sourceKeys } from './sourceKeys';

const watched = new WeakSet<QueryClient>();

function isSourceQuery(query: Query): boolean {
  return sourceKeys.all.every((part, index) => query.queryKey[index] === part);
}

/**
 * The one place where acquired media is given back: when a source query leaves the cache
 * (released by its last user or garbage-collected), its source is released (an object URL
 * revoked). A result that lands after its query was removed, or replaces an earlier result, is
 * released too, so no path leaves an object URL behind. Watches a client for as long as the
 * client lives.
 */
export function watchSourceReleases(queryClient: QueryClient): void {
  if (watched.has(queryClient)) return;
  watched.add(queryClient);
  const cache = queryClient.getQueryCache();
  const held = new Map<string, ResolvedSource>();

  cache.subscribe((event) => {
    const { query } = event;
    if (!isSourceQuery(query)) return;
    if (event.type === 'removed') {
      held.get(query.queryHash)?.release();
      held.delete(query.queryHash);
      return;
    }
    if (event.type !== 'updated' || event.action.type !== 'success') return;
    const source = query.state.data as ResolvedSource | undefined;
    if (cache.get(query.queryHash) !== query) {
      source?.release();
      return;
    }
    const previous = held.get(query.queryHash);
    if (previous && previous.url !== source?.url) previous.release();
    if (source) held.set(query.queryHash, source);
  });
}
