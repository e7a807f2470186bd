/**
 * The mix as a Web Audio graph on one context: per track an input (what its sound source connects
 * to), a pan, a fader and a meter, all into a master fader and meter, then the output.
 *
 *   source -> input -> pan -> fader -> meter --+--> master fader -> master meter -> destination
 *
 * Every change of a fader or a pan is a short ramp on the context's clock, never a jump: a step in
 * gain is a step in the waveform, and a person hears it as a click.
 */

/** How long a gain or pan change takes: long enough to be no click, short enough to feel at once. */
export const rampSeconds = 0.01;

/**
 * How far after the context's time as the page sees it a change begins. The audio thread can be
 * past that time when the change reaches it (a busy page: it renders ahead, the message waits), and
 * a ramp begun in the past starts part-way: a step, heard as a click (Firefox under load: steps of
 * 0.14 and 0.22 on a 0.5 tone in a 10 ms ramp). 30 ms later is still at once to a person.
 */
export const changeLeadSeconds = 0.03;

/** The part of an AudioContext the mixer uses (a real one, an OfflineAudioContext, or a test's fake). */
export type MixerContext = Pick<BaseAudioContext, 'currentTime' | 'destination' | 'createGain' | 'createStereoPanner' | 'createAnalyser'>;

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

/** Ramps a parameter from where it is now to `value`, from a moment ahead, replacing any ramp still running. */
function rampTo(param: AudioParam, value: number, now: number): void {
  const start = now + changeLeadSeconds;
  param.cancelScheduledValues(start);
  param.setValueAtTime(param.value, start);
  param.linearRampToValueAtTime(value, start + rampSeconds);
}

export function createMixerGraph(context: MixerContext): MixerGraph {
  const masterFader = context.createGain();
  const masterAnalyser = context.createAnalyser();
  masterAnalyser.fftSize = meterSamples;
  masterFader.connect(masterAnalyser);
  masterAnalyser.connect(context.destination);
  const samples = new Float32Array(meterSamples);
  const strips = new Map<string, { strip: ChannelStrip; nodes: AudioNode[] }>();

  function makeStrip(): { strip: ChannelStrip; nodes: AudioNode[] } {
    const input = context.createGain();
    const panner = context.createStereoPanner();
    const fader = context.createGain();
    const analyser = context.createAnalyser();
    analyser.fftSize = meterSamples;
    input.connect(panner);
    panner.connect(fader);
    fader.connect(analyser);
    analyser.connect(masterFader);
    return {
      nodes: [input, panner, fader, analyser],
      strip: {
        input,
        set({ gain, pan }) {
          const now = context.currentTime;
          rampTo(fader.gain, gain, now);
          rampTo(panner.pan, pan, now);
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
    },
    setMaster: (gain) => rampTo(masterFader.gain, gain, context.currentTime),
    masterMeter: () => readMeter(masterAnalyser, samples),
    output: masterAnalyser,
    channelIds: () => [...strips.keys()],
    dispose() {
      for (const trackId of [...strips.keys()]) this.remove(trackId);
      masterFader.disconnect();
      masterAnalyser.disconnect();
    },
  };
}
