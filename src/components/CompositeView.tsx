import { useCallback, useEffect, useMemo } from 'react';
import { partClass, useRenderer, type StyleProps } from '../render';
import {
  compositionResized,
  selectSelectedTrackId,
  selectTrackIdsToLoad,
  selectTracksInPaintOrder,
  trackSelected,
  useCompositorDispatch,
  useCompositorSelector,
} from '../state';
import { TrackLayer } from './TrackLayer';
import { UnseenLayer } from './UnseenLayer';

export interface CompositeViewProps extends StyleProps {
  /** Width of the composition, in the pixels that track layouts use. */
  width?: number;
  /** Height of the composition, in the pixels that track layouts use. */
  height?: number;
}

/**
 * Lays out every track as a positioned layer in paint order: its picture for a track whose media
 * is ready, a placeholder (Queued, Loading, Hidden, Off composite, Error) for the others. It tells
 * the store its size, so layers laid out wholly outside it hold nothing.
 */
export function CompositeView({ width = 640, height = 360, className, style }: CompositeViewProps) {
  const dispatch = useCompositorDispatch();
  const { renderer } = useRenderer();
  const tracks = useCompositorSelector(selectTracksInPaintOrder);
  const seenIds = useCompositorSelector(selectTrackIdsToLoad);
  const selectedId = useCompositorSelector(selectSelectedTrackId);
  const seen = useMemo(() => new Set(seenIds), [seenIds]);
  const select = useCallback((trackId: string) => dispatch(trackSelected(trackId)), [dispatch]);
  useEffect(() => {
    dispatch(compositionResized({ width, height }));
  }, [dispatch, width, height]);
  const { Surface } = renderer;
  return (
    <div
      role="region"
      aria-label="Composite"
      data-renderer={renderer.name}
      className={partClass('mtk-composite', className)}
      style={{ aspectRatio: `${width} / ${height}`, ...style }}
    >
      {Surface && <Surface width={width} height={height} />}
      {tracks.map((track) =>
        // Only a seen track gets a full layer (store subscriptions, the renderer); the rest a box.
        seen.has(track.id) ? (
          <TrackLayer key={track.id} track={track} compositionWidth={width} compositionHeight={height} />
        ) : (
          <UnseenLayer
            key={track.id}
            track={track}
            state={track.visible ? 'off-composite' : 'hidden'}
            selected={selectedId === track.id}
            compositionWidth={width}
            compositionHeight={height}
            onSelect={select}
          />
        ),
      )}
    </div>
  );
}
