import { QueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { Provider } from 'react-redux';
import { defaultMemorySettings, MemorySettingsContext } from '../hooks';
import {
  createSeekTally,
  PlaybackContext,
  startPlaybackClock,
  withPlaybackDefaults,
  type ClockReader,
  type PlaybackClock,
} from '../playback';
import { createDecoderTally, SourceContext, startSourceLoader, withSourceDefaults } from '../sources';
import { CompositorStoreContext, createCompositorStore, selectPlayheadMs, type CompositorStoreLike } from '../state';
import type { CompositorConfig } from './compositorConfig';
import { MemoryWatch } from './MemoryWatch';
import { createStillFrames, StillFramesContext } from './stillFrames';
import { watchLoadStates } from './watchLoadStates';

export interface CompositorProviderProps {
  /** A store with the kit's reducer mounted (or injected); by default the provider makes its own. */
  store?: CompositorStoreLike;
  /** The host's QueryClient; by default the provider makes its own. */
  queryClient?: QueryClient;
  /** Sources, playback, memory and the host's callbacks; every field has a default. */
  config?: CompositorConfig;
  children: ReactNode;
}

/**
 * Gives the compositor components their store, QueryClient, source loader and master clock. The
 * store goes on the kit's own React-Redux context, so it never collides with a host's `<Provider>`.
 */
export function CompositorProvider({ store, queryClient, config = {}, children }: CompositorProviderProps) {
  const [ownStore] = useState(() => store ?? createCompositorStore());
  const [ownClient] = useState(() => queryClient ?? new QueryClient());
  const [decoders] = useState(createDecoderTally);
  const [stills] = useState(createStillFrames);
  const activeStore = store ?? ownStore;
  const activeClient = queryClient ?? ownClient;
  // Compared field by field, so a host may pass a fresh config object on every render (keep the
  // `resolvers` array itself stable: a new one restarts the loader).
  const { concurrency, maxRetries, releaseAfterMs, resolvers, rangeFallback, decoderBudget, proxies } = withSourceDefaults(config.sources);
  const { maxDecoders, maxBytes } = decoderBudget;
  const sources = useMemo(
    () => ({
      queryClient: activeClient,
      options: { concurrency, maxRetries, releaseAfterMs, resolvers, rangeFallback, decoderBudget: { maxDecoders, maxBytes }, proxies },
      decoders,
    }),
    [activeClient, concurrency, maxRetries, releaseAfterMs, resolvers, rangeFallback, maxDecoders, maxBytes, proxies, decoders],
  );

  useEffect(
    () => startSourceLoader(activeStore, sources.queryClient, sources.options),
    [activeStore, sources],
  );

  // Elements read the clock through this reader from their first render; the clock itself runs
  // only while the provider is mounted (an effect, so Strict Mode's second mount starts it again).
  const runningClock = useRef<PlaybackClock | undefined>(undefined);
  const playbackOptions = config.playback;
  const playback = useMemo(() => {
    const clock: ClockReader = {
      playheadAt: (wallMs) => runningClock.current?.playheadAt(wallMs) ?? selectPlayheadMs(activeStore.getState()),
      get running() {
        return runningClock.current?.running ?? false;
      },
    };
    return { clock, seeks: createSeekTally(), options: withPlaybackDefaults(playbackOptions) };
  }, [activeStore, playbackOptions]);
  useEffect(() => {
    const clock = startPlaybackClock(activeStore);
    runningClock.current = clock;
    return () => {
      clock.stop();
      if (runningClock.current === clock) runningClock.current = undefined;
    };
  }, [activeStore]);

  const { budgetBytes, heapShare, decoderBytes, intervalMs } = { ...defaultMemorySettings, ...config.memory };
  const memory = useMemo(
    () => ({ budgetBytes, heapShare, decoderBytes, intervalMs }),
    [budgetBytes, heapShare, decoderBytes, intervalMs],
  );

  const { onTrackLoadStateChange, onTrackError, onMemoryWarning } = config;
  useEffect(
    () => watchLoadStates(activeStore, { onTrackLoadStateChange, onTrackError }),
    [activeStore, onTrackLoadStateChange, onTrackError],
  );

  return (
    <Provider store={activeStore} context={CompositorStoreContext}>
      <SourceContext.Provider value={sources}>
        <PlaybackContext.Provider value={playback}>
          <MemorySettingsContext.Provider value={memory}>
            <StillFramesContext.Provider value={stills}>
              {onMemoryWarning && <MemoryWatch onMemoryWarning={onMemoryWarning} />}
              {children}
            </StillFramesContext.Provider>
          </MemorySettingsContext.Provider>
        </PlaybackContext.Provider>
      </SourceContext.Provider>
    </Provider>
  );
}
