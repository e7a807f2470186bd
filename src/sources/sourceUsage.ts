import { notifyManager, type QueryClient } from '@tanstack/react-query';
import { useCallback, useRef, useSyncExternalStore } from 'react';
import type { ResolvedSource } from './ResolvedSource';
import { useSourceContext } from './SourceContext';
import { sourceKeys } from './sourceKeys';

/** What the kit's sources hold right now. */
export interface SourceUsage {
  /** Resolved sources in use by at least one track or element. */
  sourcesHeld: number;
  /** Bytes those sources keep in memory (Blobs); streamed sources add nothing. */
  bytesHeld: number;
}

export function readSourceUsage(queryClient: QueryClient): SourceUsage {
  let sourcesHeld = 0;
  let bytesHeld = 0;
  for (const query of queryClient.getQueryCache().findAll({ queryKey: sourceKeys.all })) {
    const source = query.state.data as ResolvedSource | undefined;
    if (!source || query.getObserversCount() === 0) continue;
    sourcesHeld += 1;
    bytesHeld += source.bytesHeld;
  }
  return { sourcesHeld, bytesHeld };
}

/** `readSourceUsage`, kept current as sources are acquired and released. */
export function useSourceUsage(): SourceUsage {
  const { queryClient } = useSourceContext();
  const last = useRef<SourceUsage>({ sourcesHeld: 0, bytesHeld: 0 });
  // Batched like TanStack's own hooks: the cache changes while other components render (a
  // `useQuery` adds its query), and a synchronous update from there is a render-phase update.
  const subscribe = useCallback(
    (onChange: () => void) => queryClient.getQueryCache().subscribe(notifyManager.batchCalls(onChange)),
    [queryClient],
  );
  const snapshot = useCallback(() => {
    const next = readSourceUsage(queryClient);
    if (next.sourcesHeld !== last.current.sourcesHeld || next.bytesHeld !== last.current.bytesHeld) last.current = next;
    return last.current;
  }, [queryClient]);
  return useSyncExternalStore(subscribe, snapshot, snapshot);
}
