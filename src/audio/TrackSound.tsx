import { useEffect, useRef, useState } from 'react';
import { usePlaybackContext } from '../playback';
import { MediaSourceError, toLoadError, useLoadedRendition, useRenditionSource } from '../sources';
import {
  clipAt,
  selectCompositeRunning,
  selectLoadState,
  sourceTimeAt,
  trackBufferingEnded,
  trackBufferingStarted,
  trackDurationLearnt,
  trackLoadFailed,
  useCompositorDispatch,
  useCompositorSelector,
  useCompositorStore,
  type Track,
} from '../state';
import { useAudioEngine, useAudioOutputState } from './audioEngineContext';
import { soundMediaError, type SoundMedia } from './soundMedia';
import { createScrubGrains } from './scrubGrains';
import { createTrackSoundPlayer, type TrackSoundPlayer } from './trackSoundPlayer';

/**
 * The sound of one heard audio track whose source is ready: opens its sound (learning its length,
 * or failing with a reason on the track), and while the audio output runs, plays it into the
 * track's channel strip on the clock. Draws nothing. Unmounting (muted, soloed out, removed,
 * released) stops the sound and lets go of every read, decoder and node it held.
 */
export function TrackSound({ track }: { track: Track }) {
  const engine = useAudioEngine();
  const outputState = useAudioOutputState();
  const { clock } = usePlaybackContext();
  const dispatch = useCompositorDispatch();
  const attempt = useCompositorSelector((state) => selectLoadState(state, track.id).attempt);
  const source = useRenditionSource(track, useLoadedRendition(track.id));
  const [media, setMedia] = useState<SoundMedia>();
  const clipsRef = useRef(track.clips);
  useEffect(() => {
    clipsRef.current = track.clips;
  }, [track.clips]);

  const trackId = track.id;
  useEffect(() => {
    if (!source) return;
    let opened: SoundMedia | undefined;
    let cancelled = false;
    engine.openSound(source).then(
      (sound) => {
        if (cancelled) return sound.dispose();
        opened = sound;
        setMedia(sound);
        dispatch(trackDurationLearnt({ id: trackId, durationMs: sound.durationMs }));
      },
      (error: unknown) => {
        if (!cancelled) dispatch(trackLoadFailed({ id: trackId, attempt, error: toLoadError(error) }));
      },
    );
    return () => {
      cancelled = true;
      opened?.dispose();
      setMedia(undefined);
    };
  }, [engine, source, attempt, trackId, dispatch]);

  // Until its sound is open, and while the output opens, the track cannot be heard: the composite
  // waits for it as for a layer's first frames, so Play starts sound and picture together.
  // (WebKitGTK takes a second or more to open a page's first sound and its output: sound started
  // without waiting lost that second.) A sound that joins a composite already playing (unmuted,
  // soloed in) joins when it is open: playback does not stop for it.
  const store = useCompositorStore();
  const opening = source !== undefined && media === undefined;
  const waiting = (source !== undefined && outputState === 'starting') || opening;
  useEffect(() => {
    if (!waiting) return;
    if (outputState !== 'starting' && selectCompositeRunning(store.getState())) return;
    dispatch(trackBufferingStarted({ id: trackId, attempt }));
    return () => {
      dispatch(trackBufferingEnded({ id: trackId, attempt }));
    };
    // Decided when the wait begins, not again as the output's state moves on during it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [waiting, trackId, attempt, dispatch, store]);

  useEffect(() => {
    const context = engine.context();
    const strip = engine.graph()?.channel(trackId);
    if (!media || !source || outputState !== 'running' || !context || !strip) return;
    const fail = (error: MediaSourceError) => dispatch(trackLoadFailed({ id: trackId, attempt, error: toLoadError(error) }));
    let player: TrackSoundPlayer;
    try {
      player = createTrackSoundPlayer({ context, output: strip.input, media, onError: (error) => fail(soundMediaError(source.url, error)) });
    } catch (error) {
      // The sound feed's worklet did not load (a page whose policy forbids blob: worklets).
      fail(new MediaSourceError('unsupported', source.url, `This page cannot play sound: its audio worklet did not load (${String(error)}).`));
      return;
    }
    // The clock tells on every frame while it runs and on every jump; the player acts only when
    // the anchor (play, seek, the base changing) or the clips changed.
    const follow = () => player.follow(clipsRef.current, clock.timeBaseAnchor());
    follow();
    const unsubscribe = clock.subscribe(follow);
    return () => {
      unsubscribe();
      player.dispose();
    };
  }, [media, source, outputState, engine, clock, trackId, attempt, dispatch]);

  // Scrubbing: a grain of the sound wherever the playhead is dragged, while paused.
  useEffect(() => {
    const context = engine.context();
    const strip = engine.graph()?.channel(trackId);
    if (!media || outputState !== 'running' || !context || !strip) return;
    const grains = createScrubGrains({ context, output: strip.input, media });
    const unsubscribe = engine.onScrub((timelineMs) => {
      const clip = clipAt(clipsRef.current, timelineMs);
      if (clip) grains.play(sourceTimeAt(clip, timelineMs));
    });
    return () => {
      unsubscribe();
      grains.dispose();
    };
  }, [media, outputState, engine, trackId]);

  return null;
}
