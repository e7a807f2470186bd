import { useEffect, type CSSProperties } from 'react';
import { partClass, TrackPlaceholder, useRenderer, type PlaceholderState, type StyleProps } from '../render';
import { useSourceContext } from '../sources';
import {
  holdsMedia,
  isSeenStatus,
  selectLayerStatus,
  selectLoadState,
  selectPlayerLimit,
  selectSelectedTrackId,
  suspensionReason,
  trackLoadForced,
  trackLoadRequested,
  trackSelected,
  useCompositorDispatch,
  useCompositorSelector,
  type Track,
} from '../state';
import { SuspendedTrack } from './SuspendedTrack';

export interface TrackLayerProps extends StyleProps {
  track: Track;
  compositionWidth: number;
  compositionHeight: number;
}

const percent = (part: number, whole: number) => `${(part / whole) * 100}%`;

/** A layer's box on the composite: its layout in percent of the composition, stacked by order. */
function layerBoxStyle(layout: Track['layout'], compositionWidth: number, compositionHeight: number, style?: CSSProperties): CSSProperties {
  const { x, y, width, height, order } = layout;
  return {
    left: percent(x, compositionWidth),
    top: percent(y, compositionHeight),
    width: percent(width, compositionWidth),
    height: percent(height, compositionHeight),
    zIndex: order,
    ...style,
  };
}

/**
 * One track on the composite, at its layout's place: the renderer's picture when its media is
 * ready, else a placeholder saying why not. `data-status` carries the load status (or `hidden`,
 * `off-composite`), `data-selected` and `data-seen` the rest of its state.
 */
export function TrackLayer({ track, compositionWidth, compositionHeight, className, style }: TrackLayerProps) {
  const dispatch = useCompositorDispatch();
  const load = useCompositorSelector((state) => selectLoadState(state, track.id));
  const status = useCompositorSelector((state) => selectLayerStatus(state, track));
  const selected = useCompositorSelector((state) => selectSelectedTrackId(state) === track.id);
  const playerLimit = useCompositorSelector(selectPlayerLimit);
  const { renderer, session } = useRenderer();
  const { options } = useSourceContext();
  const seen = isSeenStatus(status);
  const suspended = status === 'suspended';
  // A still lives only while its track is suspended, and never beyond its layer.
  useEffect(() => {
    if (!suspended) session.releaseStill(track.id);
  }, [suspended, session, track.id]);
  useEffect(() => () => session.releaseStill(track.id), [session, track.id]);

  let placeholder: PlaceholderState | undefined;
  if (status === 'hidden' || status === 'off-composite' || status === 'error' || status === 'loading' || status === 'reconnecting') placeholder = status;
  // `muted` is an audio track's, and audio tracks have no layer: it says Queued if it ever comes.
  else if (status === 'muted' || !holdsMedia(status)) placeholder = 'queued';

  return (
    <div
      role="group"
      aria-label={`${track.name} layer`}
      data-track-id={track.id}
      data-status={status}
      data-selected={selected || undefined}
      data-seen={seen}
      className={partClass('mtk-layer', className)}
      onClick={() => dispatch(trackSelected(track.id))}
      style={layerBoxStyle(track.layout, compositionWidth, compositionHeight, style)}
    >
      {suspended ? (
        <SuspendedTrack
          trackId={track.id}
          trackName={track.name}
          reason={suspensionReason(playerLimit, options.decoderBudget)}
          onLoadAnyway={() => dispatch(trackLoadForced(track.id))}
        />
      ) : placeholder ? (
        <TrackPlaceholder
          state={placeholder}
          trackName={track.name}
          error={load.error}
          onRetry={() => dispatch(trackLoadRequested(track.id))}
        />
      ) : (
        <>
          <renderer.Layer track={track} />
          {load.status === 'buffering' && <TrackPlaceholder state="buffering" trackName={track.name} />}
        </>
      )}
    </div>
  );
}
