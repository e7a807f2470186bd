/**
 * The mix as a Web Audio graph on one context: per track an input (what its sound source connects
 * to), a pan, a fader and a meter, all into a master fader and meter, then the output.
 *
 *   source -> input -> pan -> fader -> meter --+--> master fader -> master meter -> destination
 *
 * Every change of a fader or a pan glides over a few milliseconds, never jumps: a step in gain is
 * a step in the waveform, and a person hears it as a click. The glide runs on the audio thread:
 * each such parameter is driven by a constant the page sets at once, through a one-pole low-pass
 * filter (`smoothedParam`). Why not a ramp scheduled on the context's clock: the page reads that
 * clock late (the audio thread renders ahead of what the page sees, more so on a busy machine),
 * and a ramp whose start is already past when it reaches the audio thread begins part-way, a step
 * (Firefox under load: 0.14 to 0.29 on a 0.5 tone with a 10 ms ramp begun 30 ms ahead). A filter
 * has no start time to be late for.
 */

/** How long a gain or pan change takes to be all but done (95%): long enough to be no click, short enough to feel at once. */
export const rampSeconds = 0.01;

/** The part of an AudioContext the mixer uses (a real one, an OfflineAudioContext, or a test's fake). */
export type MixerContext = Pick<
  BaseAudioContext,
  'sampleRate' | 'destination' | 'createGain' | 'createStereoPanner' | 'createAnalyser' | 'createConstantSource' | 'createIIRFilter'
>;

/** What a meter reads from the last few milliseconds of sound: peak and RMS, as linear amplitudes. */
export interface MeterReading {
  peak: number;
  rms: number;
}

export interface ChannelStrip {
  /** Where the track's sound source connects. */
  input: AudioNode;
  /** Ramps the strip to a linear gain (mute, solo and fader already applied) and a pan. */
  set(settings: { gain: number; pan: number }): void;
  meter(): MeterReading;
}

export interface MixerGraph {
  /** The strip of a track, made on first use. */
  channel(trackId: string): ChannelStrip;
  /** Takes a track's strip out of the graph: its nodes are disconnected and left to the collector. */
  remove(trackId: string): void;
  setMaster(gain: number): void;
  masterMeter(): MeterReading;
  /**
   * The last node before the speakers: what the compositor outputs, after the master fader.
   * Connect a tap here (an AnalyserNode, a recorder) to hear exactly that.
   */
  readonly output: AudioNode;
  /** Tracks with a strip now (for the memory reading and leak tests). */
  channelIds(): string[];
  /** Disconnects every node the mixer made. */
  dispose(): void;
}

/** Samples a meter reads at a time: about 20 ms at 48 kHz. */
const meterSamples = 1024;

function readMeter(analyser: AnalyserNode, samples: Float32Array<ArrayBuffer>): MeterReading {
  analyser.getFloatTimeDomainData(samples);
  let peak = 0;
  let sumOfSquares = 0;
  for (const sample of samples) {
    peak = Math.max(peak, Math.abs(sample));
    sumOfSquares += sample * sample;
  }
  return { peak, rms: Math.sqrt(sumOfSquares / samples.length) };
}

/**
 * Drives `param` from a value set at once, glided on the audio thread: a constant source through a
 * one-pole low-pass filter (time constant a third of `rampSeconds`) into the parameter, whose own
 * value is 0. It starts from 0 and glides to `initial`: a strip fades in as it is made.
 */
function smoothedParam(context: MixerContext, param: AudioParam, initial: number): { set(value: number): void; dispose(): void } {
  const pole = Math.exp(-3 / (rampSeconds * context.sampleRate));
  const control = context.createConstantSource();
  control.offset.value = initial;
  const glide = context.createIIRFilter([1 - pole], [1, -pole]);
  param.value = 0;
  control.connect(glide);
  glide.connect(param);
  control.start();
  return {
    set(value) {
      control.offset.value = value;
    },
    // A source left running is never let go: stopped, then unplugged.
    dispose() {
      control.stop();
      control.disconnect();
      glide.disconnect();
    },
  };
}

interface MadeStrip {
  strip: ChannelStrip;
  nodes: AudioNode[];
  controls: { dispose(): void }[];
}

export function createMixerGraph(context: MixerContext): MixerGraph {
  const masterFader = context.createGain();
  const masterGain = smoothedParam(context, masterFader.gain, 1);
  const masterAnalyser = context.createAnalyser();
  masterAnalyser.fftSize = meterSamples;
  masterFader.connect(masterAnalyser);
  masterAnalyser.connect(context.destination);
  const samples = new Float32Array(meterSamples);
  const strips = new Map<string, MadeStrip>();

  function makeStrip(): MadeStrip {
    const input = context.createGain();
    const panner = context.createStereoPanner();
    const fader = context.createGain();
    const analyser = context.createAnalyser();
    analyser.fftSize = meterSamples;
    const gain = smoothedParam(context, fader.gain, 1);
    const pan = smoothedParam(context, panner.pan, 0);
    input.connect(panner);
    panner.connect(fader);
    fader.connect(analyser);
    analyser.connect(masterFader);
    return {
      nodes: [input, panner, fader, analyser],
      controls: [gain, pan],
      strip: {
        input,
        set(mix) {
          gain.set(mix.gain);
          pan.set(mix.pan);
        },
        meter: () => readMeter(analyser, samples),
      },
    };
  }

  return {
    channel(trackId) {
      let made = strips.get(trackId);
      if (!made) {
        made = makeStrip();
        strips.set(trackId, made);
      }
      return made.strip;
    },
    remove(trackId) {
      const made = strips.get(trackId);
      if (!made) return;
      strips.delete(trackId);
      for (const node of made.nodes) node.disconnect();
      for (const control of made.controls) control.dispose();
    },
    setMaster: (gain) => masterGain.set(gain),
    masterMeter: () => readMeter(masterAnalyser, samples),
    output: masterAnalyser,
    channelIds: () => [...strips.keys()],
    dispose() {
      for (const trackId of [...strips.keys()]) this.remove(trackId);
      masterFader.disconnect();
      masterAnalyser.disconnect();
      masterGain.dispose();
    },
  };
}
