import { afterEach, describe, expect, it, vi } from 'vitest';
import { createShuttle } from '../src/playback';

afterEach(() => vi.useRealTimers());

function shuttleOn(durationMs: number, startMs: number) {
  vi.useFakeTimers();
  let playheadMs = startMs;
  const asked: number[] = [];
  const shuttle = createShuttle({
    playheadMs: () => playheadMs,
    durationMs: () => durationMs,
    seekTo: (ms) => {
      asked.push(ms);
      playheadMs = ms;
    },
    now: () => Date.now(),
    everyMs: 50,
  });
  return { shuttle, asked, playhead: () => playheadMs };
}

describe('shuttling', () => {
  it('runs the playhead at its speed by seeking, forwards and backwards, from where it is at each change', () => {
    const { shuttle, playhead } = shuttleOn(60_000, 10_000);
    shuttle.run(4);
    vi.advanceTimersByTime(1000);
    expect(playhead()).toBe(14_000);
    shuttle.run(-2);
    vi.advanceTimersByTime(1000);
    expect(playhead()).toBe(12_000);
    expect(shuttle.speed).toBe(-2);
  });

  it('stops at either end of the timeline, and when stopped asks nothing more', () => {
    const { shuttle, asked, playhead } = shuttleOn(5000, 4000);
    shuttle.run(8);
    vi.advanceTimersByTime(1000);
    expect(playhead()).toBe(5000);
    expect(shuttle.speed).toBe(0);
    const count = asked.length;
    vi.advanceTimersByTime(1000);
    expect(asked).toHaveLength(count);
    shuttle.run(-8);
    vi.advanceTimersByTime(2000);
    expect(playhead()).toBe(0);
    expect(shuttle.speed).toBe(0);
  });

  it('stops on 0, a speed that is not a number, or stop()', () => {
    const { shuttle, asked } = shuttleOn(60_000, 0);
    for (const halt of [() => shuttle.run(0), () => shuttle.run(Number.NaN), () => shuttle.stop()]) {
      shuttle.run(2);
      halt();
      const count = asked.length;
      vi.advanceTimersByTime(500);
      expect(asked).toHaveLength(count);
      expect(shuttle.speed).toBe(0);
    }
  });
});
