import { useQuery } from '@tanstack/react-query';
import { renditionReference, selectLoadState, useCompositorSelector, type Track } from '../state';
import type { ResolvedSource } from './ResolvedSource';
import { useSourceContext } from './SourceContext';
import { trackSourceQuery } from './trackSourceQuery';

/**
 * The resolved source a track's `<video>` plays. The caller's subscription keeps the source
 * alive while the element uses it, so the object URL cannot be revoked under a playing element.
 * It never starts a load: that is the source loader's job, in priority order.
 */
export function useTrackSource(track: Track): ResolvedSource | undefined {
  const { queryClient, options } = useSourceContext();
  // The rendition the loader has ready, not the one it may be switching to.
  const rendition = useCompositorSelector((state) => selectLoadState(state, track.id).source?.rendition ?? 'original');
  const { data } = useQuery({ ...trackSourceQuery(renditionReference(track, rendition), options), enabled: false }, queryClient);
  return data;
}
