import { Headphones, Volume2, VolumeX } from 'lucide-react';
import { maxVolumeDb, minVolumeDb } from '../state';
import { partClass, type StyleProps } from '../render';
import { LevelMeter } from './LevelMeter';
import { useMixer } from './useMixer';

/** A fader level as a person reads it: "-6.0 dB", or "-inf dB" at the bottom (silence). */
export function formatDb(volumeDb: number): string {
  return volumeDb <= minVolumeDb ? '-inf dB' : `${volumeDb > 0 ? '+' : ''}${volumeDb.toFixed(1)} dB`;
}

function formatPan(pan: number): string {
  if (Math.abs(pan) < 0.005) return 'centre';
  return `${Math.round(Math.abs(pan) * 100)}% ${pan < 0 ? 'left' : 'right'}`;
}

/**
 * A strip per audio track (fader, level meter, pan, mute, solo) and a master fader and meter. Every control is a native
 * slider or a toggle button with a name, so it works from the keyboard and a screen reader; state
 * is on data attributes (`data-muted`, `data-soloed`, `data-audible`) for a host's stylesheet.
 */
export function Mixer({ className, style }: StyleProps) {
  const mixer = useMixer();
  return (
    <section aria-label="Mixer" className={partClass('mtk-mixer', className)} style={style}>
      {mixer.strips.length === 0 && <p className="mtk-mixer-empty">No audio tracks.</p>}
      {mixer.strips.map((strip) => (
        <div
          key={strip.trackId}
          role="group"
          aria-label={`${strip.name} channel`}
          data-track-id={strip.trackId}
          data-muted={strip.muted || undefined}
          data-soloed={strip.soloed || undefined}
          data-audible={strip.audible}
          className="mtk-mixer-strip"
        >
          <span className="mtk-mixer-name">{strip.name}</span>
          <input
            type="range"
            aria-label={`Volume of ${strip.name}`}
            aria-valuetext={formatDb(strip.volumeDb)}
            min={minVolumeDb}
            max={maxVolumeDb}
            step={0.5}
            value={strip.volumeDb}
            onChange={(event) => mixer.setVolume(strip.trackId, Number(event.currentTarget.value))}
          />
          <output className="mtk-mixer-value">{formatDb(strip.volumeDb)}</output>
          <LevelMeter trackId={strip.trackId} label={`Level of ${strip.name}`} />
          <span aria-hidden className="mtk-mixer-pan-label">
            Pan
          </span>
          <input
            type="range"
            aria-label={`Pan of ${strip.name}`}
            aria-valuetext={formatPan(strip.pan)}
            min={-1}
            max={1}
            step={0.05}
            value={strip.pan}
            onChange={(event) => mixer.setPan(strip.trackId, Number(event.currentTarget.value))}
          />
          <button type="button" aria-pressed={strip.muted} aria-label={`Mute ${strip.name}`} title={`Mute ${strip.name}`} className="mtk-icon-button" onClick={() => mixer.toggleMute(strip.trackId)}>
            {strip.muted ? <VolumeX size={14} aria-hidden /> : <Volume2 size={14} aria-hidden />}
          </button>
          <button type="button" aria-pressed={strip.soloed} aria-label={`Solo ${strip.name}`} title={`Solo ${strip.name}`} className="mtk-icon-button" onClick={() => mixer.toggleSolo(strip.trackId)}>
            <Headphones size={14} aria-hidden />
          </button>
        </div>
      ))}
      <div role="group" aria-label="Master channel" className="mtk-mixer-strip mtk-mixer-master">
        <span className="mtk-mixer-name">Master</span>
        <input
          type="range"
          aria-label="Master volume"
          aria-valuetext={formatDb(mixer.masterVolumeDb)}
          min={minVolumeDb}
          max={maxVolumeDb}
          step={0.5}
          value={mixer.masterVolumeDb}
          onChange={(event) => mixer.setMasterVolume(Number(event.currentTarget.value))}
        />
        <output className="mtk-mixer-value">{formatDb(mixer.masterVolumeDb)}</output>
        <LevelMeter label="Master level" />
      </div>
    </section>
  );
}
