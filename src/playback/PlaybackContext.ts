import { createContext, useSyncExternalStore } from 'react';
import { useProvidedContext } from '../state';
import type { ClockReader } from './playbackClock';
import type { SeekTally } from './seekTally';

/** One check of one layer against the clock, for a host's HUD or a benchmark. */
export interface SyncSample {
  trackId: string;
  /** Layer minus clock, in frames of the source: positive means the layer is ahead. */
  driftFrames: number;
  /** What the renderer did about it: nothing, a rate nudge, or a seek. */
  correction: 'in-sync' | 'nudge' | 'seek';
  /** The rate the layer plays at after the check (1 unless a renderer nudges it). */
  playbackRate: number;
  /** When the checked frame is on screen, as `performance.now()`. */
  wallMs: number;
}

/** How the composite plays, whatever the renderer. */
export interface PlaybackOptions {
  /** While playing, the next clip of a track after a cut gets its element this long before the cut. */
  prerollMs: number;
  /**
   * A clip's element stays (hidden, paused) this long after the playhead leaves it, for a step or
   * scrub back without a reload. 0 by default: the decoder goes back at once.
   */
  keepBehindMs: number;
  /** A track starved this long while playing turns `buffering` (short hiccups do not stop the composite). */
  bufferingGraceMs: number;
  /** Called for every check of every playing layer against the clock; keep it cheap. */
  onSyncSample?: (sample: SyncSample) => void;
}

export const defaultPlaybackOptions: PlaybackOptions = {
  prerollMs: 1000,
  keepBehindMs: 0,
  bufferingGraceMs: 250,
};

/** Playback options as a host gives them: any field. */
export type PlaybackConfig = Partial<PlaybackOptions>;

export function withPlaybackDefaults(options: PlaybackConfig = {}): PlaybackOptions {
  return { ...defaultPlaybackOptions, ...options };
}

export interface PlaybackContextValue {
  clock: ClockReader;
  seeks: SeekTally;
  options: PlaybackOptions;
}

/** The master clock and sync settings of one compositor; set by `CompositorProvider`. */
export const PlaybackContext = createContext<PlaybackContextValue | null>(null);

export function usePlaybackContext(): PlaybackContextValue {
  return useProvidedContext(PlaybackContext);
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
