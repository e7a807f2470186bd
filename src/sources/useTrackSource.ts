import { useQuery } from '@tanstack/react-query';
import { renditionReference, selectLoadState, useCompositorSelector, type Rendition, type Track } from '../state';
import type { ResolvedSource } from './ResolvedSource';
import { useSourceContext } from './SourceContext';
import { trackSourceQuery } from './trackSourceQuery';

/**
 * The resolved source a track's `<video>` plays. The caller's subscription keeps the source
 * alive while the element uses it, so the object URL cannot be revoked under a playing element.
 * It never starts a load: that is the source loader's job, in priority order.
 */
export function useTrackSource(track: Track): ResolvedSource | undefined {
  return useRenditionSource(track, useLoadedRendition(track.id));
}

/** The rendition of a track's media the loader has ready (not one it may be switching to). */
export function useLoadedRendition(trackId: string): Rendition {
  return useCompositorSelector((state) => selectLoadState(state, trackId).source?.rendition ?? 'original');
}

/**
 * One rendition of a track's media, as resolved: held while the caller is mounted, so an element
 * of the rendition the loader is moving away from keeps its source until it has handed over.
 */
export function useRenditionSource(track: Track, rendition: Rendition): ResolvedSource | undefined {
  const { queryClient, options } = useSourceContext();
  const { data } = useQuery({ ...trackSourceQuery(renditionReference(track, rendition), options), enabled: false }, queryClient);
  return data;
}
