/** Body shapers for mocked media responses: the faults a real network shows. */

/** Passes the first `limit` bytes, then fails the stream, as a connection reset mid-body does. */
export function dropAfter(body: ReadableStream<Uint8Array>, limit: number): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  let sent = 0;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { done, value } = await reader.read();
      if (done) {
        controller.close();
        return;
      }
      const room = limit - sent;
      if (value.byteLength >= room) {
        if (room > 0) controller.enqueue(value.subarray(0, room));
        await reader.cancel();
        controller.error(new TypeError('the media server closed the connection'));
        return;
      }
      sent += value.byteLength;
      controller.enqueue(value);
    },
    cancel: (reason) => reader.cancel(reason),
  });
}

/**
 * Passes the first `limit` bytes, then sends nothing more and never ends, as a server that hung
 * does; the reader's cancel (a watchdog, a track hidden) is all that ends it.
 */
export function stallAfter(body: ReadableStream<Uint8Array>, limit: number): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  let sent = 0;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (sent >= limit) return new Promise<void>(() => undefined);
      const { done, value } = await reader.read();
      if (done) {
        controller.close();
        return;
      }
      const part = value.subarray(0, limit - sent);
      sent += part.byteLength;
      controller.enqueue(part);
    },
    cancel: (reason) => reader.cancel(reason),
  });
}

const throttleChunkBytes = 16 * 1024;

/**
 * A slow link that several responses share: each chunk sent takes its turn, so two responses at
 * once get half the rate each, as on one real connection (a per-response rate let a reader that
 * opens requests in parallel read faster than the link).
 */
export interface ThrottleLink {
  /** When the link is free again, in `performance.now()` ms. */
  freeAt: number;
}

/** Delivers at most `bytesPerSecond` (across every response on `link`, when given), in small chunks, as a slow link does. */
export function throttle(body: ReadableStream<Uint8Array>, bytesPerSecond: number, link: ThrottleLink = { freeAt: 0 }): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  let pending: Uint8Array | undefined;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!pending || pending.byteLength === 0) {
        const { done, value } = await reader.read();
        if (done) {
          controller.close();
          return;
        }
        pending = value;
      }
      const chunk = pending.subarray(0, throttleChunkBytes);
      pending = pending.subarray(chunk.byteLength);
      link.freeAt = Math.max(performance.now(), link.freeAt) + (chunk.byteLength / bytesPerSecond) * 1000;
      await new Promise((resolve) => setTimeout(resolve, link.freeAt - performance.now()));
      controller.enqueue(chunk);
    },
    cancel: (reason) => reader.cancel(reason),
  });
}
