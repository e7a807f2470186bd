import { describe, expect, it, vi } from 'vitest';
import { createAudioEngine, type EngineContext } from '../src/audio/audioEngine';
import { createMixerGraph, rampSeconds, type MixerContext } from '../src/audio/mixerGraph';
import { channelVolumeChanged, createCompositorStore, trackAdded, trackSelected } from '../src/state';

// A recording stand-in for the Web Audio nodes the mixer makes: which node feeds which (a node or
// a parameter), what each parameter's own value is. (What the graph sounds like is checked in Chromium.)
class FakeParam {
  inputs: FakeNode[] = [];
  /** Every value the page set, in order. */
  sets: number[] = [];
  private current: number;
  constructor(value: number) {
    this.current = value;
  }
  get value() {
    return this.current;
  }
  set value(value: number) {
    this.sets.push(value);
    this.current = value;
  }
  cancelScheduledValues() {
    throw new Error('the mixer schedules nothing on the page\'s clock');
  }
  setValueAtTime() {
    throw new Error('the mixer schedules nothing on the page\'s clock');
  }
  linearRampToValueAtTime() {
    throw new Error('the mixer schedules nothing on the page\'s clock');
  }
}

class FakeNode {
  outputs: (FakeNode | FakeParam)[] = [];
  fftSize = 2048;
  gain = new FakeParam(1);
  pan = new FakeParam(0);
  offset = new FakeParam(1);
  running = false;
  constructor(
    readonly kind: string,
    readonly coefficients?: { feedforward: number[]; feedback: number[] },
  ) {}
  connect(target: FakeNode | FakeParam) {
    this.outputs.push(target);
    if (target instanceof FakeParam) target.inputs.push(this);
    return target;
  }
  disconnect() {
    for (const target of this.outputs) if (target instanceof FakeParam) target.inputs = target.inputs.filter((node) => node !== this);
    this.outputs = [];
  }
  start() {
    this.running = true;
  }
  stop() {
    this.running = false;
  }
  getFloatTimeDomainData(into: Float32Array) {
    into.fill(0);
    into[0] = 0.5;
    into[1] = -0.25;
  }
}

function fakeContext() {
  const made: FakeNode[] = [];
  const make = (kind: string, coefficients?: { feedforward: number[]; feedback: number[] }) => {
    const node = new FakeNode(kind, coefficients);
    made.push(node);
    return node;
  };
  const context = {
    currentTime: 2,
    sampleRate: 48_000,
    destination: make('destination'),
    createGain: () => make('gain'),
    createStereoPanner: () => make('panner'),
    createAnalyser: () => make('analyser'),
    createConstantSource: () => make('constant'),
    createIIRFilter: (feedforward: number[], feedback: number[]) => make('filter', { feedforward, feedback }),
  };
  return { context: context as unknown as MixerContext & { currentTime: number }, made };
}

/** The chain of node kinds from `node` to the output, following first outputs. */
function chainFrom(node: FakeNode): string[] {
  const kinds = [node.kind];
  let at = node;
  while (at.outputs[0] instanceof FakeNode) {
    at = at.outputs[0];
    kinds.push(at.kind);
  }
  return kinds;
}

describe('the mixer graph', () => {
  it('routes a track through its pan, fader and meter into the master fader and meter, then the output', () => {
    const { context } = fakeContext();
    const mixer = createMixerGraph(context);
    const strip = mixer.channel('a');
    expect(chainFrom(strip.input as unknown as FakeNode)).toEqual(['gain', 'panner', 'gain', 'analyser', 'gain', 'analyser', 'destination']);
    // One strip per track, made once.
    expect(mixer.channel('a')).toBe(strip);
    expect(mixer.channelIds()).toEqual(['a']);
  });

  it('drives every gain and pan from a value the page sets at once, glided by a filter on the audio thread, never a schedule on the page\'s clock', () => {
    const { context, made } = fakeContext();
    const mixer = createMixerGraph(context);
    mixer.channel('a').set({ gain: 0.5, pan: -1 });
    mixer.setMaster(0.25);
    const master = made.filter((node) => node.kind === 'gain')[0];
    const fader = made.filter((node) => node.kind === 'gain')[2];
    const panner = made.find((node) => node.kind === 'panner') as FakeNode;
    // A one-pole low-pass: 95% of the way in `rampSeconds`.
    const pole = Math.exp(-3 / (rampSeconds * 48_000));
    for (const [param, value] of [[master.gain, 0.25], [fader.gain, 0.5], [panner.pan, -1]] as const) {
      // The parameter's own value is 0: all of it comes through the glide.
      expect(param.value).toBe(0);
      const [glide] = param.inputs;
      expect(glide.kind).toBe('filter');
      expect(glide.coefficients?.feedforward[0]).toBeCloseTo(1 - pole, 12);
      expect(glide.coefficients?.feedback).toEqual([1, -pole]);
      const constant = made.find((node) => node.outputs.includes(glide)) as FakeNode;
      expect(constant.kind).toBe('constant');
      expect(constant.running).toBe(true);
      expect(constant.offset.value).toBe(value);
    }
  });

  it('reads peak and RMS from the meters', () => {
    const { context } = fakeContext();
    const mixer = createMixerGraph(context);
    const reading = mixer.channel('a').meter();
    expect(reading.peak).toBe(0.5);
    expect(reading.rms).toBeCloseTo(Math.sqrt((0.25 + 0.0625) / 1024), 6);
  });

  it('leaves no node connected once a strip is removed or the mixer disposed', () => {
    const { context, made } = fakeContext();
    const mixer = createMixerGraph(context);
    mixer.channel('a');
    mixer.channel('b');
    mixer.remove('a');
    expect(mixer.channelIds()).toEqual(['b']);
    mixer.dispose();
    expect(mixer.channelIds()).toEqual([]);
    expect(made.filter((node) => node.outputs.length > 0)).toEqual([]);
    // The glides' sources are stopped, not left running unplugged.
    expect(made.filter((node) => node.kind === 'constant' && node.running)).toEqual([]);
  });
});

describe('the audio engine', () => {
  function engineContext() {
    const { context, made } = fakeContext();
    const closed = { count: 0 };
    let resumedAt: number | undefined;
    const engineContext = Object.assign(context, {
      state: 'suspended' as AudioContextState,
      resume: async () => {
        engineContext.state = 'running';
        resumedAt = performance.now();
      },
      close: async () => {
        closed.count += 1;
      },
    });
    // Its time moves with the wall's once resumed, as an open output's does.
    Object.defineProperty(engineContext, 'currentTime', { get: () => 2 + (resumedAt === undefined ? 0 : (performance.now() - resumedAt) / 1000) });
    return { engineContext, made, closed };
  }

  it('starts one context on the first gesture, applies a mix change once, and closes the context when disposed', async () => {
    const store = createCompositorStore();
    store.dispatch(trackAdded({ id: 'a', name: 'A', kind: 'audio', source: { url: '/a.m4a' } }));
    const { engineContext: context, made, closed } = engineContext();
    let contexts = 0;
    const engine = createAudioEngine(store, {
      createContext: () => {
        contexts += 1;
        return context as unknown as EngineContext;
      },
    });
    expect(engine.state()).toBe('idle');
    expect(await engine.start()).toBe('running');
    await engine.start();
    expect(contexts).toBe(1);
    const fader = made.filter((node) => node.kind === 'gain')[2];
    // The constant the fader's glide follows.
    const control = made.find((node) => node.outputs.includes(fader.gain.inputs[0])) as FakeNode;
    const setsAfterStart = control.offset.sets.length;
    // A store change that is not the mix sets nothing; a fader move sets the fader once.
    store.dispatch(trackSelected('a'));
    expect(control.offset.sets).toHaveLength(setsAfterStart);
    store.dispatch(channelVolumeChanged({ id: 'a', volumeDb: -6 }));
    expect(control.offset.sets.slice(setsAfterStart)).toEqual([10 ** (-6 / 20)]);
    await engine.dispose();
    expect(closed.count).toBe(1);
    expect(engine.state()).toBe('idle');
    expect(made.filter((node) => node.outputs.length > 0)).toEqual([]);
  });

  it('says it runs only once the output moves: starting while its time stands still, running once it moves with the wall', async () => {
    const store = createCompositorStore();
    const { engineContext: context } = engineContext();
    let frozen = true;
    const moving = Object.getOwnPropertyDescriptor(context, 'currentTime')?.get as () => number;
    Object.defineProperty(context, 'currentTime', { get: () => (frozen ? 2 : moving()) });
    const engine = createAudioEngine(store, { createContext: () => context as unknown as EngineContext });
    const started = engine.start();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(engine.state()).toBe('starting');
    frozen = false;
    await expect(started).resolves.toBe('running');
    await engine.dispose();
  });

  it('disposed while its start waits for the output (a story or editor unmounted), the start ends quietly, idle', async () => {
    const store = createCompositorStore();
    const { engineContext: context, closed } = engineContext();
    // An output that never answers resume() (no gesture yet): start waits out its 200 ms.
    context.resume = () => new Promise(() => undefined);
    const engine = createAudioEngine(store, { createContext: () => context as unknown as EngineContext });
    const starting = engine.start();
    await new Promise((resolve) => setTimeout(resolve, 0));
    await engine.dispose();
    await expect(starting).resolves.toBe('idle');
    expect(closed.count).toBe(1);
    expect(engine.state()).toBe('idle');
  });

  it('tells every listener of a scrub, starting the sound, unless the host turned scrubbing sound off', async () => {
    const store = createCompositorStore();
    for (const scrubSound of [undefined, false]) {
      const { engineContext: context } = engineContext();
      const engine = createAudioEngine(store, { createContext: () => context as unknown as EngineContext, scrubSound });
      const heard: number[] = [];
      const stop = engine.onScrub((ms) => heard.push(ms));
      engine.scrub(1200);
      await new Promise((resolve) => setTimeout(resolve, 0));
      if (scrubSound === false) {
        expect(heard).toEqual([]);
        expect(engine.state()).toBe('idle');
      } else {
        expect(heard).toEqual([1200]);
        // Starting until its time moves as the wall's, then running.
        expect(engine.state()).toBe('starting');
        await vi.waitFor(() => expect(engine.state()).toBe('running'), { timeout: 2000 });
        stop();
        engine.scrub(1300);
        expect(heard).toEqual([1200]);
      }
      await engine.dispose();
    }
  });
});
