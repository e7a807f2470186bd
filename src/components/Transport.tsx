import type { KeyboardEvent } from 'react';
import { formatTimecode } from '../playback';
import {
  frameStepped,
  playbackPaused,
  playbackStarted,
  selectBufferingTrackIds,
  selectFrameRate,
  selectIsPlaying,
  selectPlayheadMs,
  selectTimelineDurationMs,
  selectTrackById,
  useCompositorDispatch,
  useCompositorSelector,
  useCompositorStore,
} from '../state';

/**
 * Play/pause and frame steps for all visible tracks together, the time in timecode, and which
 * tracks the composite is waiting for. Keys while focus is inside: Space plays or pauses, the
 * arrow keys step one frame (ten with Shift).
 */
export function Transport() {
  const dispatch = useCompositorDispatch();
  const store = useCompositorStore();
  const playing = useCompositorSelector(selectIsPlaying);
  const playheadMs = useCompositorSelector(selectPlayheadMs);
  const durationMs = useCompositorSelector(selectTimelineDurationMs);
  const frameRate = useCompositorSelector(selectFrameRate);
  const buffering = useCompositorSelector(selectBufferingTrackIds);
  const waitingFor = buffering
    .map((id) => selectTrackById(store.getState(), id)?.name ?? id)
    .join(', ');

  const togglePlay = () => dispatch(playing ? playbackPaused() : playbackStarted());
  const onKeyDown = (event: KeyboardEvent) => handleTransportKey(event, togglePlay, (frames) => dispatch(frameStepped(frames)));

  return (
    <div
      role="toolbar"
      aria-label="Transport"
      onKeyDown={onKeyDown}
      // Space on a focused button would click it again on key up.
      onKeyUp={(event) => event.key === ' ' && event.preventDefault()}
      style={{ display: 'flex', gap: 8, alignItems: 'center', font: '13px system-ui, sans-serif' }}
    >
      <button type="button" aria-label="Step back one frame" onClick={() => dispatch(frameStepped(-1))}>
        ◀|
      </button>
      <button type="button" onClick={togglePlay}>
        {playing ? 'Pause' : 'Play'}
      </button>
      <button type="button" aria-label="Step forward one frame" onClick={() => dispatch(frameStepped(1))}>
        |▶
      </button>
      <output aria-label="Timecode" style={{ fontVariantNumeric: 'tabular-nums' }}>
        {formatTimecode(playheadMs, frameRate)} / {formatTimecode(durationMs, frameRate)}
      </output>
      {playing && buffering.length > 0 && (
        <span role="status" style={{ color: '#b36b00' }}>
          Buffering: {waitingFor}
        </span>
      )}
    </div>
  );
}

/** The transport's keys, shared with the timeline: Space plays or pauses, arrows step frames. */
export function handleTransportKey(event: KeyboardEvent, togglePlay: () => void, step: (frames: number) => void): void {
  if (event.key === ' ') togglePlay();
  else if (event.key === 'ArrowLeft') step(event.shiftKey ? -10 : -1);
  else if (event.key === 'ArrowRight') step(event.shiftKey ? 10 : 1);
  else return;
  event.preventDefault();
}
