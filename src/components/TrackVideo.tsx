import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { mediaElementError, toLoadError, useSourceContext, useTrackSource } from '../sources';
import { TrackPlaceholder } from './TrackPlaceholder';
import {
  selectIsPlaying,
  selectLoadState,
  selectPlayheadMs,
  selectSeekRevision,
  sourceTimeAt,
  trackLoadFailed,
  useCompositorDispatch,
  useCompositorSelector,
  useCompositorStore,
  type Track,
} from '../state';

export interface TrackVideoProps {
  track: Track;
}

/**
 * One track's `<video>`, kept at the playhead and playing with the transport. Mount it only for
 * a visible track whose source is ready: while mounted it holds that source.
 */
export function TrackVideo({ track }: TrackVideoProps) {
  const source = useTrackSource(track);
  const { decoders } = useSourceContext();
  const url = source?.url;
  // Until the element decodes a frame, a person sees Loading, not a black box (a streamed source
  // is ready as soon as its probe answers, long before its first frame on a slow link).
  const [frameShownFor, setFrameShownFor] = useState<string | undefined>();
  const hasFrame = url !== undefined && frameShownFor === url;
  const ref = useRef<HTMLVideoElement>(null);
  const store = useCompositorStore();
  const dispatch = useCompositorDispatch();
  const playing = useCompositorSelector(selectIsPlaying);
  const seekRevision = useCompositorSelector(selectSeekRevision);
  const attempt = useCompositorSelector((state) => selectLoadState(state, track.id).attempt);

  // The element takes its source here and gives it back on the way out: without src and a
  // load() the decoder and its buffers outlive the element, and the source must only be
  // released (its object URL revoked) once no element reads it.
  useLayoutEffect(() => {
    const video = ref.current;
    if (!video || !url) return;
    video.src = url;
    const releaseDecoder = decoders.acquire();
    return () => {
      video.pause();
      video.removeAttribute('src');
      video.load();
      releaseDecoder();
    };
  }, [url, decoders]);

  useEffect(() => {
    const video = ref.current;
    if (!video) return;
    video.currentTime = sourceTimeAt(track, selectPlayheadMs(store.getState()));
    // Re-seek on explicit seeks and clip changes only; the clock's ticks are not seeks.
  }, [seekRevision, url, track, store]);

  useEffect(() => {
    const video = ref.current;
    if (!video) return;
    if (!playing) {
      video.pause();
      return;
    }
    video.play().catch((error: unknown) => {
      // A pause or unmount interrupting play() is expected; anything else shows on the element.
      if (!(error instanceof DOMException && error.name === 'AbortError')) video.pause();
    });
  }, [playing, url]);

  if (!source) return <TrackPlaceholder state="loading" trackName={track.name} />;

  return (
    <>
      <video
        ref={ref}
        data-track-id={track.id}
        aria-label={`${track.name} video`}
        crossOrigin={source.crossOrigin}
        muted
        playsInline
        preload={source.preload}
        onLoadedData={() => setFrameShownFor(url)}
        onError={(event) => {
          const error = mediaElementError(source.url, event.currentTarget.error?.code, track.name);
          dispatch(trackLoadFailed({ id: track.id, attempt, error: toLoadError(error) }));
        }}
        style={{ position: 'absolute', inset: 0, width: '100%', height: '100%', objectFit: 'contain', background: '#000' }}
      />
      {!hasFrame && <TrackPlaceholder state="loading" trackName={track.name} />}
    </>
  );
}
