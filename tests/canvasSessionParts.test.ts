import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMixedTimeHold } from '../src/render/canvas/mixedTimeHold';
import { createPartingPictures } from '../src/render/canvas/partingPictures';
import { createWakeUp } from '../src/render/canvas/wakeUp';

afterEach(() => vi.useRealTimers());

describe('the hold on a mix of times', () => {
  it('keeps the last picture while layers show different times, for up to the hold, and looks again when it runs out', () => {
    vi.useFakeTimers();
    const redraw = vi.fn();
    const hold = createMixedTimeHold(1000, redraw);
    expect(hold.holds(false, true)).toBe(false);
    expect(hold.holds(true, true)).toBe(true);
    vi.advanceTimersByTime(999);
    expect(hold.holds(true, true)).toBe(true);
    expect(redraw).not.toHaveBeenCalled();
    // A second of a mix: it looks again, and paints it as it is (by then a playing layer says Buffering).
    vi.advanceTimersByTime(1);
    expect(redraw).toHaveBeenCalledTimes(1);
    expect(hold.holds(true, true)).toBe(false);
    // One time again: the next mix holds anew.
    expect(hold.holds(false, true)).toBe(false);
    expect(hold.holds(true, true)).toBe(true);
    // Nothing worth keeping on the canvas (never painted, or resized): no hold.
    expect(hold.holds(true, false)).toBe(false);
    // Gone with its surface: no look after.
    hold.cancel();
    vi.advanceTimersByTime(5000);
    expect(redraw).toHaveBeenCalledTimes(1);
  });

  it('runs out after a grace set with it, however late a busy page runs its timers', () => {
    vi.useFakeTimers();
    const events: string[] = [];
    const hold = createMixedTimeHold(1000, () => events.push('hold ran out'));
    expect(hold.holds(true, true)).toBe(true);
    // The starved layer's grace, set in the same draw just after.
    setTimeout(() => events.push('buffering said'), 250);
    // The page comes back 1.1 s later: a draw then still holds until the timers have run.
    vi.setSystemTime(Date.now() + 1100);
    expect(hold.holds(true, true)).toBe(true);
    vi.advanceTimersByTime(1100);
    expect(events).toEqual(['buffering said', 'hold ran out']);
    expect(hold.holds(true, true)).toBe(false);
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
