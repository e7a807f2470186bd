import { useCallback, useSyncExternalStore, type KeyboardEvent } from 'react';
import { useAudioEngine, useAudioOutputState, type AudioOutputState } from '../audio';
import {
  frameStepped,
  playbackPaused,
  playbackStarted,
  playheadSeeked,
  selectBufferingTrackNames,
  selectFrameRate,
  selectIsPlaying,
  selectTimelineDurationMs,
  useCompositorDispatch,
  useCompositorSelector,
  useCompositorStore,
} from '../state';

/** What a transport shows and does, for the kit's `Transport` and a host's own. */
export interface TransportState {
  /** The user asked to play (the composite may still wait for a buffering track). */
  playing: boolean;
  durationMs: number;
  frameRate: number;
  /** Names of the visible tracks the composite waits for. */
  bufferingTracks: string[];
  /** The sound: not started yet, running, or blocked by the browser until the next gesture. */
  sound: AudioOutputState;
  /**
   * What the playhead follows: the audio output's timestamp, the audio context's time (an engine
   * whose output gives no usable timestamp, WebKitGTK's), or the wall clock (no sound running).
   */
  clock: 'output' | 'context' | 'wall';
  /** Starts the sound from a gesture (Play does it too): what a "turn sound on" button calls. */
  startSound(): void;
  togglePlay(): void;
  /** Pauses and moves the playhead whole frames from where it is now (negative: back). */
  step(frames: number): void;
  seek(ms: number): void;
  /** Space plays or pauses, the arrow keys step one frame (ten with Shift); other keys pass. */
  onKeyDown(event: KeyboardEvent): void;
}

/**
 * The transport's state and actions without its look: `Transport` renders these. It does not
 * re-render as the playhead moves; read that with `usePlayheadMs` where it is shown.
 */
export function useTransport(): TransportState {
  const dispatch = useCompositorDispatch();
  const store = useCompositorStore();
  const playing = useCompositorSelector(selectIsPlaying);
  const durationMs = useCompositorSelector(selectTimelineDurationMs);
  const frameRate = useCompositorSelector(selectFrameRate);
  const bufferingTracks = useCompositorSelector(selectBufferingTrackNames);

  const audio = useAudioEngine();
  const sound = useAudioOutputState();
  const clock = useSyncExternalStore(audio.subscribe, audio.clockSource, audio.clockSource);
  const startSound = useCallback(() => void audio.start(), [audio]);
  const togglePlay = useCallback(() => {
    if (selectIsPlaying(store.getState())) {
      dispatch(playbackPaused());
      return;
    }
    // Inside the gesture: browsers start sound only from one.
    void audio.start();
    dispatch(playbackStarted());
  }, [dispatch, store, audio]);
  const step = useCallback(
    (frames: number) => {
      // Pausing first writes the clock's exact position to the store, so the step counts from
      // the frame on screen, not from the last clip edge the store heard of.
      if (selectIsPlaying(store.getState())) dispatch(playbackPaused());
      dispatch(frameStepped(frames));
    },
    [dispatch, store],
  );
  const seek = useCallback((ms: number) => dispatch(playheadSeeked(ms)), [dispatch]);
  const onKeyDown = useCallback(
    (event: KeyboardEvent) => {
      if (event.key === ' ') togglePlay();
      else if (event.key === 'ArrowLeft') step(event.shiftKey ? -10 : -1);
      else if (event.key === 'ArrowRight') step(event.shiftKey ? 10 : 1);
      else return;
      event.preventDefault();
    },
    [togglePlay, step],
  );
  return { playing, durationMs, frameRate, bufferingTracks, sound, clock, startSound, togglePlay, step, seek, onKeyDown };
}
