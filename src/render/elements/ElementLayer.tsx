import { useState } from 'react';
import { mountedRuns, mountedRunsKey, usePlaybackContext } from '../../playback';
import { useLoadedRendition, useRenditionSource } from '../../sources';
import { selectLoadState, useCompositorSelector } from '../../state';
import type { RendererLayerProps } from '../renderer';
import { TrackPlaceholder } from '../TrackPlaceholder';
import { ClipVideo } from './ClipVideo';

/**
 * The element renderer's layer: a `<video>` for the clip under the playhead and, while playing,
 * one for the next clip after a cut, decoded ahead so the cut does not freeze. Outside every clip
 * it shows nothing and holds no element. Mount it only for a visible track whose source is ready:
 * while mounted it holds that source.
 */
export function ElementLayer({ track }: RendererLayerProps) {
  // When the loader switches renditions (a proxy for the original, say), the element of the one
  // on screen stays until the other's element shows the frame at the playhead: no blank between.
  const loaded = useLoadedRendition(track.id);
  const [shown, setShown] = useState(loaded);
  const shownSource = useRenditionSource(track, shown);
  const loadedSource = useRenditionSource(track, loaded);
  const onScreen = shownSource ? shown : loaded;
  const source = shownSource ?? loadedSource;
  const incoming = onScreen !== loaded ? loadedSource : undefined;
  // What was on screen is gone from the cache (released under a remount): start from what is
  // loaded. Adjusted while rendering, as React advises for state derived from changed input.
  if (!shownSource && loadedSource && shown !== loaded) setShown(loaded);
  const { options } = usePlaybackContext();
  const attempt = useCompositorSelector((state) => selectLoadState(state, track.id).attempt);
  const runsKey = useCompositorSelector((state) =>
    mountedRunsKey(state, track, { aheadMs: options.prerollMs, behindMs: options.keepBehindMs }),
  );

  if (!source) return <TrackPlaceholder state="loading" trackName={track.name} />;
  return mountedRuns(track, runsKey).flatMap(({ run, active }) => {
    const common = { track, run, attempt };
    // Keyed by rendition too: the element taking over keeps its key, so it is not made again.
    const elements = [<ClipVideo key={`${run.firstClip}:${onScreen}`} {...common} source={source} rendition={onScreen} active={active} />];
    if (active && incoming) {
      elements.push(
        <ClipVideo
          key={`${run.firstClip}:${loaded}`}
          {...common}
          source={incoming}
          rendition={loaded}
          active={false}
          waitAt="playhead"
          onStandbyReady={() => setShown(loaded)}
        />,
      );
    }
    return elements;
  });
}
