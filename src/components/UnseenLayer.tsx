import { memo } from 'react';
import { TrackPlaceholder } from '../render';
import type { Track } from '../state';
import { layerBoxStyle } from './TrackLayer';

export interface UnseenLayerProps {
  track: Track;
  /** Hidden by the user, or laid out wholly off the composite. */
  state: 'hidden' | 'off-composite';
  selected: boolean;
  compositionWidth: number;
  compositionHeight: number;
  onSelect(trackId: string): void;
}

/**
 * The layer of a track nobody can see: its box and a placeholder saying why, and nothing else.
 * It reads no store and holds nothing, so a project of a thousand hidden tracks costs what its
 * boxes cost; `CompositeView` draws it instead of `TrackLayer` for every unseen track.
 */
export const UnseenLayer = memo(function UnseenLayer({ track, state, selected, compositionWidth, compositionHeight, onSelect }: UnseenLayerProps) {
  return (
    <div
      role="group"
      aria-label={`${track.name} layer`}
      data-track-id={track.id}
      data-status={state}
      data-selected={selected || undefined}
      data-seen={false}
      className="mtk-layer"
      onClick={() => onSelect(track.id)}
      style={layerBoxStyle(track.layout, compositionWidth, compositionHeight)}
    >
      <TrackPlaceholder state={state} trackName={track.name} />
    </div>
  );
});
