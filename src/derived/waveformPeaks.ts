/**
 * A sound's waveform as an editor draws it: the lowest and highest sample in each bucket of time,
 * at a few zoom levels. The finest level has a bucket every 20 ms (6 KB a minute); each coarser
 * one folds four buckets into one. An hour's peaks are about 480 KB, whatever the file's rate.
 */
export interface WaveformPeaks {
  /** The sound's length in ms. */
  durationMs: number;
  /** Finest first. */
  levels: PeakLevel[];
}

export interface PeakLevel {
  /** Source ms a bucket covers. */
  bucketMs: number;
  /**
   * Per bucket its lowest then its highest sample over every channel, -127 to 127 for -1 to 1
   * (the 8-bit scale of BBC's audiowaveform): `[min0, max0, min1, max1, ...]`.
   */
  data: Int8Array<ArrayBuffer>;
}

export const finestBucketMs = 20;
const levelFactor = 4;
const levelCount = 4;

/** Bytes a waveform's peaks take. */
export const peaksBytes = (peaks: WaveformPeaks): number => peaks.levels.reduce((sum, level) => sum + level.data.byteLength, 0);

const toByte = (value: number) => Math.round(Math.max(-1, Math.min(1, value)) * 127);

export interface PeaksAccumulator {
  /** Takes decoded sound (one array per channel) starting at source time `timestamp` (s). */
  add(timestamp: number, sampleRate: number, channels: readonly Float32Array[], frames: number): void;
  /** The peaks of everything added; buckets no sound fell in read as silence. */
  finish(): WaveformPeaks;
}

/**
 * Peaks made as sound is decoded, a stretch at a time, so nothing but the peaks is ever held.
 * Sound before 0 (encoder priming) or after `durationMs` is left out.
 */
export function createPeaksAccumulator(durationMs: number): PeaksAccumulator {
  const buckets = Math.max(1, Math.ceil(durationMs / finestBucketMs));
  const lows = new Float32Array(buckets).fill(Number.POSITIVE_INFINITY);
  const highs = new Float32Array(buckets).fill(Number.NEGATIVE_INFINITY);
  const bucketSeconds = finestBucketMs / 1000;

  return {
    add(timestamp, sampleRate, channels, frames) {
      // Frames before source time 0 are skipped; then one bucket's run of frames at a time.
      let frame = Math.max(0, Math.ceil(-timestamp * sampleRate));
      while (frame < frames) {
        const bucket = Math.floor((timestamp + frame / sampleRate) / bucketSeconds);
        if (bucket >= buckets) break;
        const end = Math.min(frames, Math.max(frame + 1, Math.ceil(((bucket + 1) * bucketSeconds - timestamp) * sampleRate)));
        let low = lows[bucket];
        let high = highs[bucket];
        for (const channel of channels) {
          for (let index = frame; index < end; index += 1) {
            const value = channel[index];
            if (value < low) low = value;
            if (value > high) high = value;
          }
        }
        lows[bucket] = low;
        highs[bucket] = high;
        frame = end;
      }
    },
    finish() {
      const levels: PeakLevel[] = [];
      for (let level = 0; level < levelCount; level += 1) {
        const factor = levelFactor ** level;
        const count = Math.ceil(buckets / factor);
        const data = new Int8Array(count * 2);
        for (let bucket = 0; bucket < count; bucket += 1) {
          let low = Number.POSITIVE_INFINITY;
          let high = Number.NEGATIVE_INFINITY;
          for (let fine = bucket * factor; fine < Math.min(buckets, (bucket + 1) * factor); fine += 1) {
            if (lows[fine] < low) low = lows[fine];
            if (highs[fine] > high) high = highs[fine];
          }
          // A bucket no sound reached (past the last decoded frame) is silence.
          data[bucket * 2] = low === Number.POSITIVE_INFINITY ? 0 : toByte(low);
          data[bucket * 2 + 1] = high === Number.NEGATIVE_INFINITY ? 0 : toByte(high);
        }
        levels.push({ bucketMs: finestBucketMs * factor, data });
        if (count === 1) break;
      }
      return { durationMs, levels };
    },
  };
}

/**
 * The waveform across `pixels` columns showing source time `fromMs` to `toMs`: each column's
 * lowest and highest sample (-1 to 1), from the coarsest level with at least one bucket a column.
 */
export function peaksForColumns(peaks: WaveformPeaks, fromMs: number, toMs: number, pixels: number): Float32Array {
  const columns = new Float32Array(Math.max(0, pixels) * 2);
  if (pixels <= 0 || toMs <= fromMs) return columns;
  const msPerColumn = (toMs - fromMs) / pixels;
  let level = peaks.levels[0];
  for (const candidate of peaks.levels) if (candidate.bucketMs <= msPerColumn) level = candidate;
  const bucketCount = level.data.length / 2;
  for (let column = 0; column < pixels; column += 1) {
    const first = Math.floor((fromMs + column * msPerColumn) / level.bucketMs);
    const last = Math.max(first, Math.ceil((fromMs + (column + 1) * msPerColumn) / level.bucketMs) - 1);
    let low = 0;
    let high = 0;
    for (let bucket = Math.max(0, first); bucket <= Math.min(last, bucketCount - 1); bucket += 1) {
      low = Math.min(low, level.data[bucket * 2]);
      high = Math.max(high, level.data[bucket * 2 + 1]);
    }
    columns[column * 2] = low / 127;
    columns[column * 2 + 1] = high / 127;
  }
  return columns;
}
