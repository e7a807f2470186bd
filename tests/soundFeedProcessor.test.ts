import { describe, expect, it } from 'vitest';
import { soundFeedFadeSeconds, soundFeedProcessorSource } from '../src/audio/soundFeedProcessor';

const sampleRate = 48_000;
const quantum = 128;

/**
 * The processor's source run as the audio thread would run it: `sampleRate` and `currentFrame`
 * as the worklet scope's globals, and its output, quantum by quantum, recorded end to end.
 */
function audioThread() {
  const scope = { sampleRate, currentFrame: 0 };
  const posted: { type: string; id?: number }[] = [];
  class AudioWorkletProcessor {
    port = { postMessage: (message: { type: string }) => posted.push(message), onmessage: null as null | ((event: { data: unknown }) => void) };
  }
  let Processor: (new () => AudioWorkletProcessor & { process(inputs: unknown[], outputs: Float32Array[][]): boolean }) | undefined;
  // Sloppy-mode `with` gives the source its worklet globals, read afresh as `currentFrame` moves.
  new Function('AudioWorkletProcessor', 'registerProcessor', 'scope', `with (scope) { ${soundFeedProcessorSource} }`)(
    AudioWorkletProcessor,
    (_name: string, processor: typeof Processor) => (Processor = processor),
    scope,
  );
  if (!Processor) throw new Error('the source registered no processor');
  const node = new Processor();
  const heard: number[] = [];
  return {
    posted,
    heard,
    send: (data: unknown) => node.port.onmessage?.({ data }),
    /** Renders until `frame`, a quantum at a time. */
    runTo(frame: number) {
      while (scope.currentFrame < frame) {
        const output = [new Float32Array(quantum), new Float32Array(quantum)];
        node.process([], [output]);
        heard.push(...output[0]);
        scope.currentFrame += quantum;
      }
    },
  };
}

/** A 440 Hz sine at half scale from source frame `from`, `length` frames, both channels. */
const tone = (from: number, length: number) => {
  const samples = Float32Array.from({ length }, (_, index) => 0.5 * Math.sin((2 * Math.PI * 440 * (from + index)) / sampleRate));
  return [samples, samples.slice()];
};

/** The largest change between neighbouring samples: the tone's own is 0.029; a click is far more. */
const maxStep = (samples: number[]) => samples.slice(1).reduce((largest, sample, index) => Math.max(largest, Math.abs(sample - samples[index])), 0);
const toneStep = (0.5 * 2 * Math.PI * 440) / sampleRate;
const fadeFrames = soundFeedFadeSeconds * sampleRate;

describe('a span whose data arrives late', () => {
  it('comes back up from part-way through its fade to the end of what had arrived without a step', () => {
    const thread = audioThread();
    thread.send({ type: 'span', id: 1, startFrame: 0, endFrame: Infinity, ratio: 1 });
    thread.send({ type: 'data', id: 1, channels: tone(0, 1000) });
    // Rendered to where the fade to the data's end (frame 999) is part-way down.
    thread.runTo(7 * quantum);
    const partWay = Math.abs(thread.heard.slice(-fadeFrames).reduce((peak, sample) => Math.max(peak, Math.abs(sample)), 0));
    expect(partWay).toBeLessThan(0.5);
    thread.send({ type: 'data', id: 1, channels: tone(1000, 9000) });
    thread.runTo(9000);
    expect(maxStep(thread.heard)).toBeLessThan(toneStep * 1.5);
    // And back at full level.
    expect(Math.max(...thread.heard.slice(-2000).map(Math.abs))).toBeGreaterThan(0.49);
    expect(thread.posted.filter(({ type }) => type === 'starved')).toEqual([]);
  });

  it('says once that it starved, is silent meanwhile, and fades in when data comes', () => {
    const thread = audioThread();
    thread.send({ type: 'span', id: 2, startFrame: 0, endFrame: Infinity, ratio: 1 });
    thread.send({ type: 'data', id: 2, channels: tone(0, 1000) });
    thread.runTo(3000);
    expect(thread.posted.filter(({ type }) => type === 'starved')).toEqual([{ type: 'starved', id: 2 }]);
    expect(thread.heard.slice(1000, 3000).every((sample) => sample === 0)).toBe(true);
    thread.send({ type: 'data', id: 2, channels: tone(1000, 9000) });
    thread.runTo(9000);
    expect(maxStep(thread.heard)).toBeLessThan(toneStep * 1.5);
    expect(Math.max(...thread.heard.slice(-2000).map(Math.abs))).toBeGreaterThan(0.49);
  });
});

describe('a span played through', () => {
  it('fades in at its start and out at its end, and says it ended', () => {
    const thread = audioThread();
    thread.send({ type: 'span', id: 3, startFrame: 256, endFrame: 4096, ratio: 1 });
    thread.send({ type: 'data', id: 3, channels: tone(0, 8000) });
    thread.runTo(5000);
    expect(thread.heard.slice(0, 256).every((sample) => sample === 0)).toBe(true);
    expect(thread.heard.slice(4096).every((sample) => sample === 0)).toBe(true);
    expect(maxStep(thread.heard)).toBeLessThan(toneStep * 1.5);
    expect(thread.posted).toContainEqual({ type: 'ended', id: 3 });
  });
});
