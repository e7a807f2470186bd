import type { ComputePeaks, OpenSound } from '../audio';
import type { MemoryReading, MemorySettings } from '../memory';
import type { PlaybackConfig } from '../playback';
import type { CompositorRenderer, RendererError } from '../render';
import type { SourceConfig } from '../sources';
import type { LoadError, TrackLoadState } from '../state';

/** A track's load state as it changed, for a host that mirrors or logs it. */
export interface TrackLoadChange {
  trackId: string;
  state: TrackLoadState;
  /** `undefined` for a track just added. */
  previous: TrackLoadState | undefined;
}

/**
 * Everything a host sets about a compositor, in one object. Every field has a default; keep the
 * object stable across renders (a new `sources.resolvers` array restarts the loader).
 */
export interface CompositorConfig {
  /** How media is acquired and released: resolver chain, fallback, concurrency, retries, decoder budget. */
  sources?: SourceConfig;
  /** How the composite plays whatever the renderer: preroll before cuts, buffering grace, sync samples. */
  playback?: PlaybackConfig;
  /**
   * What draws the tracks' pictures: `createElementRenderer()` (a `<video>` a clip run, the
   * default; its options say what elements read ahead and how drift is corrected), or another
   * renderer behind the same interface. Keep it stable: a new renderer remounts every layer.
   */
  renderer?: CompositorRenderer;
  /**
   * How an audio track's sound is read and decoded: by default `openSoundMedia` (mediabunny on
   * WebCodecs, streamed by Range, a second decoded ahead). A desktop shell may decode natively
   * behind the same `SoundMedia` interface. Keep it stable.
   */
  openSound?: OpenSound;
  /**
   * How an audio clip's waveform peaks are made: by default `computePeaksInWorker` (the file read
   * once in a worker, decoded a stretch at a time, only the peaks kept). A host with peaks made
   * elsewhere (its server, a native decoder) returns them here. Keep it stable.
   */
  computePeaks?: ComputePeaks;
  /**
   * Whether dragging the playhead plays short grains of sound where it is (80 ms of each heard
   * track, the newest place winning); true by default. Stepping frames is silent either way.
   */
  scrubSound?: boolean;
  /**
   * Puts the kit's default stylesheet (`multitrack-kit/styles.css`) in the document while the
   * provider is mounted; true by default. Set false when the host loads that file itself, or
   * styles every part on its own.
   */
  injectStyles?: boolean;
  /** When the memory monitor warns, and how it counts. */
  memory?: Partial<MemorySettings>;
  /** Called after every change of a track's load state (queued, loading, ready, buffering...). */
  onTrackLoadStateChange?: (change: TrackLoadChange) => void;
  /** Called when a track fails to load or play, with the reason in words a person can act on. */
  onTrackError?: (trackId: string, error: LoadError) => void;
  /**
   * Called when the renderer itself fails and changes how it draws (the canvas renderer's worker
   * failing: the page draws instead). Without it the error goes to the console.
   */
  onRendererError?: (error: RendererError) => void;
  /** Called when memory goes over `memory.budgetBytes` (or the heap nearly fills), once per crossing. */
  onMemoryWarning?: (reading: MemoryReading) => void;
}
