import type { AudioSample } from 'mediabunny';

/** How a sample is copied out: always a copy the engine must convert (see `copySamplePlanes`). */
export type SampleCopy = 'interleaved-f32' | 'planar-f32' | 'mono-s32';

/**
 * The copy `copySamplePlanes` makes of `sample`: one whose bytes differ from the sample's own.
 *
 * Why: on WebKitGTK 2.50 a copy of `AudioData` that needs no conversion kills the web process
 * (`double free or corruption`, `free(): invalid pointer`), whichever the format: `f32-planar`
 * out of its AAC decoder's `f32-planar`, `f32` out of its Opus decoder's `f32`, and `f32` or
 * `f32-planar` out of a mono `f32-planar` (one channel: both layouts are the same bytes). Copies
 * that convert (planar to interleaved, interleaved to planar, float to integer) are sound there,
 * and in Chromium and Firefox. Probed in WebKitGTK with the kit's fixtures (docs: Engines).
 */
export function sampleCopyFor(sample: Pick<AudioSample, 'format' | 'numberOfChannels'>): SampleCopy {
  const floats = sample.format === 'f32' || sample.format === 'f32-planar';
  if (!floats) return 'interleaved-f32';
  // One float channel: any float copy is the sample's own bytes; 32-bit integers keep 31 bits of it.
  if (sample.numberOfChannels === 1) return 'mono-s32';
  return sample.format === 'f32' ? 'planar-f32' : 'interleaved-f32';
}

const s32Scale = 1 / 2 ** 31;

/**
 * Copies a decoded sample's channels into `planes` (one per channel, each at least
 * `numberOfFrames` long; channels beyond `planes` are left out), by a copy the engine converts
 * (`sampleCopyFor`). `scratch` is reused between calls for the copies that need one; the larger
 * one is returned.
 */
export function copySamplePlanes(sample: AudioSample, planes: readonly Float32Array[], scratch?: Float32Array<ArrayBuffer>): Float32Array<ArrayBuffer> {
  const frames = sample.numberOfFrames;
  const channels = sample.numberOfChannels;
  const used = Math.min(channels, planes.length);
  const copy = sampleCopyFor(sample);
  const needed = copy === 'interleaved-f32' ? frames * channels : frames;
  const held = scratch && scratch.length >= needed ? scratch : new Float32Array(needed);
  if (copy === 'planar-f32') {
    for (let channel = 0; channel < used; channel += 1) sample.copyTo(planes[channel].subarray(0, frames), { planeIndex: channel, format: 'f32-planar' });
    return held;
  }
  if (copy === 'mono-s32') {
    // The same bytes as `held`, read as integers (both 4 bytes a sample). Float samples beyond
    // full scale (a decoder's overshoot) are clipped to it by this conversion.
    const integers = new Int32Array(held.buffer, 0, frames);
    sample.copyTo(integers, { planeIndex: 0, format: 's32' });
    if (used === 1) {
      const plane = planes[0];
      for (let frame = 0; frame < frames; frame += 1) plane[frame] = integers[frame] * s32Scale;
    }
    return held;
  }
  sample.copyTo(held, { planeIndex: 0, format: 'f32' });
  for (let channel = 0; channel < used; channel += 1) {
    const plane = planes[channel];
    for (let frame = 0, at = channel; frame < frames; frame += 1, at += channels) plane[frame] = held[at];
  }
  return held;
}
