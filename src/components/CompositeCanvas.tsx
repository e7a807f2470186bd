import { selectTracksInPaintOrder, useCompositorSelector } from '../state';
import { TrackLayer } from './TrackLayer';

export interface CompositeCanvasProps {
  /** Width of the composition, in the pixels that track layouts use. */
  width?: number;
  /** Height of the composition, in the pixels that track layouts use. */
  height?: number;
}

/**
 * Draws every track as a positioned layer in paint order: a video for a track whose media is
 * ready, a placeholder (Queued, Loading, Hidden, Error) for the others.
 */
export function CompositeCanvas({ width = 640, height = 360 }: CompositeCanvasProps) {
  const tracks = useCompositorSelector(selectTracksInPaintOrder);
  return (
    <div
      role="region"
      aria-label="Composite"
      style={{
        position: 'relative',
        width: '100%',
        aspectRatio: `${width} / ${height}`,
        background: '#000',
        overflow: 'hidden',
      }}
    >
      {tracks.map((track) => (
        <TrackLayer key={track.id} track={track} compositionWidth={width} compositionHeight={height} />
      ))}
    </div>
  );
}
