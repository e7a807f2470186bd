import { useEffect, useRef, useState } from 'react';
import { usePlaybackContext } from '../../playback';
import { mediaReadError, rangeLossNote, toLoadError, useLoadedRendition, useRenditionSource, useSourceContext, type ReadWatch } from '../../sources';
import {
  isStillKind,
  selectCompositeRunning,
  selectIsPlaying,
  selectLoadState,
  trackLoadFailed,
  trackSourceNoted,
  useCompositorDispatch,
  useCompositorSelector,
  useCompositorStore,
} from '../../state';
import { watchStarvation, type StarvationWatch } from '../starvationWatch';
import type { RendererLayerProps } from '../renderer';
import { reportMedia } from '../reportMedia';
import { TrackPlaceholder } from '../TrackPlaceholder';
import { useCanvasSession, type LayerShown } from './canvasSession';
import { openVideo } from './openVideo';
import { StillCanvasLayer } from './StillCanvasLayer';

const notShown: LayerShown = { onClip: false, exact: true, drawn: false, silentMs: 0 };

/**
 * The canvas renderer's layer: opens the track's picture for decoding and hands it to the
 * session, which draws it into the composite's one canvas. It draws nothing of its own but a
 * Loading placeholder until its first frame, and says when it cannot keep up (Buffering), so the
 * composite waits for it, as an element layer does. Unmounted, its decoders and frames go.
 */
export function CanvasLayer({ track }: RendererLayerProps) {
  return isStillKind(track.kind) ? <StillCanvasLayer track={track} /> : <VideoCanvasLayer track={track} />;
}

function VideoCanvasLayer({ track }: RendererLayerProps) {
  const session = useCanvasSession();
  const { seeks, options } = usePlaybackContext();
  const store = useCompositorStore();
  const dispatch = useCompositorDispatch();
  const trackId = track.id;
  const attempt = useCompositorSelector((state) => selectLoadState(state, trackId).attempt);
  const wantsToPlay = useCompositorSelector(selectIsPlaying);
  const rendition = useLoadedRendition(trackId);
  const source = useRenditionSource(track, rendition);
  const [software, setSoftware] = useState(false);
  const [drawn, setDrawn] = useState(false);
  const latest = useRef({ track, attempt });
  const shown = useRef<LayerShown>(notShown);
  /** Told when what the layer shows changes between exact and not. */
  const buffering = useRef<StarvationWatch | undefined>(undefined);
  const endSeek = useRef<(() => void) | undefined>(undefined);
  /** The file the layer reads (the rendition's URL) and its requests, once open. */
  const [opened, setOpened] = useState<{ url: string; reads: ReadWatch } | undefined>(undefined);
  const { noBytesTimeoutMs } = useSourceContext().options;

  useEffect(() => {
    latest.current = { track, attempt };
    session.requestDraw();
  }, [track, attempt, session]);

  useEffect(() => {
    if (!source) return;
    const { id } = latest.current.track;
    const fail = (error: unknown) => dispatch(trackLoadFailed({ id, attempt: latest.current.attempt, error: toLoadError(mediaReadError(source.url, error, 'picture')) }));
    let gone = false;
    let unregister: (() => void) | undefined;
    let dispose: (() => void) | undefined;
    openVideo(source, { hardwareAcceleration: software ? 'prefer-software' : 'no-preference', inFlight: session.options.decoderInFlight }).then(
      (video) => {
        if (gone) return video.dispose();
        dispose = video.dispose;
        reportMedia(store, dispatch, id, video);
        setOpened({ url: source.url, reads: video.reads });
        unregister = session.register(
          {
            trackId: id,
            track: () => latest.current.track,
            video,
            onShown(now) {
              const before = shown.current;
              shown.current = now;
              if (now.drawn && !before.drawn) setDrawn(true);
              // A hardware decoder that gives nothing (some pools never output): a software one instead.
              if (!software && now.silentMs > session.options.silentDecoderMs) setSoftware(true);
              if (now.exact !== before.exact || now.onClip !== before.onClip) {
                buffering.current?.evaluate();
                // Paused, a layer decoding toward the playhead is a seek in flight: scrubbing waits for it.
                if (!now.exact && !selectCompositeRunning(store.getState())) endSeek.current ??= seeks.begin();
                if (now.exact) {
                  endSeek.current?.();
                  endSeek.current = undefined;
                }
              }
            },
            onError: fail,
            saysBuffering: () => selectLoadState(store.getState(), id).status === 'buffering',
          },
          () => selectLoadState(store.getState(), id).status === 'suspended',
        );
      },
      (error: unknown) => {
        if (!gone) fail(error);
      },
    );
    return () => {
      gone = true;
      unregister?.();
      dispose?.();
      shown.current = notShown;
      endSeek.current?.();
      endSeek.current = undefined;
      setOpened(undefined);
    };
  }, [source, software, session, store, dispatch, seeks]);

  // A server that stops honouring Range while the track plays: it plays on (its reader reads the
  // file from the start), and its row says why seeking is slow, as under the element renderer.
  useEffect(() => {
    if (!opened) return;
    return opened.reads.onRangeLost((error) => dispatch(trackSourceNoted({ id: trackId, attempt: latest.current.attempt, note: rangeLossNote(error) })));
  }, [opened, trackId, dispatch]);

  // While it plays: starved past the grace, it says Buffering and the composite waits for it; a
  // reader stuck waiting for bytes fails the track as a network fault (`watchStarvation`).
  useEffect(() => {
    if (!wantsToPlay) return;
    const watch = watchStarvation(store, {
      trackId,
      attempt: () => latest.current.attempt,
      url: opened?.url ?? '',
      graceMs: options.bufferingGraceMs,
      noBytesMs: noBytesTimeoutMs,
      layer: {
        canPlayOn: () => shown.current.exact,
        fetching: () => opened?.reads.fetching() ?? false,
        // The session says when what it shows changes (`onShown` calls `evaluate`).
        listen: (_changed, bytes) => opened?.reads.onBytes(bytes) ?? (() => undefined),
      },
      // Said, the wait need not hide the others' frames at the playhead any longer.
      onStarved: () => session.requestDraw(),
    });
    buffering.current = watch;
    return () => {
      buffering.current = undefined;
      watch.stop();
    };
  }, [wantsToPlay, trackId, store, session, options.bufferingGraceMs, opened, noBytesTimeoutMs]);

  return (
    <>
      {!drawn && <TrackPlaceholder state="loading" trackName={track.name} />}
      {software && (
        <span className="mtk-layer-note" role="note" data-decoder="software">
          Decoding in software
        </span>
      )}
    </>
  );
}
