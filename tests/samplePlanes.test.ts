import type { AudioSample } from 'mediabunny';
import { describe, expect, it } from 'vitest';
import { copySamplePlanes, sampleCopyFor } from '../src/audio/samplePlanes';

type Format = 'f32' | 'f32-planar' | 's16' | 's16-planar';

/**
 * A decoded sample in `format` as mediabunny gives it. Like WebKitGTK's `AudioData`, it refuses
 * (throws; WebKitGTK's web process dies) a copy that needs no conversion: the same format, or
 * either float layout of one channel.
 */
function sampleOf(channels: number[][], format: Format = 'f32-planar'): AudioSample {
  const frames = channels[0].length;
  const asked: string[] = [];
  return {
    format,
    numberOfFrames: frames,
    numberOfChannels: channels.length,
    asked,
    copyTo(destination: Float32Array | Int32Array, options: { planeIndex: number; format: string }) {
      asked.push(`${options.format}:${options.planeIndex}`);
      const sameBytes = options.format === format || (channels.length === 1 && options.format.startsWith('f32') && format.startsWith('f32'));
      if (sameBytes) throw new Error(`a copy in the sample's own bytes (${options.format} of ${format}): the web process dies`);
      if (options.format === 'f32') {
        for (let frame = 0; frame < frames; frame += 1) channels.forEach((channel, index) => (destination[frame * channels.length + index] = channel[frame]));
      } else if (options.format === 'f32-planar') {
        channels[options.planeIndex].forEach((value, frame) => (destination[frame] = value));
      } else if (options.format === 's32') {
        channels[0].forEach((value, frame) => (destination[frame] = Math.round(Math.max(-1, Math.min(1 - 2 ** -31, value)) * 2 ** 31)));
      } else {
        throw new Error(`no ${options.format} copy in this test`);
      }
    },
  } as unknown as AudioSample;
}

const askedOf = (sample: AudioSample) => (sample as unknown as { asked: string[] }).asked;

describe('the copy made of a decoded sample is never in its own bytes', () => {
  it.each([
    ['f32-planar', 2, 'interleaved-f32'],
    ['f32', 2, 'planar-f32'],
    ['f32-planar', 1, 'mono-s32'],
    ['f32', 1, 'mono-s32'],
    ['s16', 2, 'interleaved-f32'],
    ['s16-planar', 1, 'interleaved-f32'],
  ] as const)('%s with %i channel(s) is copied as %s', (format, channels, copy) => {
    expect(sampleCopyFor({ format, numberOfChannels: channels })).toBe(copy);
  });
});

describe('given a decoded stereo sample', () => {
  it('puts each channel in its own plane from one interleaved copy of planar floats (AAC)', () => {
    const left = new Float32Array(3);
    const right = new Float32Array(3);
    const sample = sampleOf([[0.1, 0.2, 0.3], [-0.1, -0.2, -0.3]], 'f32-planar');
    copySamplePlanes(sample, [left, right]);
    expect(askedOf(sample)).toEqual(['f32:0']);
    expect([...left]).toEqual([0.1, 0.2, 0.3].map(Math.fround));
    expect([...right]).toEqual([-0.1, -0.2, -0.3].map(Math.fround));
  });

  it('copies interleaved floats (Opus) plane by plane, straight into the planes', () => {
    const left = new Float32Array(4).fill(9);
    const right = new Float32Array(4).fill(9);
    const sample = sampleOf([[0.5, 0.25], [-0.5, -0.25]], 'f32');
    copySamplePlanes(sample, [left, right]);
    expect(askedOf(sample)).toEqual(['f32-planar:0', 'f32-planar:1']);
    expect([...left]).toEqual([0.5, 0.25, 9, 9]);
    expect([...right]).toEqual([-0.5, -0.25, 9, 9]);
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
  it('fills only the first plane, from a 32-bit integer copy, to within one part in 2^31', () => {
    const left = new Float32Array(3);
    const right = new Float32Array(3).fill(9);
    const sample = sampleOf([[0.5, -0.25, 0.123456]], 'f32-planar');
    copySamplePlanes(sample, [left, right]);
    expect(askedOf(sample)).toEqual(['s32:0']);
    [0.5, -0.25, 0.123456].forEach((value, frame) => expect(left[frame]).toBeCloseTo(value, 6));
    expect([...right]).toEqual([9, 9, 9]);
  });

  it('keeps the scratch buffer it was given when it is long enough', () => {
    const scratch = new Float32Array(8);
    expect(copySamplePlanes(sampleOf([[0.1, 0.2]], 'f32'), [new Float32Array(2)], scratch)).toBe(scratch);
  });
});
