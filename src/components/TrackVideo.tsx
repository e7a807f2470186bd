import { mountedRuns, mountedRunsKey, usePlaybackContext } from '../playback';
import { useTrackSource } from '../sources';
import { selectLoadState, useCompositorSelector, type Track } from '../state';
import { ClipVideo } from './ClipVideo';
import { TrackPlaceholder } from './TrackPlaceholder';

export interface TrackVideoProps {
  track: Track;
}

/**
 * A track's media on the canvas: an element for the clip under the playhead and, while playing,
 * one for the next clip after a cut, decoded ahead so the cut does not freeze. Outside every clip
 * it shows nothing and holds no element. Mount it only for a visible track whose source is ready:
 * while mounted it holds that source.
 */
export function TrackVideo({ track }: TrackVideoProps) {
  const source = useTrackSource(track);
  const { options } = usePlaybackContext();
  const attempt = useCompositorSelector((state) => selectLoadState(state, track.id).attempt);
  const runsKey = useCompositorSelector((state) =>
    mountedRunsKey(state, track, { aheadMs: options.prerollMs, behindMs: options.keepBehindMs }),
  );

  if (!source) return <TrackPlaceholder state="loading" trackName={track.name} />;
  return mountedRuns(track, runsKey).map(({ run, active }) => (
    <ClipVideo key={run.firstClip} track={track} source={source} run={run} active={active} attempt={attempt} />
  ));
}
