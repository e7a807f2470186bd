import { createContext, useContext, useSyncExternalStore } from 'react';
import type { AudioEngine, AudioOutputState } from './audioEngine';

/** The provider's audio engine, for components that play sound or show the mix. */
export const AudioEngineContext = createContext<AudioEngine | null>(null);

export function useAudioEngine(): AudioEngine {
  const engine = useContext(AudioEngineContext);
  if (!engine) throw new Error('useAudioEngine must be used inside <CompositorProvider>.');
  return engine;
}

/** Whether the compositor's sound is not started yet, running, or blocked by the browser. */
export function useAudioOutputState(): AudioOutputState {
  const engine = useAudioEngine();
  return useSyncExternalStore(engine.subscribe, engine.state, engine.state);
}
