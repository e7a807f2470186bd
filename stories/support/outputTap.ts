/**
 * A recorder on the compositor's master output, outside the kit: an AudioWorklet of the story's
 * own, connected to `graph().output`, copies every sample the speakers get, with the context
 * time it plays at. Stories ask it what a person would have heard.
 */
export interface OutputTap {
  /** Connects to the node whose sound to record (the mixer's `output`); returns the disconnect. */
  attach(output: AudioNode): Promise<() => void>;
  /** Whether it is recording. */
  readonly attached: boolean;
  /** The context time (s) of the newest recorded sample. */
  now(): number;
  /**
   * The context's time (s) as the page reads it now: where "from now on" begins. The newest
   * recorded sample can be well behind it (the recording reaches the page in messages, which a
   * busy page reads late: Firefox, 0.3 s and more).
   */
  contextTime(): number;
  /** The loudest sample (left channel) between two context times. */
  peakBetween(fromSeconds: number, toSeconds: number): number;
  /** The largest change between neighbouring samples between two context times: a click is a big one. */
  maxStepBetween(fromSeconds: number, toSeconds: number): number;
  /** Context times where sound starts after at least 20 ms of quiet (below `threshold`), on the left channel or the right. */
  onsetsBetween(fromSeconds: number, toSeconds: number, threshold?: number, channel?: 'left' | 'right'): number[];
  /** Context times where sound ends: its last sample at or above `threshold` before at least 20 ms of quiet. */
  releasesBetween(fromSeconds: number, toSeconds: number, threshold?: number, channel?: 'left' | 'right'): number[];
  /**
   * When a context time is heard, as `performance.now()`: from the output's own timestamp
   * (`getOutputTimestamp`), read as the recording goes, where it is on the page's clock; else
   * (WebKitGTK: its `performanceTime` has another origin) from when the recorded blocks reached
   * the page, plus the output's latencies.
   */
  heardAt(contextSeconds: number): number;
  /** Forgets what it recorded. */
  clear(): void;
}

const processor = `
class OutputTapProcessor extends AudioWorkletProcessor {
  process(inputs) {
    // With nothing playing into it, the input has no channels: that is silence, recorded too.
    const [left, right] = inputs[0] || [];
    const silence = new Float32Array(128);
    this.port.postMessage({ frame: currentFrame, samples: left ? left.slice() : silence, right: right ? right.slice() : left ? left.slice() : silence });
    return true;
  }
}
registerProcessor('mtk-output-tap', OutputTapProcessor);
`;

/** Seconds of sound the tap keeps: enough for any story, bounded. */
const keptSeconds = 30;
/** A timestamp older than this, or ahead of `performance.now()`, is not on the page's clock. */
const plausibleAgeMs = 1000;
/** Blocks' arrivals kept to place context time on the page's clock where the timestamp cannot. */
const keptArrivals = 400;

export function createOutputTap(): OutputTap {
  // `samples` is the left channel (what every measure but `onsetsBetween(..., 'right')` reads).
  let blocks: { frame: number; samples: Float32Array; right: Float32Array }[] = [];
  let sampleRate = 48_000;
  let attached = false;
  let context: BaseAudioContext | undefined;
  let stamp: AudioTimestamp | undefined;
  /**
   * For each recent block, when it reached the page less the context time it ends at (ms): the
   * least is the block that came with the least delay, so the closest to when it was rendered.
   */
  let arrivals: number[] = [];
  let latencyMs = 0;

  function* samplesBetween(fromSeconds: number, toSeconds: number, channel: 'left' | 'right' = 'left'): Generator<[number, number]> {
    for (const block of blocks) {
      const { frame } = block;
      const samples = channel === 'left' ? block.samples : block.right;
      const blockStart = frame / sampleRate;
      if (blockStart + samples.length / sampleRate < fromSeconds || blockStart > toSeconds) continue;
      for (let index = 0; index < samples.length; index += 1) {
        const time = (frame + index) / sampleRate;
        if (time >= fromSeconds && time < toSeconds) yield [time, samples[index]];
      }
    }
  }

  return {
    get attached() {
      return attached;
    },
    async attach(output) {
      const tapped = output.context as AudioContext;
      context = tapped;
      sampleRate = tapped.sampleRate;
      const url = URL.createObjectURL(new Blob([processor], { type: 'text/javascript' }));
      try {
        await tapped.audioWorklet.addModule(url);
      } finally {
        URL.revokeObjectURL(url);
      }
      const node = new AudioWorkletNode(tapped, 'mtk-output-tap', { numberOfInputs: 1, numberOfOutputs: 0 });
      node.port.onmessage = ({ data }: MessageEvent<{ frame: number; samples: Float32Array; right: Float32Array }>) => {
        // Each block once, in order, should a second tap ever record the same output.
        const last = blocks.at(-1);
        if (last && data.frame < last.frame + last.samples.length) return;
        blocks.push(data);
        const arrivedAt = performance.now();
        arrivals.push(arrivedAt - ((data.frame + data.samples.length) / sampleRate) * 1000);
        if (arrivals.length > keptArrivals) arrivals = arrivals.slice(-keptArrivals);
        latencyMs = ((tapped.outputLatency || 0) + (tapped.baseLatency || 0)) * 1000;
        const now = tapped.getOutputTimestamp();
        const age = arrivedAt - (now.performanceTime ?? 0);
        if (now.performanceTime && now.contextTime && age >= -plausibleAgeMs / 10 && age < plausibleAgeMs) stamp = now;
        const oldest = data.frame - keptSeconds * sampleRate;
        if (blocks[0].frame < oldest) blocks = blocks.filter((block) => block.frame >= oldest);
      };
      output.connect(node);
      attached = true;
      return () => {
        attached = false;
        node.port.onmessage = null;
        // The compositor may have closed its graph first (its provider unmounted before this).
        try {
          output.disconnect(node);
        } catch {
          // Already disconnected.
        }
      };
    },
    contextTime: () => context?.currentTime ?? 0,
    now: () => {
      const last = blocks.at(-1);
      return last ? (last.frame + last.samples.length) / sampleRate : 0;
    },
    peakBetween(fromSeconds, toSeconds) {
      let peak = 0;
      for (const [, sample] of samplesBetween(fromSeconds, toSeconds)) peak = Math.max(peak, Math.abs(sample));
      return peak;
    },
    maxStepBetween(fromSeconds, toSeconds) {
      let step = 0;
      let previous: { time: number; sample: number } | undefined;
      for (const [time, sample] of samplesBetween(fromSeconds, toSeconds)) {
        // Only neighbours: a block the recorder missed is not a step in the sound.
        if (previous && time - previous.time < 1.5 / sampleRate) step = Math.max(step, Math.abs(sample - previous.sample));
        previous = { time, sample };
      }
      return step;
    },
    onsetsBetween(fromSeconds, toSeconds, threshold = 0.05, channel = 'left') {
      const onsets: number[] = [];
      let quietSince = fromSeconds;
      for (const [time, sample] of samplesBetween(fromSeconds, toSeconds, channel)) {
        if (Math.abs(sample) < threshold) continue;
        if (time - quietSince > 0.02) onsets.push(time);
        quietSince = time;
      }
      return onsets;
    },
    releasesBetween(fromSeconds, toSeconds, threshold = 0.05, channel = 'left') {
      const releases: number[] = [];
      let loudAt: number | undefined;
      for (const [time, sample] of samplesBetween(fromSeconds, toSeconds, channel)) {
        if (Math.abs(sample) < threshold) continue;
        if (loudAt !== undefined && time - loudAt > 0.02) releases.push(loudAt);
        loudAt = time;
      }
      if (loudAt !== undefined && toSeconds - loudAt > 0.02) releases.push(loudAt);
      return releases;
    },
    heardAt(contextSeconds) {
      if (stamp?.performanceTime && stamp.contextTime !== undefined) return stamp.performanceTime + (contextSeconds - stamp.contextTime) * 1000;
      if (arrivals.length === 0) throw new Error('the output has played nothing yet');
      return contextSeconds * 1000 + Math.min(...arrivals) + latencyMs;
    },
    clear() {
      blocks = [];
      stamp = undefined;
      arrivals = [];
    },
  };
}
