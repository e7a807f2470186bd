import { defaultDriftPolicy, type DriftPolicy } from './driftPolicy';

/** What each `<video>` is told to read ahead (`preload`). */
export interface PreloadPolicy {
  /** A track on screen while the composite is paused or waiting; by default what its source suggests (streamed: metadata). */
  waiting?: 'none' | 'metadata' | 'auto';
  /** A track on screen while the user plays. */
  playing: 'none' | 'metadata' | 'auto';
  /** The selected track, playing or not: the one the user works on reads ahead. */
  selected: 'none' | 'metadata' | 'auto';
}

/** How the element renderer keeps its `<video>` elements on the clock. */
export interface ElementRendererOptions {
  preload: PreloadPolicy;
  /** How drift is judged and corrected; thresholds in frames of each source. */
  drift: DriftPolicy;
}

export const defaultElementRendererOptions: ElementRendererOptions = {
  preload: { playing: 'auto', selected: 'auto' },
  drift: defaultDriftPolicy,
};

/** Element renderer options as a host gives them: any part of either policy. */
export interface ElementRendererConfig {
  preload?: Partial<PreloadPolicy>;
  drift?: Partial<DriftPolicy>;
}

export function withElementDefaults(config: ElementRendererConfig = {}): ElementRendererOptions {
  return {
    drift: { ...defaultDriftPolicy, ...config.drift },
    preload: { ...defaultElementRendererOptions.preload, ...config.preload },
  };
}
