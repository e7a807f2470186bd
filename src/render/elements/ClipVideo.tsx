import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { isStreamedSource, toLoadError, type ResolvedSource } from '../../sources';
import {
  playerLimitReached,
  selectLoadState,
  trackLoadFailed,
  useCompositorDispatch,
  useCompositorStore,
  type ClipRun,
  type Rendition,
  type Track,
} from '../../state';
import { reportMedia } from '../reportMedia';
import { TrackPlaceholder } from '../TrackPlaceholder';
import { useElementSession } from './elementSession';
import { isPlayerRefused, mediaElementError } from './mediaElementErrors';
import { useClipSync } from './useClipSync';
import { useRangeLossWatch } from './rangeLossWatch';
import { usePicturePlacement } from './usePicturePlacement';

export interface ClipVideoProps {
  track: Track;
  source: ResolvedSource;
  run: ClipRun;
  /** On screen now; an inactive element waits, hidden and paused, on the first frame of its run. */
  active: boolean;
  attempt: number;
  /** Which rendition of the track's media `source` is. */
  rendition: Rendition;
  /** Inactive, wait at the playhead instead (to take over from another rendition's element). */
  waitAt?: 'start' | 'playhead';
  /** Told when an element waiting at the playhead shows the frame there. */
  onStandbyReady?: () => void;
}

/** One `<video>` playing one run of a track's clips, kept on the master clock. */
export function ClipVideo({ track, source, run, active, attempt, rendition, waitAt, onStandbyReady }: ClipVideoProps) {
  const { decoders, stills } = useElementSession();
  const store = useCompositorStore();
  const dispatch = useCompositorDispatch();
  const ref = useRef<HTMLVideoElement>(null);
  const { url } = source;
  // A streamed source reads only what its first frame needs until it plays; one held whole reads freely.
  const preload = isStreamedSource(source) ? 'metadata' : 'auto';
  useRangeLossWatch(ref, url, isStreamedSource(source), track.id, attempt);
  // Until the element decodes a frame, a person sees Loading, not a black box (a streamed source
  // is ready as soon as its probe answers, long before its first frame on a slow link).
  const [hasFrame, setHasFrame] = useState(false);
  // Placed as the composite plan says, for the look of the clip under the playhead.
  const placement = usePicturePlacement(track, ref);
  // Read when the element goes away; a change of `active` must not reload the element.
  const onScreen = useRef(active);
  useEffect(() => {
    onScreen.current = active;
  }, [active]);

  // The element takes its source here and gives it back on the way out: without src and a
  // load() the decoder and its buffers outlive the element, and the source must only be
  // released (its object URL revoked) once no element reads it.
  useLayoutEffect(() => {
    const video = ref.current;
    if (!video) return;
    video.src = url;
    const releaseDecoder = decoders.acquire();
    return () => {
      // Going away for the decoder budget: keep a small still of what it showed.
      if (onScreen.current && selectLoadState(store.getState(), track.id).status === 'suspended' && video.readyState >= HTMLMediaElement.HAVE_CURRENT_DATA) {
        stills.capture(track.id, video, video.videoWidth, video.videoHeight);
      }
      video.pause();
      video.removeAttribute('src');
      video.load();
      releaseDecoder();
    };
  }, [url, decoders, store, stills, track.id]);

  useClipSync(ref, url, {
    trackId: track.id,
    run,
    active,
    attempt,
    frameRate: track.source?.frameRate,
    sourcePreload: preload,
    waitAt,
    onStandbyReady,
  });

  return (
    <>
      <video
        ref={ref}
        data-track-id={track.id}
        data-clip={run.firstClip}
        data-active={active || undefined}
        data-rendition={rendition}
        aria-label={`${track.name} video`}
        aria-hidden={!active || undefined}
        crossOrigin={source.crossOrigin}
        muted
        playsInline
        preload={preload}
        onLoadedData={() => setHasFrame(true)}
        onLoadedMetadata={(event) => {
          const { videoWidth, videoHeight, duration } = event.currentTarget;
          reportMedia(store, dispatch, track.id, { width: videoWidth, height: videoHeight, durationMs: duration * 1000 });
        }}
        onError={(event) => {
          const { code, message } = event.currentTarget.error ?? {};
          if (isPlayerRefused(code, message)) {
            // Not the file's fault: the browser has no player to spare. Wait for one.
            dispatch(playerLimitReached({ id: track.id, attempt, livePlayers: decoders.count() - 1 }));
            return;
          }
          const error = mediaElementError(url, code, track.name);
          dispatch(trackLoadFailed({ id: track.id, attempt, error: toLoadError(error) }));
        }}
        className="mtk-video"
        style={{ ...placement, visibility: active ? 'visible' : 'hidden' }}
      />
      {active && !hasFrame && <TrackPlaceholder state="loading" trackName={track.name} />}
    </>
  );
}
