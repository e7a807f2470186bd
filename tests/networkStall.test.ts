import { describe, expect, it, vi } from 'vitest';
import { createNetworkStallWatch } from '../src/render/networkStall';

function watch(fetching: () => boolean) {
  const onGone = vi.fn();
  const stall = createNetworkStallWatch({
    noBytesMs: 1000,
    fetching,
    onGone,
    setTimer: (callback, ms) => setTimeout(callback, ms),
    clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  });
  return { stall, onGone };
}

describe('a buffering element', () => {
  it('is gone once it has fetched nothing for the no-bytes time, and not before', () => {
    vi.useFakeTimers();
    const { stall, onGone } = watch(() => true);
    stall.buffering(true);
    vi.advanceTimersByTime(900);
    // Bytes still arrive: the wait starts again.
    stall.bytesArrived();
    vi.advanceTimersByTime(900);
    expect(onGone).not.toHaveBeenCalled();
    vi.advanceTimersByTime(100);
    expect(onGone).toHaveBeenCalledOnce();
    vi.useRealTimers();
  });

  it('is left buffering when it is not fetching (its bytes are there; the decoder is slow)', () => {
    vi.useFakeTimers();
    let fetching = false;
    const { stall, onGone } = watch(() => fetching);
    stall.buffering(true);
    vi.advanceTimersByTime(5000);
    expect(onGone).not.toHaveBeenCalled();
    fetching = true;
    vi.advanceTimersByTime(1000);
    expect(onGone).toHaveBeenCalledOnce();
    vi.useRealTimers();
  });

  it('is not watched once it plays on or stops', () => {
    vi.useFakeTimers();
    const { stall, onGone } = watch(() => true);
    stall.buffering(true);
    stall.buffering(false);
    vi.advanceTimersByTime(5000);
    stall.buffering(true);
    stall.stop();
    vi.advanceTimersByTime(5000);
    expect(onGone).not.toHaveBeenCalled();
    expect(vi.getTimerCount()).toBe(0);
    vi.useRealTimers();
  });
});
