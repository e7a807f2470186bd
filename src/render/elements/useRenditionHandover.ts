import { useCallback, useState } from 'react';
import { useLoadedRendition, useRenditionSource, type ResolvedSource } from '../../sources';
import type { Rendition, Track } from '../../state';

/** Which rendition's element is on screen, and the one waiting to take over from it. */
export interface RenditionHandover {
  /** The rendition on screen and its source; `undefined` while no rendition is resolved. */
  onScreen: { rendition: Rendition; source: ResolvedSource } | undefined;
  /** The rendition the loader switched to, while its element waits at the playhead to take over. */
  incoming: { rendition: Rendition; source: ResolvedSource } | undefined;
  /** The incoming element shows the frame at the playhead: it takes over. */
  takeOver(): void;
}

/**
 * When the loader switches a track's rendition (a proxy for the original, say), the element of the
 * one on screen stays until the other's element shows the frame at the playhead: no blank between.
 */
export function useRenditionHandover(track: Track): RenditionHandover {
  const loaded = useLoadedRendition(track.id);
  const [shown, setShown] = useState(loaded);
  const shownSource = useRenditionSource(track, shown);
  const loadedSource = useRenditionSource(track, loaded);
  // What was on screen is gone from the cache (released under a remount): start from what is
  // loaded. Adjusted while rendering, as React advises for state derived from changed input.
  if (!shownSource && loadedSource && shown !== loaded) setShown(loaded);
  const takeOver = useCallback(() => setShown(loaded), [loaded]);
  const onScreenRendition = shownSource ? shown : loaded;
  const onScreenSource = shownSource ?? loadedSource;
  return {
    onScreen: onScreenSource && { rendition: onScreenRendition, source: onScreenSource },
    incoming: onScreenRendition !== loaded && loadedSource ? { rendition: loaded, source: loadedSource } : undefined,
    takeOver,
  };
}
