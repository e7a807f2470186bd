import { QueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { Provider } from 'react-redux';
import { AudioEngineContext, createAudioEngine, TrackSounds } from '../audio';
import { capFilmstripSheets } from '../filmstrip';
import { defaultMemorySettings, MemorySettingsContext } from '../memory';
import { createPlaybackClock, createSeekTally, PlaybackContext, withPlaybackDefaults } from '../playback';
import { createElementRenderer, RendererContext, type RendererError, type RendererHost } from '../render';
import { SourceContext, startSourceLoader, withSourceDefaults } from '../sources';
import { CompositorStoreContext, createCompositorStore, type CompositorStoreLike } from '../state';
import type { CompositorConfig } from './compositorConfig';
import { MemoryWatch } from './MemoryWatch';
import { useDefaultStyles } from './useDefaultStyles';
import { useStableConfig } from './useStableConfig';
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
  const activeStore = store ?? ownStore;
  const activeClient = queryClient ?? ownClient;
  // Every part of the config is compared by what it says, not by identity, so a host may pass a
  // fresh config object on every render without restarting the loader, the clock or any element.
  const sourceConfig = useStableConfig(config.sources);
  const playbackConfig = useStableConfig(config.playback);
  const memoryConfig = useStableConfig(config.memory);
  const sources = useMemo(
    () => ({ queryClient: activeClient, options: withSourceDefaults(sourceConfig) }),
    [activeClient, sourceConfig],
  );

  useEffect(
    () => startSourceLoader(activeStore, sources.queryClient, sources.options),
    [activeStore, sources],
  );
  useEffect(() => capFilmstripSheets(sources.queryClient, sources.options.filmstripCacheBytes), [sources]);

  // One AudioContext for the compositor, made on the first gesture that asks for sound (Play).
  const { openSound, computePeaks, scrubSound } = config;
  const audio = useMemo(
    () => createAudioEngine(activeStore, { openSound, computePeaks, scrubSound }),
    [activeStore, openSound, computePeaks, scrubSound],
  );
  useEffect(() => () => void audio.dispose(), [audio]);

  const playbackOptions = useMemo(() => withPlaybackDefaults(playbackConfig), [playbackConfig]);
  const { prerollMs, keepBehindMs } = playbackOptions;
  // Made while rendering, so elements can read it from their first render; it moves only while
  // connected (an effect, so Strict Mode's second mount connects it again). While sound plays it
  // follows the audio output, so pictures follow what is heard.
  const clock = useMemo(
    () => createPlaybackClock(activeStore, undefined, { aheadMs: prerollMs, behindMs: keepBehindMs }, audio.timeBase),
    [activeStore, prerollMs, keepBehindMs, audio],
  );
  useEffect(() => clock.connect(), [clock]);
  const [seeks] = useState(createSeekTally);
  const playback = useMemo(() => ({ clock, seeks, options: playbackOptions }), [clock, seeks, playbackOptions]);

  const [defaultRenderer] = useState(createElementRenderer);
  const renderer = config.renderer ?? defaultRenderer;
  // The host's handler is looked up when an error comes, so a new callback does not restart the renderer.
  const [rendererHost] = useState(createRendererHost);
  useEffect(() => rendererHost.listen(config.onRendererError), [rendererHost, config.onRendererError]);
  const rendering = useMemo(() => ({ renderer, session: renderer.createSession(rendererHost) }), [renderer, rendererHost]);

  const memory = useMemo(() => ({ ...defaultMemorySettings, ...memoryConfig }), [memoryConfig]);

  useDefaultStyles(config.injectStyles ?? true);

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
            <RendererContext.Provider value={rendering}>
              <AudioEngineContext.Provider value={audio}>
                {onMemoryWarning && <MemoryWatch onMemoryWarning={onMemoryWarning} />}
                <TrackSounds />
                {children}
              </AudioEngineContext.Provider>
            </RendererContext.Provider>
          </MemorySettingsContext.Provider>
        </PlaybackContext.Provider>
      </SourceContext.Provider>
    </Provider>
  );
}

/** Reports a renderer's faults to the host's handler, or to the console where it set none: never silently. */
function createRendererHost(): RendererHost & { listen(handler: ((error: RendererError) => void) | undefined): () => void } {
  let handler: ((error: RendererError) => void) | undefined;
  return {
    reportError(error) {
      if (handler) handler(error);
      else console.error(error);
    },
    listen(next) {
      handler = next;
      return () => {
        if (handler === next) handler = undefined;
      };
    },
  };
}
