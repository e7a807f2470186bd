import { createContext, useContext, useSyncExternalStore } from 'react';
import { defaultDriftPolicy, type DriftPolicy, type DriftCorrection } from './driftPolicy';
import type { ClockReader } from './playbackClock';
import type { SeekTally } from './seekTally';

/** One check of one element against the clock, for a host's HUD or a benchmark. */
export interface SyncSample {
  trackId: string;
  /** Element minus clock, in frames of the source: positive means the element is ahead. */
  driftFrames: number;
  correction: DriftCorrection['kind'];
  playbackRate: number;
  /** When the checked frame is on screen, as `performance.now()`. */
  wallMs: number;
}

/** What each `<video>` is told to read ahead (`preload`). */
export interface PreloadPolicy {
  /** A track on screen while the composite is paused or waiting; by default what its source says (streamed: metadata). */
  waiting?: 'none' | 'metadata' | 'auto';
  /** A track on screen while the user plays. */
  playing: 'none' | 'metadata' | 'auto';
  /** The selected track, playing or not: the one the user works on reads ahead. */
  selected: 'none' | 'metadata' | 'auto';
}

export interface PlaybackOptions {
  preload: PreloadPolicy;
  /** How drift is judged and corrected; thresholds in frames of each source. */
  drift: DriftPolicy;
  /** While playing, the next clip of a track after a cut gets its element this long before the cut. */
  prerollMs: number;
  /**
   * A clip's element stays (hidden, paused) this long after the playhead leaves it, for a step or
   * scrub back without a reload. 0 by default: the decoder goes back at once.
   */
  keepBehindMs: number;
  /** A track starved this long while playing turns `buffering` (short hiccups do not stop the composite). */
  bufferingGraceMs: number;
  /** Called for every check of every playing element; keep it cheap. */
  onSyncSample?: (sample: SyncSample) => void;
}

export const defaultPlaybackOptions: PlaybackOptions = {
  preload: { playing: 'auto', selected: 'auto' },
  drift: defaultDriftPolicy,
  prerollMs: 1000,
  keepBehindMs: 0,
  bufferingGraceMs: 250,
};

/** Playback options as a host gives them: any field, and any part of the nested policies. */
export type PlaybackConfig = Partial<Omit<PlaybackOptions, 'drift' | 'preload'>> & {
  drift?: Partial<DriftPolicy>;
  preload?: Partial<PreloadPolicy>;
};

export function withPlaybackDefaults(options: PlaybackConfig = {}): PlaybackOptions {
  return {
    ...defaultPlaybackOptions,
    ...options,
    drift: { ...defaultDriftPolicy, ...options.drift },
    preload: { ...defaultPlaybackOptions.preload, ...options.preload },
  };
}

export interface PlaybackContextValue {
  clock: ClockReader;
  seeks: SeekTally;
  options: PlaybackOptions;
}

/** The master clock and sync settings of one compositor; set by `CompositorProvider`. */
export const PlaybackContext = createContext<PlaybackContextValue | null>(null);

export function usePlaybackContext(): PlaybackContextValue {
  const value = useContext(PlaybackContext);
  if (!value) throw new Error('multitrack-kit: wrap the compositor components in <CompositorProvider>.');
  return value;
}

/**
 * The playhead as it moves, re-rendering the caller on every animation frame while playing. Only
 * what shows the moving playhead (a timecode, the timeline's playhead) should use it; the store's
 * `selectPlayheadMs` changes only at events.
 */
export function usePlayheadMs(): number {
  const { clock } = usePlaybackContext();
  return useSyncExternalStore(clock.subscribe, clock.snapshot, clock.snapshot);
}

/** The compositor's master clock, for reading the playhead at a moment (`clock.playheadAt()`). */
export function usePlaybackClock(): ClockReader {
  return usePlaybackContext().clock;
}
