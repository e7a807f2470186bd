import type { Query, QueryClient } from '@tanstack/react-query';
import type { ResolvedSource } from './ResolvedSource';
import { sourceKeys } from './sourceKeys';

const watched = new WeakSet<QueryClient>();

function isSourceQuery(query: Query): boolean {
  return sourceKeys.all.every((part, index) => query.queryKey[index] === part);
}

function revoke(source: ResolvedSource | undefined): void {
  if (source?.ownsObjectUrl) URL.revokeObjectURL(source.url);
}

/**
 * The one place where acquired media is given back: when a source query leaves the cache
 * (released by its last user or garbage-collected), its object URL is revoked. A result that
 * lands after its query was removed, or replaces an earlier result, is revoked too, so no path
 * leaves an object URL behind. Watches a client for as long as the client lives.
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
      revoke(held.get(query.queryHash));
      held.delete(query.queryHash);
      return;
    }
    if (event.type !== 'updated' || event.action.type !== 'success') return;
    const source = query.state.data as ResolvedSource | undefined;
    if (cache.get(query.queryHash) !== query) {
      revoke(source);
      return;
    }
    const previous = held.get(query.queryHash);
    if (previous && previous.url !== source?.url) revoke(previous);
    if (source) held.set(query.queryHash, source);
  });
}
