import { useCallback, useEffect, useMemo, useRef, type CSSProperties } from 'react';
import { partClass, percentOf as percent, TrackPlaceholder, useLookMotion, useRenderer, type PlaceholderState, type StyleProps } from '../render';
import { useSourceContext } from '../sources';
import {
  clipMotion,
  holdsMedia,
  planTrackLayer,
  retryCanHelp,
  selectClipAtPlayhead,
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
  type PlannedLayer,
  type Track,
} from '../state';
import { SuspendedTrack } from './SuspendedTrack';

export interface TrackLayerProps extends StyleProps {
  track: Track;
  compositionWidth: number;
  compositionHeight: number;
}

/** CSS's name for each blend mode of a look (`add` is `plus-lighter` there). */
const cssBlend: Record<PlannedLayer['blend'], CSSProperties['mixBlendMode']> = {
  normal: 'normal',
  multiply: 'multiply',
  screen: 'screen',
  overlay: 'overlay',
  lighten: 'lighten',
  darken: 'darken',
  add: 'plus-lighter',
};

/**
 * A layer's box on the composite, from its plan: sized in percent of the composition, placed,
 * scaled, rotated and flipped by the plan's matrix, stacked by order. The matrix's move is in
 * composition pixels; written as a percentage of the box's own size it holds at any view size,
 * so the box needs no measuring.
 */
function layerBoxStyle(layer: PlannedLayer, order: number, compositionWidth: number, compositionHeight: number, style?: CSSProperties): CSSProperties {
  const { width, height } = layer.look;
  const [a, b, c, d, e, f] = layer.matrix;
  const along = (move: number, size: number) => (size > 0 ? (move / size) * 100 : 0);
  return {
    left: 0,
    top: 0,
    width: percent(width, compositionWidth),
    height: percent(height, compositionHeight),
    transformOrigin: '0 0',
    transform: `translate(${along(e, width)}%, ${along(f, height)}%) matrix(${a}, ${b}, ${c}, ${d}, 0, 0)`,
    opacity: layer.opacity,
    mixBlendMode: cssBlend[layer.blend],
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
  const clip = useCompositorSelector((state) => selectClipAtPlayhead(state, track));
  const layer = useMemo(() => planTrackLayer(track, clip?.look), [track, clip]);
  // A clip with keyframes moves the box on every frame, outside React.
  const box = useRef<HTMLDivElement>(null);
  const { order } = track.layout;
  const boxAt = useCallback(
    (playheadMs: number) => layerBoxStyle(planTrackLayer(track, clip?.look, undefined, clip && clipMotion(clip, playheadMs)), order, compositionWidth, compositionHeight, style),
    [track, clip, order, compositionWidth, compositionHeight, style],
  );
  useLookMotion(box, clip, boxAt);
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
  if (status === 'hidden' || status === 'off-composite' || status === 'covered' || status === 'error' || status === 'loading' || status === 'reconnecting') placeholder = status;
  // `muted` is an audio track's, and audio tracks have no layer: it says Queued if it ever comes.
  else if (status === 'muted' || !holdsMedia(status)) placeholder = 'queued';

  return (
    <div
      ref={box}
      role="group"
      aria-label={`${track.name} layer`}
      data-track-id={track.id}
      data-status={status}
      data-selected={selected || undefined}
      data-seen={seen}
      className={partClass('mtk-layer', className)}
      onClick={() => dispatch(trackSelected(track.id))}
      style={layerBoxStyle(layer, track.layout.order, compositionWidth, compositionHeight, style)}
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
          onRetry={retryCanHelp(load.error) ? () => dispatch(trackLoadRequested(track.id)) : undefined}
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
