import {
  playbackPaused,
  playbackStarted,
  playheadSeeked,
  selectIsPlaying,
  selectPlayheadMs,
  selectTimelineDurationMs,
  useCompositorDispatch,
  useCompositorSelector,
} from '../state';

function formatTime(ms: number): string {
  const totalSeconds = ms / 1000;
  const minutes = Math.floor(totalSeconds / 60);
  const seconds = (totalSeconds - minutes * 60).toFixed(3).padStart(6, '0');
  return `${minutes}:${seconds}`;
}

/** Play/pause and a seek slider for all visible tracks together. */
export function Transport() {
  const dispatch = useCompositorDispatch();
  const playing = useCompositorSelector(selectIsPlaying);
  const playheadMs = useCompositorSelector(selectPlayheadMs);
  const durationMs = useCompositorSelector(selectTimelineDurationMs);

  return (
    <div style={{ display: 'flex', gap: 8, alignItems: 'center', font: '13px system-ui, sans-serif' }}>
      <button type="button" onClick={() => dispatch(playing ? playbackPaused() : playbackStarted())}>
        {playing ? 'Pause' : 'Play'}
      </button>
      <input
        type="range"
        aria-label="Playhead"
        min={0}
        max={durationMs}
        step={1}
        value={Math.min(playheadMs, durationMs)}
        aria-valuetext={formatTime(playheadMs)}
        onChange={(event) => dispatch(playheadSeeked(Number(event.currentTarget.value)))}
        style={{ flex: 1 }}
      />
      <output aria-label="Time">
        {formatTime(playheadMs)} / {formatTime(durationMs)}
      </output>
    </div>
  );
}
