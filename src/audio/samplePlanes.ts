import type { AudioSample } from 'mediabunny';

/**
 * Copies a decoded sample's channels into `planes` (one per channel, each at least
 * `numberOfFrames` long), by way of one interleaved copy.
 *
 * Why not `copyTo(plane, { format: 'f32-planar', planeIndex })`, one copy a channel: on WebKitGTK
 * 2.50 a copy of `AudioData` in the format it already has (`f32-planar`, what its AAC decoder
 * gives) kills the web process (`double free or corruption`), while a copy that converts (to
 * interleaved `f32`, `s16`) is sound. Interleaved `f32` is a conversion there and in Chromium
 * (`f32-planar` too), Firefox's own format, and gives the same values in all three (checked
 * against `s16` to 5e-5). `scratch` is reused between calls; the larger one is returned.
 */
export function copySamplePlanes(sample: AudioSample, planes: readonly Float32Array[], scratch?: Float32Array<ArrayBuffer>): Float32Array<ArrayBuffer> {
  const frames = sample.numberOfFrames;
  const channels = sample.numberOfChannels;
  const needed = frames * channels;
  const interleaved = scratch && scratch.length >= needed ? scratch : new Float32Array(needed);
  sample.copyTo(interleaved, { planeIndex: 0, format: 'f32' });
  const used = Math.min(channels, planes.length);
  for (let channel = 0; channel < used; channel += 1) {
    const plane = planes[channel];
    for (let frame = 0, at = channel; frame < frames; frame += 1, at += channels) plane[frame] = interleaved[at];
  }
  return interleaved;
}
