import type { PeakLevel, WaveformPeaks } from './waveformPeaks';

/**
 * Waveform peaks on the wire and on disk (the media server's `peaks` kind): compact binary,
 * little-endian, the levels as `WaveformPeaks` holds them, so a client uses them as they come.
 *
 * | bytes | what |
 * | --- | --- |
 * | 0-3 | `MTKP` |
 * | 4 | format version, 1 |
 * | 5 | level count L |
 * | 6-7 | 0 |
 * | 8-11 | the sound's length in ms (uint32) |
 * | then L times | the level's bucket length in ms (uint32), its bucket count N (uint32) |
 * | then L times | the level's N buckets: lowest then highest sample, int8 each, -127 to 127 for -1 to 1 |
 *
 * An hour of sound is about 480 KB (the finest level, 20 ms buckets, is three quarters of it).
 * Served as `application/vnd.multitrack-kit.peaks` (`peaksContentType`).
 */
const magic = [0x4d, 0x54, 0x4b, 0x50];
const version = 1;
const headerBytes = 12;

export function encodePeaks(peaks: WaveformPeaks): Uint8Array<ArrayBuffer> {
  const levels = peaks.levels;
  const tableBytes = levels.length * 8;
  const dataBytes = levels.reduce((sum, level) => sum + level.data.byteLength, 0);
  const out = new Uint8Array(headerBytes + tableBytes + dataBytes);
  const view = new DataView(out.buffer);
  out.set(magic, 0);
  out[4] = version;
  out[5] = levels.length;
  view.setUint32(8, Math.round(peaks.durationMs), true);
  let at = headerBytes;
  for (const level of levels) {
    view.setUint32(at, level.bucketMs, true);
    view.setUint32(at + 4, level.data.length / 2, true);
    at += 8;
  }
  for (const level of levels) {
    out.set(new Uint8Array(level.data.buffer, level.data.byteOffset, level.data.byteLength), at);
    at += level.data.byteLength;
  }
  return out;
}

/** Peaks from their bytes; throws a `RangeError` naming what is wrong with bytes that are not peaks. */
export function decodePeaks(bytes: ArrayBuffer | Uint8Array): WaveformPeaks {
  const data = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  if (data.byteLength < headerBytes || magic.some((value, index) => data[index] !== value)) throw new RangeError('Not waveform peaks: the file does not start with MTKP.');
  if (data[4] !== version) throw new RangeError(`Waveform peaks of format version ${data[4]}; this kit reads version ${version}.`);
  const count = data[5];
  const durationMs = view.getUint32(8, true);
  let at = headerBytes;
  const table: { bucketMs: number; buckets: number }[] = [];
  for (let level = 0; level < count; level += 1) {
    if (at + 8 > data.byteLength) throw new RangeError('Waveform peaks cut short: the level table is incomplete.');
    table.push({ bucketMs: view.getUint32(at, true), buckets: view.getUint32(at + 4, true) });
    at += 8;
  }
  const levels: PeakLevel[] = table.map(({ bucketMs, buckets }) => {
    if (at + buckets * 2 > data.byteLength) throw new RangeError('Waveform peaks cut short: a level has fewer buckets than its table says.');
    // A copy: the levels outlive the response's buffer, and an Int8Array view needs no alignment anyway.
    const levelData = new Int8Array(buckets * 2);
    levelData.set(new Int8Array(data.buffer, data.byteOffset + at, buckets * 2));
    at += buckets * 2;
    return { bucketMs, data: levelData };
  });
  return { durationMs, levels };
}
