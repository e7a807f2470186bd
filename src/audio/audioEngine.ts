import type { MasterTimeBase } from '../playback';
import { gainOfDb, selectChannel, selectChannelGain, selectMixer, type CompositorStoreLike, type MixerState } from '../state';
import { createMixerGraph, type MixerGraph } from './mixerGraph';
import { registerSoundFeed } from './soundFeedProcessor';
import { outputSteady } from './steadyOutput';
import { computePeaksInWorker, type ComputePeaks } from './computePeaks';
import { openSoundMedia, type OpenSound } from './soundMedia';
import { createOutputClock, type OutputClock } from './outputClock';
import type { SoundContext } from './trackSoundPlayer';

/**
 * Where the compositor's sound stands: not started (no AudioContext until a person asks for sound,
 * as browsers require), running, or blocked (the browser refused to start it without a gesture;
 * the next one starts it).
 */
/**
 * The audio output: not started (`idle`), opening (`starting`: the context runs but its time does
 * not yet move as the wall's, `outputSteady`), playing (`running`), or kept off by the browser
 * until a person's gesture (`blocked`).
 */
export type AudioOutputState = 'idle' | 'starting' | 'running' | 'blocked';

/** The engine's context: an AudioContext (a test passes a fake in its place). */
export type EngineContext = AudioContext;

/**
 * Time given to sound started by play or a seek before it is due at the output, beyond the
 * output's own latency: the first decoded buffers must be scheduled within it or they are cut.
 */
export const soundStartMarginMs = 100;

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
  /** How a track's sound is opened (the host's `openSound`, or mediabunny's streaming decode). */
  readonly openSound: OpenSound;
  /** How a source's waveform peaks are made (the host's `computePeaks`, or a worker's streaming decode). */
  readonly computePeaks: ComputePeaks;
  /** The context sound is scheduled on, while running. */
  context(): SoundContext | undefined;
  /**
   * The playhead was dragged to `timelineMs` (a scrub, not a step): every heard track plays a
   * short grain of its sound there. Starts the sound if it has not started (a drag is a gesture).
   * Does nothing when the host turned scrubbing sound off (`scrubSound: false`).
   */
  scrub(timelineMs: number): void;
  /** Told of each scrub (each heard track's sound listens). */
  onScrub(listener: (timelineMs: number) => void): () => void;
  /**
   * The audio output as a clock: while running, the context time (ms) heard at a wall time, from
   * `getOutputTimestamp()` where the engine gives a usable one (`outputClock.ts`). The
   * compositor's clock follows it, so pictures follow the sound.
   */
  readonly timeBase: MasterTimeBase;
  /**
   * What the compositor's clock follows now: the audio output's timestamp (`'output'`), the
   * context's time where the output gives no usable timestamp (`'context'`), or the wall clock
   * (`'wall'`: no sound running, or a context whose time does not move).
   */
  clockSource(): 'output' | 'context' | 'wall';
  /** Stops applying the mix and closes the context. */
  dispose(): Promise<void>;
}

const defaultContext = (): EngineContext | undefined =>
  typeof AudioContext === 'undefined' ? undefined : new AudioContext({ latencyHint: 'playback' });

export interface AudioEngineOptions {
  /** Makes the one context, on the first gesture; `undefined` where there is no Web Audio. */
  createContext?: () => EngineContext | undefined;
  openSound?: OpenSound;
  computePeaks?: ComputePeaks;
  /** Whether dragging the playhead plays grains of sound; true by default. */
  scrubSound?: boolean;
}

/**
 * The compositor's sound: one AudioContext (made on the first gesture), the mixer graph on it, and
 * the mix kept in step with the store (each fader, pan, mute and solo applied as a ramp, only
 * when it changed). Sources connect to `graph().channel(trackId).input`.
 */
export function createAudioEngine(
  store: CompositorStoreLike,
  { createContext = defaultContext, openSound = openSoundMedia, computePeaks = computePeaksInWorker, scrubSound = true }: AudioEngineOptions = {},
): AudioEngine {
  let context: EngineContext | undefined;
  let outputClock: OutputClock | undefined;
  let graph: MixerGraph | undefined;
  let outputState: AudioOutputState = 'idle';
  // The sound feed's worklet module loading on the new context: nothing plays before it is in.
  let preparing: Promise<void> = Promise.resolve();
  let unsubscribeStore: (() => void) | undefined;
  const listeners = new Set<() => void>();
  const scrubListeners = new Set<(timelineMs: number) => void>();
  const applied = new Map<string, { gain: number; pan: number }>();
  let appliedMaster: number | undefined;
  // The mix last applied: the store changes for many reasons (a clip edge, a load), the mix rarely.
  let appliedFrom: MixerState | undefined;

  const setState = (next: AudioOutputState) => {
    if (next === outputState) return;
    outputState = next;
    notify();
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

  const running = () => (outputState === 'running' && context?.state === 'running' ? context : undefined);

  /** `starting` until the context's time moves as the wall's (its device open), then `running`. */
  let steadying: Promise<void> | undefined;
  const runWhenSteady = (started: AudioContext) => {
    if (outputState === 'running') return Promise.resolve();
    steadying ??= (async () => {
      setState('starting');
      await outputSteady(started, { cancelled: () => context !== started });
      steadying = undefined;
      if (context === started && started.state === 'running') setState('running');
    })();
    return steadying;
  };

  const notify = () => {
    for (const listener of [...listeners]) listener();
  };

  const timeBase: MasterTimeBase = {
    timeAt(wallMs) {
      return running() ? outputClock?.heardAt(wallMs) : undefined;
    },
    startTimeAt(wallMs) {
      const live = running();
      const heard = live && outputClock?.heardAt(wallMs);
      return live && heard !== undefined ? Math.max(heard, live.currentTime * 1000 + soundStartMarginMs) : undefined;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };

  const engine: AudioEngine = {
    timeBase,
    openSound,
    computePeaks,
    context: () => running(),
    clockSource() {
      const source = running() ? outputClock?.source() : undefined;
      return source === 'output' || source === 'context' ? source : 'wall';
    },
    async start() {
      if (!context) {
        context = createContext();
        // No Web Audio here (a test DOM, an old browser): the picture plays on, silent.
        if (!context) return outputState;
        // The clock re-anchors when what it follows changes (the output's timestamp found unusable, the context's time stalling).
        outputClock = createOutputClock(context, { onSourceChange: notify });
        const started = context;
        // An output that opens slowly (Firefox takes a second or more to open its device) runs after
        // `start` gave up waiting and said blocked: it is running once it says so, and the sound
        // feed's worklet is in (nothing may play before it).
        started.addEventListener?.('statechange', () => {
          void preparing.then(() => {
            // Running at once: the picture has been playing silent meanwhile, and waiting now would stop it.
            if (context === started && started.state === 'running' && outputState === 'blocked') setState('running');
          });
        });
        graph = createMixerGraph(context);
        applyMix();
        unsubscribeStore = store.subscribe(applyMix);
        // Where a worklet cannot load (a fake context), the mix still runs, with nothing to play.
        preparing = context.audioWorklet ? registerSoundFeed(context).catch(() => undefined) : Promise.resolve();
      }
      // Starting from the gesture on: sound tracks wait for the output (the composite with them).
      if (outputState !== 'running') setState('starting');
      await preparing;
      // The engine may be disposed (its compositor unmounted) while this waits: it then answers
      // with the state it is in and touches the closed context no more.
      const current = context;
      if (!current) return outputState;
      if (current.state !== 'running') {
        // Without a gesture the browser keeps it suspended: resume() stays pending or rejects.
        await Promise.race([current.resume().catch(() => undefined), new Promise((resolve) => setTimeout(resolve, 200))]);
      }
      if (context !== current) return outputState;
      if (current.state !== 'running') setState('blocked');
      else await runWhenSteady(current);
      return outputState;
    },
    scrub(timelineMs) {
      if (!scrubSound) return;
      if (outputState !== 'running') void engine.start();
      for (const listener of scrubListeners) listener(timelineMs);
    },
    onScrub(listener) {
      scrubListeners.add(listener);
      return () => scrubListeners.delete(listener);
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
      outputClock = undefined;
      graph = undefined;
      applied.clear();
      appliedMaster = undefined;
      appliedFrom = undefined;
      setState('idle');
      await closing?.catch(() => undefined);
    },
  };
  return engine;
}
