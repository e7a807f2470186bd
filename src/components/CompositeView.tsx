import { useEffect } from 'react';
import { partClass, useRenderer, type StyleProps } from '../render';
import {
  compositionResized,
  selectSeenTracksInPaintOrder,
  selectCompositionBackground,
  selectSelectedTrackId,
  selectTrackById,
  selectTracksInPaintOrder,
  useCompositorDispatch,
  useCompositorSelector,
} from '../state';
import { LayerHandles } from './LayerHandles';
import { TrackLayer } from './TrackLayer';
import { useLayerHandles } from './useLayerHandles';

export interface CompositeViewProps extends StyleProps {
  /** Width of the composition, in the pixels that track layouts use. */
  width?: number;
  /** Height of the composition, in the pixels that track layouts use. */
  height?: number;
  /**
   * Handles on the selected layer: a press selects the topmost layer under it and drags it, its
   * corners scale it, a handle turns it, arrow keys nudge (`useLayerHandles`). Off by default: a
   * viewer that only plays selects a layer by a click.
   */
  handles?: boolean;
}

/**
 * Lays out the tracks a person can see as positioned layers in paint order: its picture for a
 * track whose media is ready, a placeholder (Queued, Loading, Error) for the others. A hidden
 * layer, or one laid out wholly off the composite, draws nothing here, as in an editor's viewer
 * (its track row says Hidden or Off composite), except the selected one: its outline and a Hidden
 * placeholder show where it sits. So a project of a thousand hidden tracks costs the composite
 * nothing. It tells the store its size, so layers laid out wholly outside it hold nothing. With no
 * picture to show it says why ("Sound only: no picture to show", "No tracks yet").
 */
export function CompositeView({ width = 640, height = 360, handles = false, className, style }: CompositeViewProps) {
  const dispatch = useCompositorDispatch();
  const { renderer } = useRenderer();
  const seen = useCompositorSelector(selectSeenTracksInPaintOrder);
  const selectedId = useCompositorSelector(selectSelectedTrackId);
  const selected = useCompositorSelector((state) => (selectedId == null ? undefined : selectTrackById(state, selectedId)));
  const selectedUnseen = selected && !seen.includes(selected) ? selected : undefined;
  // A host's background colour is the theme's property here, so everything drawn with it (the
  // composite, a layer's box around its picture, the canvas renderer's painting) follows it.
  const background = useCompositorSelector(selectCompositionBackground);
  // What there is to see, for a composite with no picture to say why it is empty.
  const contents = useCompositorSelector((state) => {
    const tracks = selectTracksInPaintOrder(state);
    return tracks.length === 0 ? 'nothing' : tracks.some((track) => track.kind !== 'audio') ? 'pictures' : 'sound';
  });
  useEffect(() => {
    dispatch(compositionResized({ width, height }));
  }, [dispatch, width, height]);
  const layerHandles = useLayerHandles({ width, height, enabled: handles });
  const { style: regionStyle, ...regionProps } = handles ? layerHandles.regionProps : { style: undefined };
  const { Surface } = renderer;
  return (
    <div
      role="region"
      aria-label="Composite"
      data-renderer={renderer.name}
      className={partClass('mtk-composite', className)}
      {...regionProps}
      style={{ aspectRatio: `${width} / ${height}`, ...(background === undefined ? {} : { '--mtk-composite-background': background }), ...regionStyle, ...style }}
    >
      {Surface && <Surface width={width} height={height} />}
      {seen.map((track) => (
        <TrackLayer key={track.id} track={track} compositionWidth={width} compositionHeight={height} />
      ))}
      {selectedUnseen && (
        // Drawn last: an outline over the layers (its layer says Hidden and lets clicks through),
        // not a picture among them.
        <TrackLayer key={selectedUnseen.id} track={selectedUnseen} compositionWidth={width} compositionHeight={height} />
      )}
      {contents !== 'pictures' && (
        <p role="note" className="mtk-composite-note">
          {contents === 'sound' ? 'Sound only: no picture to show' : 'No tracks yet'}
        </p>
      )}
      {handles && <LayerHandles handles={layerHandles} width={width} height={height} />}
    </div>
  );
}
