import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMixedTimeHold } from '../src/render/canvas/mixedTimeHold';
import { createPartingPictures } from '../src/render/canvas/partingPictures';
import { createWakeUp } from '../src/render/canvas/wakeUp';

afterEach(() => vi.useRealTimers());

describe('the hold on a mix of times', () => {
  it('keeps the last picture while layers show different times, for up to the hold, and looks again when it runs out', () => {
    const wakes: number[] = [];
    const hold = createMixedTimeHold(1000, (ms) => wakes.push(ms));
    expect(hold.holds(false, 0, true)).toBe(false);
    expect(hold.holds(true, 100, true)).toBe(true);
    expect(hold.holds(true, 1099, true)).toBe(true);
    // A second of a mix: painted as it is (by then a playing layer says Buffering).
    expect(hold.holds(true, 1100, true)).toBe(false);
    expect(wakes).toEqual([1000, 1000]);
    // One time again: the next mix holds anew.
    expect(hold.holds(false, 1200, true)).toBe(false);
    expect(hold.holds(true, 1300, true)).toBe(true);
    // Nothing worth keeping on the canvas (never painted, or resized): no hold.
    expect(hold.holds(true, 1400, false)).toBe(false);
  });
});

describe("a layer's parting picture", () => {
  it('is kept for the next opening and freed when dropped, replaced or out of time, once each', () => {
    vi.useFakeTimers();
    const freed: number[] = [];
    const parting = createPartingPictures(500, (picture) => freed.push(picture));
    parting.keep('a', 1, { width: 320, height: 180 });
    expect(parting.get('a')).toEqual({ picture: 1, media: { width: 320, height: 180 }, timer: expect.anything() });
    parting.keep('a', 2, { width: 320, height: 180 });
    expect(freed).toEqual([1]);
    parting.keep('b', 3, { width: 640, height: 360 });
    parting.drop('b');
    expect(freed).toEqual([1, 3]);
    vi.advanceTimersByTime(500);
    expect(freed).toEqual([1, 3, 2]);
    expect(parting.get('a')).toBeUndefined();
    parting.keep('c', 4, { width: 1, height: 1 });
    parting.dropAll();
    vi.advanceTimersByTime(1000);
    expect(freed).toEqual([1, 3, 2, 4]);
  });
});

describe('a later draw', () => {
  it('is asked for once however often it is wanted meanwhile, and not after it is cancelled', () => {
    vi.useFakeTimers();
    const wake = vi.fn();
    const later = createWakeUp(wake);
    later.after(100);
    later.after(50);
    vi.advanceTimersByTime(99);
    expect(wake).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(wake).toHaveBeenCalledOnce();
    later.after(100);
    later.cancel();
    vi.advanceTimersByTime(500);
    expect(wake).toHaveBeenCalledOnce();
  });
});
