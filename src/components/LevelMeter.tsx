import { useEffect, useRef } from 'react';
import { useAudioEngine, useAudioOutputState, type MeterReading } from '../audio';
import { usePlaybackContext } from '../playback';
import { minVolumeDb } from '../state';
import { partClass, type StyleProps } from '../render';

/** A linear amplitude in dB, floored at the faders' bottom (silence). */
export function amplitudeDb(amplitude: number): number {
  return amplitude > 0 ? Math.max(minVolumeDb, 20 * Math.log10(amplitude)) : minVolumeDb;
}

/** How fast a shown peak falls back, as meters do so a short peak can be read: dB a second. */
const fallDbPerSecond = 24;

export interface LevelMeterProps extends StyleProps {
  /** The track whose channel to meter; the master when left out. */
  trackId?: string;
  /** The meter's accessible name ("Level of Music"). */
  label: string;
}

/**
 * A peak and RMS meter of a mixer channel, read from the mix on every animation frame while
 * sound runs, and written to the element directly (not through React state, so twenty meters
 * do not render twenty components a frame). It is a `role="meter"` with its peak in dB as its
 * value; the look comes from `--mtk-meter-peak` and `--mtk-meter-rms` (0 to 1 of the scale) and
 * `data-level` (`silent`, `signal`, `clipping`). It stops reading once paused and silent.
 */
export function LevelMeter({ trackId, label, className, style }: LevelMeterProps) {
  const engine = useAudioEngine();
  const outputState = useAudioOutputState();
  const { clock } = usePlaybackContext();
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const element = ref.current;
    const graph = engine.graph();
    if (!element || !graph || outputState !== 'running') return;
    const read = (): MeterReading => (trackId === undefined ? graph.masterMeter() : graph.channel(trackId).meter());
    let frame: number | undefined;
    let shownDb = minVolumeDb;
    let lastMs = performance.now();
    const draw = (nowMs: number) => {
      frame = undefined;
      const { peak, rms } = read();
      shownDb = Math.max(amplitudeDb(peak), shownDb - (fallDbPerSecond * (nowMs - lastMs)) / 1000);
      lastMs = nowMs;
      const scale = (db: number) => ((db - minVolumeDb) / -minVolumeDb).toFixed(3);
      element.style.setProperty('--mtk-meter-peak', scale(shownDb));
      element.style.setProperty('--mtk-meter-rms', scale(amplitudeDb(rms)));
      element.setAttribute('aria-valuenow', shownDb.toFixed(1));
      element.setAttribute('aria-valuetext', shownDb <= minVolumeDb ? 'silent' : `${shownDb.toFixed(1)} dB peak`);
      element.dataset.level = peak >= 1 ? 'clipping' : shownDb > minVolumeDb ? 'signal' : 'silent';
      // Paused and quiet: nothing will move until the clock runs again.
      if (clock.running || shownDb > minVolumeDb) frame = requestAnimationFrame(draw);
    };
    const wake = () => {
      if (frame === undefined) frame = requestAnimationFrame(draw);
    };
    wake();
    const unsubscribe = clock.subscribe(wake);
    return () => {
      unsubscribe();
      if (frame !== undefined) cancelAnimationFrame(frame);
    };
  }, [engine, outputState, clock, trackId]);

  return (
    <div
      ref={ref}
      role="meter"
      aria-label={label}
      aria-valuemin={minVolumeDb}
      aria-valuemax={0}
      aria-valuenow={minVolumeDb}
      aria-valuetext="silent"
      data-level="silent"
      className={partClass('mtk-meter', className)}
      style={style}
    >
      <span className="mtk-meter-rms" />
      <span className="mtk-meter-peak" />
    </div>
  );
}
