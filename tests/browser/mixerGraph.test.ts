// The mixer graph as it sounds, in Chromium: rendered with an OfflineAudioContext and read back
// sample by sample (the graph's own meters are not asked).
import { describe, expect, it } from 'vitest';
import type { MixerContext, MixerGraph } from '../../src/audio/mixerGraph';
import { kitPageForFile } from '../support/kitPage';

const kit = kitPageForFile();

interface Rendered {
  /** Largest change between two neighbouring samples of the left channel around the change. */
  maxStep: number;
  /** Peak of each channel before and after the change. */
  before: { left: number; right: number };
  after: { left: number; right: number };
}

/**
 * Renders 1 s of a 440 Hz sine through one strip of the mixer at 48 kHz, sets the strip (or the
 * master) at 0.5 s, and reads the output back.
 */
function render(change: { gain?: number; pan?: number; master?: number; jump?: boolean }): Promise<Rendered> {
  return kit.page.evaluate(async (change) => {
    const { createMixerGraph } = (await globalThis.eval("import('/src/audio/mixerGraph.ts')")) as { createMixerGraph(context: MixerContext): MixerGraph };
    const rate = 48_000;
    const context = new OfflineAudioContext({ numberOfChannels: 2, length: rate, sampleRate: rate });
    const mixer = createMixerGraph(context);
    const tone = new OscillatorNode(context, { frequency: 440 });
    const strip = mixer.channel('tone');
    tone.connect(strip.input);
    tone.start();
    const changeAt = 0.5;
    void context.suspend(changeAt).then(() => {
      if (change.jump) {
        // What the mixer never does: a gain that jumps. The test must see the click it makes.
        (strip.input as GainNode).gain.setValueAtTime(change.gain ?? 1, changeAt);
      } else if (change.master !== undefined) mixer.setMaster(change.master);
      else strip.set({ gain: change.gain ?? 1, pan: change.pan ?? 0 });
      void context.resume();
    });
    const output = await context.startRendering();
    const [left, right] = [output.getChannelData(0), output.getChannelData(1)];
    const peak = (data: Float32Array, from: number, to: number) => data.subarray(from * rate, to * rate).reduce((max, sample) => Math.max(max, Math.abs(sample)), 0);
    let maxStep = 0;
    for (let index = (changeAt - 0.05) * rate; index < (changeAt + 0.05) * rate; index += 1) maxStep = Math.max(maxStep, Math.abs(left[index] - left[index - 1]));
    return {
      maxStep,
      before: { left: peak(left, 0.3, 0.45), right: peak(right, 0.3, 0.45) },
      after: { left: peak(left, 0.6, 0.9), right: peak(right, 0.6, 0.9) },
    };
  }, change);
}

// A 440 Hz sine at 48 kHz moves at most 2 pi 440 / 48000 = 0.058 between samples: anything well
// above that is a step in the waveform, which a person hears as a click.
const sineStep = (2 * Math.PI * 440) / 48_000;

describe('the mixer graph, heard', () => {
  it('fades a track out without a click', async () => {
    const faded = await render({ gain: 0 });
    expect(faded.before.left).toBeGreaterThan(0.6);
    expect(faded.after.left).toBeLessThan(1e-3);
    expect(faded.maxStep).toBeLessThan(sineStep * 1.5);
    // The same change as a jump clicks: the measure can tell.
    const jumped = await render({ gain: 0, jump: true });
    expect(jumped.maxStep).toBeGreaterThan(sineStep * 3);
  });

  it('sets a level: half the gain, half the amplitude', async () => {
    const half = await render({ gain: 0.5 });
    expect(half.after.left / half.before.left).toBeCloseTo(0.5, 2);
  });

  it('pans hard left: all of it on the left, none on the right', async () => {
    const left = await render({ gain: 1, pan: -1 });
    expect(left.before.left).toBeCloseTo(left.before.right, 3);
    expect(left.after.right).toBeLessThan(1e-3);
    expect(left.after.left).toBeGreaterThan(left.before.left);
    expect(left.maxStep).toBeLessThan(sineStep * 1.5);
  });

  it('applies the master fader to everything', async () => {
    const master = await render({ master: 0.25 });
    expect(master.after.left / master.before.left).toBeCloseTo(0.25, 2);
  });
});
