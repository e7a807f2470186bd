import { useQuery } from '@tanstack/react-query';
import { renditionReference, selectLoadState, useCompositorSelector, type Rendition, type Track } from '../state';
import type { ResolvedSource } from './ResolvedSource';
import { useSourceContext } from './SourceContext';
import { trackSourceQuery } from './trackSourceQuery';

/** The rendition of a track's media the loader has ready (not one it may be switching to). */
export function useLoadedRendition(trackId: string): Rendition {
  return useCompositorSelector((state) => selectLoadState(state, trackId).source?.rendition ?? 'original');
}

/**
 * One rendition of a track's media, as resolved. The caller's subscription keeps it alive while
 * an element uses it, so an object URL cannot be revoked under a playing element, and the
 * rendition the loader is moving away from stays until its element has handed over. It never
 * starts a load: that is the source loader's job, in priority order.
 */
export function useRenditionSource(track: Track, rendition: Rendition): ResolvedSource | undefined {
  const { queryClient, options } = useSourceContext();
  const { data } = useQuery({ ...trackSourceQuery(renditionReference(track, rendition), options), enabled: false }, queryClient);
  return data;
}
