import { useEffect } from 'react';
import { partClass, useRenderer, type StyleProps } from '../render';
import { compositionResized, selectTracksInPaintOrder, useCompositorDispatch, useCompositorSelector } from '../state';
import { TrackLayer } from './TrackLayer';

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
      {tracks.map((track) => (
        <TrackLayer key={track.id} track={track} compositionWidth={width} compositionHeight={height} />
      ))}
    </div>
  );
}
