import { mountedRuns, mountedRunsKey, usePlaybackContext } from '../../playback';
import { isStillKind, selectLoadState, useCompositorSelector } from '../../state';
import type { RendererLayerProps } from '../renderer';
import { TrackPlaceholder } from '../TrackPlaceholder';
import { ClipVideo } from './ClipVideo';
import { StillElementLayer } from './StillElementLayer';
import { useRenditionHandover } from './useRenditionHandover';

/**
 * The element renderer's layer: a `<video>` for the clip under the playhead and, while playing,
 * one for the next clip after a cut, decoded ahead so the cut does not freeze. Outside every clip
 * it shows nothing and holds no element. Mounted only for a seen track whose source is ready:
 * while mounted it holds that source.
 */
export function ElementLayer({ track }: RendererLayerProps) {
  return isStillKind(track.kind) ? <StillElementLayer track={track} /> : <VideoElementLayer track={track} />;
}

function VideoElementLayer({ track }: RendererLayerProps) {
  const { onScreen, incoming, takeOver } = useRenditionHandover(track);
  const { options } = usePlaybackContext();
  const attempt = useCompositorSelector((state) => selectLoadState(state, track.id).attempt);
  const runsKey = useCompositorSelector((state) =>
    mountedRunsKey(state, track, { aheadMs: options.prerollMs, behindMs: options.keepBehindMs }),
  );

  if (!onScreen) return <TrackPlaceholder state="loading" trackName={track.name} />;
  // While a clip is on screen the box is filled with the composite's background, as the canvas
  // renderer paints it: a `<video>` covers only its picture's place, which a look's fit and crop
  // can make smaller than the box.
  const runs = mountedRuns(track, runsKey);
  const fill = runs.some(({ active }) => active) ? [<div key="fill" className="mtk-layer-fill" />] : [];
  return [...fill, ...runs.flatMap(({ run, active }) => {
    const common = { track, run, attempt };
    // Keyed by rendition too: the element taking over keeps its key, so it is not made again.
    const elements = [
      <ClipVideo key={`${run.firstClip}:${onScreen.rendition}`} {...common} source={onScreen.source} rendition={onScreen.rendition} active={active} />,
    ];
    if (active && incoming) {
      elements.push(
        <ClipVideo
          key={`${run.firstClip}:${incoming.rendition}`}
          {...common}
          source={incoming.source}
          rendition={incoming.rendition}
          active={false}
          waitAt="playhead"
          onStandbyReady={takeOver}
        />,
      );
    }
    return elements;
  })];
}
