import type { AudioSample } from 'mediabunny';
import { describe, expect, it } from 'vitest';
import { copySamplePlanes } from '../src/audio/samplePlanes';

/** A decoded sample as mediabunny gives it, copying out only as interleaved f32 (the one copy the kit asks for). */
function sampleOf(channels: number[][]): AudioSample {
  const frames = channels[0].length;
  return {
    numberOfFrames: frames,
    numberOfChannels: channels.length,
    copyTo(destination: Float32Array, options: { planeIndex: number; format: string }) {
      if (options.format !== 'f32' || options.planeIndex !== 0) throw new Error(`asked for ${options.format} plane ${options.planeIndex}`);
      for (let frame = 0; frame < frames; frame += 1) channels.forEach((channel, index) => (destination[frame * channels.length + index] = channel[frame]));
    },
  } as unknown as AudioSample;
}

describe('given a decoded stereo sample', () => {
  it('puts each channel in its own plane from one interleaved copy', () => {
    const left = new Float32Array(3);
    const right = new Float32Array(3);
    copySamplePlanes(sampleOf([[0.1, 0.2, 0.3], [-0.1, -0.2, -0.3]]), [left, right]);
    expect([...left]).toEqual([0.1, 0.2, 0.3].map(Math.fround));
    expect([...right]).toEqual([-0.1, -0.2, -0.3].map(Math.fround));
  });

  it('reuses a scratch buffer that is large enough, and makes a larger one when not', () => {
    const scratch = new Float32Array(16);
    const planes = [new Float32Array(4), new Float32Array(4)];
    expect(copySamplePlanes(sampleOf([[1, 2], [3, 4]]), planes, scratch)).toBe(scratch);
    const larger = copySamplePlanes(sampleOf([Array(10).fill(1), Array(10).fill(2)]), [new Float32Array(10), new Float32Array(10)], scratch);
    expect(larger).not.toBe(scratch);
    expect(larger.length).toBe(20);
  });
});

describe('given a mono sample and two planes', () => {
  it('fills only the first plane', () => {
    const left = new Float32Array(2);
    const right = new Float32Array(2).fill(9);
    copySamplePlanes(sampleOf([[0.5, 0.25]]), [left, right]);
    expect([...left]).toEqual([0.5, 0.25]);
    expect([...right]).toEqual([9, 9]);
  });
});
