import { holdsMedia, selectHeardTracksInPaintOrder, selectLoadState, useCompositorSelector, type Track } from '../state';
import { TrackSound } from './TrackSound';

function HeldTrackSound({ track }: { track: Track }) {
  const held = useCompositorSelector((state) => holdsMedia(selectLoadState(state, track.id).status));
  return held ? <TrackSound track={track} /> : null;
}

/**
 * The compositor's sound: a player for every audio track a person can hear whose media is
 * ready. What is muted or soloed out has no player, so it holds nothing. The provider mounts it.
 */
export function TrackSounds() {
  const heard = useCompositorSelector(selectHeardTracksInPaintOrder);
  return heard.map((track) => <HeldTrackSound key={track.id} track={track} />);
}
