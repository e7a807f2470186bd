import { gainOfDb, selectChannel, selectChannelGain, selectMixer, type CompositorStoreLike, type MixerState } from '../state';
import { createMixerGraph, type MixerContext, type MixerGraph } from './mixerGraph';

/**
 * Where the compositor's sound stands: not started (no AudioContext until a person asks for sound,
 * as browsers require), running, or blocked (the browser refused to start it without a gesture;
 * the next one starts it).
 */
export type AudioOutputState = 'idle' | 'running' | 'blocked';

/** The part of an AudioContext the engine uses besides the mixer's. */
export type EngineContext = MixerContext & Pick<AudioContext, 'state' | 'resume' | 'close'>;

export interface AudioEngine {
  /**
   * Starts (or resumes) the sound from a user gesture (Play, a click on the mixer): makes the one
   * AudioContext on first use. Resolves with the state it reached.
   */
  start(): Promise<AudioOutputState>;
  state(): AudioOutputState;
  /** Told when `state()` changes (for `useSyncExternalStore`). */
  subscribe(listener: () => void): () => void;
  /** The mixer graph, once the context exists: where sound sources connect and meters are read. */
  graph(): MixerGraph | undefined;
  /** Stops applying the mix and closes the context. */
  dispose(): Promise<void>;
}

const defaultContext = (): EngineContext | undefined =>
  typeof AudioContext === 'undefined' ? undefined : new AudioContext({ latencyHint: 'playback' });

/**
 * The compositor's sound: one AudioContext (made on the first gesture), the mixer graph on it, and
 * the mix kept in step with the store (each fader, pan, mute and solo applied as a ramp, only
 * when it changed). Sources connect to `graph().channel(trackId).input`.
 */
export function createAudioEngine(store: CompositorStoreLike, createContext: () => EngineContext | undefined = defaultContext): AudioEngine {
  let context: EngineContext | undefined;
  let graph: MixerGraph | undefined;
  let outputState: AudioOutputState = 'idle';
  let unsubscribeStore: (() => void) | undefined;
  const listeners = new Set<() => void>();
  const applied = new Map<string, { gain: number; pan: number }>();
  let appliedMaster: number | undefined;
  // The mix last applied: the store changes for many reasons (a clip edge, a load), the mix rarely.
  let appliedFrom: MixerState | undefined;

  const setState = (next: AudioOutputState) => {
    if (next === outputState) return;
    outputState = next;
    for (const listener of listeners) listener();
  };

  /** Brings the graph in line with the mix: ramps only what changed, removes gone tracks' strips. */
  function applyMix(): void {
    if (!graph) return;
    const state = store.getState();
    const mixer = selectMixer(state);
    if (mixer === appliedFrom) return;
    appliedFrom = mixer;
    for (const trackId of Object.keys(mixer.channels)) {
      const next = { gain: selectChannelGain(state, trackId), pan: selectChannel(state, trackId).pan };
      const before = applied.get(trackId);
      if (before && before.gain === next.gain && before.pan === next.pan) continue;
      graph.channel(trackId).set(next);
      applied.set(trackId, next);
    }
    for (const trackId of [...applied.keys()]) {
      if (mixer.channels[trackId]) continue;
      graph.remove(trackId);
      applied.delete(trackId);
    }
    const master = gainOfDb(mixer.masterVolumeDb);
    if (master !== appliedMaster) {
      graph.setMaster(master);
      appliedMaster = master;
    }
  }

  return {
    async start() {
      if (!context) {
        context = createContext();
        // No Web Audio here (a test DOM, an old browser): the picture plays on, silent.
        if (!context) return outputState;
        graph = createMixerGraph(context);
        applyMix();
        unsubscribeStore = store.subscribe(applyMix);
      }
      if (context.state !== 'running') {
        // Without a gesture the browser keeps it suspended: resume() stays pending or rejects.
        await Promise.race([context.resume().catch(() => undefined), new Promise((resolve) => setTimeout(resolve, 200))]);
      }
      setState(context.state === 'running' ? 'running' : 'blocked');
      return outputState;
    },
    state: () => outputState,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    graph: () => graph,
    // The engine can start again after this (React's Strict Mode unmounts and mounts once more).
    async dispose() {
      unsubscribeStore?.();
      unsubscribeStore = undefined;
      graph?.dispose();
      const closing = context?.close();
      context = undefined;
      graph = undefined;
      applied.clear();
      appliedMaster = undefined;
      appliedFrom = undefined;
      setState('idle');
      await closing?.catch(() => undefined);
    },
  };
}
