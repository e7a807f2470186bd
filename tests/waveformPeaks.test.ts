import { describe, expect, it } from 'vitest';
import { createPeaksAccumulator, peaksBytes, peaksForColumns } from '../src/derived';

/** `seconds` of a signal at `rate`, as one channel. */
const signal = (seconds: number, rate: number, at: (time: number) => number) => Float32Array.from({ length: Math.round(seconds * rate) }, (_, index) => at(index / rate));

describe('waveform peaks', () => {
  it('keeps the lowest and highest sample of every 20 ms, over every channel, whatever the stretches', () => {
    const peaks = createPeaksAccumulator(1000);
    // A ramp from -1 to 1 over the second on the left, silence on the right, fed in uneven
    // stretches at 44.1 kHz.
    const rate = 44_100;
    const left = signal(1, rate, (time) => time * 2 - 1);
    const right = new Float32Array(left.length);
    for (let from = 0; from < left.length; from += 1234) {
      const to = Math.min(left.length, from + 1234);
      peaks.add(from / rate, rate, [left.subarray(from, to), right.subarray(from, to)], to - from);
    }
    const [finest] = peaks.finish().levels;
    expect(finest.bucketMs).toBe(20);
    expect(finest.data.length).toBe(100);
    for (let bucket = 0; bucket < 50; bucket += 1) {
      const low = bucket * 0.04 - 1;
      expect(finest.data[bucket * 2] / 127).toBeCloseTo(Math.min(low, 0), 1);
      expect(finest.data[bucket * 2 + 1] / 127).toBeCloseTo(Math.max(low + 0.04, 0), 1);
    }
  });

  it('leaves out sound before 0 (an encoder\'s priming) and after the end', () => {
    const peaks = createPeaksAccumulator(100);
    const rate = 1000;
    peaks.add(-0.05, rate, [signal(0.2, rate, (time) => (time < 0.05 ? 1 : 0.25))], 200);
    const { levels, durationMs } = peaks.finish();
    expect(durationMs).toBe(100);
    expect([...levels[0].data]).toEqual([32, 32, 32, 32, 32, 32, 32, 32, 32, 32]);
  });

  it('folds four buckets into one a level, down to one bucket, and says what it holds', () => {
    const peaks = createPeaksAccumulator(60 * 60 * 1000);
    peaks.add(1800, 100, [signal(1, 100, () => 0.5)], 100);
    const made = peaks.finish();
    expect(made.levels.map((level) => level.bucketMs)).toEqual([20, 80, 320, 1280]);
    // An hour: 180 000 buckets at 20 ms, 2 bytes each, then a quarter of that a level.
    expect(peaksBytes(made)).toBe(2 * (180_000 + 45_000 + 11_250 + 2813));
    expect(made.levels[3].data[Math.floor(1_800_000 / 1280) * 2 + 1]).toBe(64);
  });

  it('draws each column from the coarsest level with a bucket a column, and silence where nothing was heard', () => {
    const peaks = createPeaksAccumulator(10_000);
    peaks.add(5, 1000, [signal(1, 1000, (time) => Math.sin(2 * Math.PI * 50 * time) * 0.8)], 1000);
    const made = peaks.finish();
    // 100 columns over 10 s: 100 ms a column, so 80 ms buckets.
    const columns = peaksForColumns(made, 0, 10_000, 100);
    expect(columns.length).toBe(200);
    // A column takes every bucket it touches, so one beside the loud second may show some of it.
    for (let column = 0; column < 100; column += 1) {
      if (column === 49 || column === 60) continue;
      const loud = column >= 50 && column < 60;
      expect(columns[column * 2 + 1] > 0.7, `column ${column}`).toBe(loud);
      expect(columns[column * 2] < -0.7, `column ${column}`).toBe(loud);
    }
    // Part of the source only: the loud second fills the whole width.
    const zoomed = peaksForColumns(made, 5000, 6000, 10);
    expect(Array.from({ length: 10 }, (_, column) => zoomed[column * 2 + 1] > 0.7)).toEqual(Array(10).fill(true));
    expect(peaksForColumns(made, 0, 1000, 0)).toHaveLength(0);
  });
});
