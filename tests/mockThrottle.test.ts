import { afterEach, describe, expect, it, vi } from 'vitest';
import { throttle, type ThrottleLink } from '../src/mocks/mediaBodies';

afterEach(() => vi.useRealTimers());

/** A body of `bytes` zeros in one chunk. */
const bodyOf = (bytes: number) =>
  new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new Uint8Array(bytes));
      controller.close();
    },
  });

/** Reads `body` to its end in the background, counting what has arrived so far. */
function drain(body: ReadableStream<Uint8Array>) {
  const read = { bytes: 0, done: false };
  void (async () => {
    const reader = body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      read.bytes += value.byteLength;
    }
    read.done = true;
  })();
  return read;
}

describe("the mock server's slow link", () => {
  it('sends one response at its rate', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'performance'] });
    const read = drain(throttle(bodyOf(64 * 1024), 16 * 1024));
    await vi.advanceTimersByTimeAsync(2000);
    expect(read.bytes).toBe(32 * 1024);
    await vi.advanceTimersByTimeAsync(2000);
    expect(read.done).toBe(true);
  });

  it('shares its rate between responses open at once, as one connection does', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'performance'] });
    const link: ThrottleLink = { freeAt: 0 };
    const first = drain(throttle(bodyOf(64 * 1024), 16 * 1024, link));
    const second = drain(throttle(bodyOf(64 * 1024), 16 * 1024, link));
    await vi.advanceTimersByTimeAsync(4000);
    // Four seconds of a 16 KiB/s link carry 64 KiB, whichever responses it went to.
    expect(first.bytes + second.bytes).toBe(64 * 1024);
    expect(first.bytes).toBeGreaterThan(0);
    expect(second.bytes).toBeGreaterThan(0);
    await vi.advanceTimersByTimeAsync(4000);
    expect(first.done && second.done).toBe(true);
  });
});
