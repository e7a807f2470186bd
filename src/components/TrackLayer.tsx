import { useEffect } from 'react';
import { useSourceContext } from '../sources';
import {
  holdsMedia,
  layoutOnComposite,
  selectCompositionSize,
  selectLoadState,
  selectPlayerLimit,
  selectSelectedTrackId,
  trackLoadForced,
  trackLoadRequested,
  trackSelected,
  useCompositorDispatch,
  useCompositorSelector,
  type Track,
} from '../state';
import { TrackPlaceholder, useRenderer, type PlaceholderState } from '../render';
import { SuspendedTrack } from './SuspendedTrack';

export interface TrackLayerProps {
  track: Track;
  compositionWidth: number;
  compositionHeight: number;
}

const percent = (part: number, whole: number) => `${(part / whole) * 100}%`;

/** One track on the canvas: its video when the source is ready, else a placeholder saying why not. */
export function TrackLayer({ track, compositionWidth, compositionHeight }: TrackLayerProps) {
  const dispatch = useCompositorDispatch();
  const load = useCompositorSelector((state) => selectLoadState(state, track.id));
  const selected = useCompositorSelector((state) => selectSelectedTrackId(state) === track.id);
  const playerLimit = useCompositorSelector(selectPlayerLimit);
  const onComposite = useCompositorSelector((state) => layoutOnComposite(track.layout, selectCompositionSize(state)));

  const { renderer, session } = useRenderer();
  const { options } = useSourceContext();
  const suspended = track.visible && load.status === 'suspended';
  // A still lives only while its track is suspended, and never beyond its layer.
  useEffect(() => {
    if (!suspended) session.releaseStill(track.id);
  }, [suspended, session, track.id]);
  useEffect(() => () => session.releaseStill(track.id), [session, track.id]);

  let placeholder: PlaceholderState | undefined;
  if (!track.visible) placeholder = 'hidden';
  else if (!onComposite) placeholder = 'off-composite';
  else if (load.status === 'error') placeholder = 'error';
  else if (load.status === 'loading') placeholder = 'loading';
  else if (!holdsMedia(load.status)) placeholder = 'queued';

  const { x, y, width, height, order } = track.layout;
  return (
    <div
      role="group"
      aria-label={`${track.name} layer`}
      data-track-id={track.id}
      data-selected={selected || undefined}
      onClick={() => dispatch(trackSelected(track.id))}
      style={{
        position: 'absolute',
        left: percent(x, compositionWidth),
        top: percent(y, compositionHeight),
        width: percent(width, compositionWidth),
        height: percent(height, compositionHeight),
        zIndex: order,
        outline: selected ? '2px solid #3b9cff' : 'none',
        outlineOffset: -2,
        pointerEvents: track.visible ? 'auto' : 'none',
      }}
    >
      {suspended ? (
        <SuspendedTrack
          trackId={track.id}
          trackName={track.name}
          reason={
            playerLimit !== undefined && playerLimit < options.decoderBudget.maxDecoders
              ? `The browser allows ${playerLimit} video players at once`
              : `Over the decoder budget (${options.decoderBudget.maxDecoders} decoders)`
          }
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
