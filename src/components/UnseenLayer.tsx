import { TrackPlaceholder } from '../render';
import type { Track } from '../state';
import { layerBoxStyle } from './TrackLayer';

export interface UnseenLayerProps {
  track: Track;
  /** Hidden by the user, or laid out wholly off the composite. */
  state: 'hidden' | 'off-composite';
  compositionWidth: number;
  compositionHeight: number;
}

/**
 * Where the selected track sits when nobody can see it: its outline and a placeholder saying why,
 * and nothing else. It reads no store, holds nothing and lets clicks through to the layers under
 * it. `CompositeView` draws it for the selected track only when that track is unseen.
 */
export function UnseenLayer({ track, state, compositionWidth, compositionHeight }: UnseenLayerProps) {
  return (
    <div
      role="group"
      aria-label={`${track.name} layer`}
      data-track-id={track.id}
      data-status={state}
      data-selected
      data-seen={false}
      className="mtk-layer"
      style={layerBoxStyle(track.layout, compositionWidth, compositionHeight)}
    >
      <TrackPlaceholder state={state} trackName={track.name} />
    </div>
  );
}
