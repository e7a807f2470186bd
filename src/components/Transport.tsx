import { Pause, Play, StepBack, StepForward } from 'lucide-react';
import { formatTimecode, usePlayheadMs } from '../playback';
import { partClass, type StyleProps } from '../render';
import { useTransport } from './useTransport';

/** The playhead in timecode: the one part of the transport that re-renders as the playhead moves. */
function TransportTimecode({ durationMs, frameRate }: { durationMs: number; frameRate: number }) {
  const playheadMs = usePlayheadMs();
  return (
    // Its digits change every frame: the default look puts it on a layer of its own
    // (`will-change: transform`), so its repaint does not make Chromium layerise the rest of the
    // page (a long timeline's rows) again each frame (Docs: Playback and sync).
    <output aria-label="Timecode" className="mtk-timecode">
      {formatTimecode(playheadMs, frameRate)} / {formatTimecode(durationMs, frameRate)}
    </output>
  );
}

/**
 * Play/pause and frame steps for all visible tracks together, the time in timecode, and which
 * tracks the composite is waiting for. Keys while focus is inside: Space plays or pauses, the
 * arrow keys step one frame (ten with Shift).
 */
export function Transport({ className, style }: StyleProps) {
  const { playing, durationMs, frameRate, bufferingTracks, sound, clock, startSound, togglePlay, step, onKeyDown } = useTransport();
  return (
    <div
      role="toolbar"
      aria-label="Transport"
      onKeyDown={onKeyDown}
      // Space on a focused button would click it again on key up.
      onKeyUp={(event) => event.key === ' ' && event.preventDefault()}
      data-playing={playing || undefined}
      data-waiting={(playing && bufferingTracks.length > 0) || undefined}
      data-sound={sound}
      data-clock={clock}
      className={partClass('mtk-transport', className)}
      style={style}
    >
      <button type="button" aria-label="Step back one frame" title="Step back one frame (←)" className="mtk-icon-button" onClick={() => step(-1)}>
        <StepBack size={16} aria-hidden />
      </button>
      <button type="button" aria-label={playing ? 'Pause' : 'Play'} title={playing ? 'Pause (Space)' : 'Play (Space)'} className="mtk-icon-button mtk-transport-play" onClick={togglePlay}>
        {playing ? <Pause size={18} aria-hidden /> : <Play size={18} aria-hidden />}
      </button>
      <button type="button" aria-label="Step forward one frame" title="Step forward one frame (→)" className="mtk-icon-button" onClick={() => step(1)}>
        <StepForward size={16} aria-hidden />
      </button>
      <TransportTimecode durationMs={durationMs} frameRate={frameRate} />
      {sound === 'blocked' && (
        // The browser would not start sound without a gesture: this click is one.
        <button type="button" className="mtk-transport-sound-blocked" onClick={startSound}>
          Sound is blocked: turn it on
        </button>
      )}
      {playing && bufferingTracks.length > 0 && (
        <span role="status" className="mtk-transport-waiting">
          Buffering: {bufferingTracks.join(', ')}
        </span>
      )}
    </div>
  );
}
