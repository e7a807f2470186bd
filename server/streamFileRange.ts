import type { FileHandle } from 'node:fs/promises';
import type { Writable } from 'node:stream';

/** Bytes read from disk at a time, into the two buffers a response reuses. */

const chunkBytes = 64 * 1024;

/** Thrown, and the stream destroyed with it, when a client took none of a chunk for `sendTimeoutMs`. */
export class SendTimeoutError extends Error {
  readonly code = 'SEND_TIMEOUT';
}

/**
 * Writes one chunk and settles once the socket has taken it (or failed: a destroyed socket calls
 * back with its error). After `sendTimeoutMs` without the chunk taken (nginx's `send_timeout`:
 * the time between two successive writes) the stream is destroyed and the write rejects.
 */
function writeChunk(out: Writable, chunk: Buffer, sendTimeoutMs: number): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const timer =
      sendTimeoutMs > 0
        ? setTimeout(() => {
            const error = new SendTimeoutError(`The client took nothing for ${sendTimeoutMs} ms.`);
            out.destroy(error);
            reject(error);
          }, sendTimeoutMs)
        : undefined;
    out.write(chunk, (error) => {
      clearTimeout(timer);
      if (error) reject(error);
      else resolve();
    });
  });
}

/**
 * Writes bytes `start` to `end` (inclusive) of an opened file to `out` through two buffers: one
 * is read from disk while the socket takes the other, and each is reused once the socket has taken
 * it. A reader that stops holds two chunks, and streaming allocates nothing per chunk: 200 clients
 * that stop reading cost 200 pairs of buffers, not a young generation grown by their churn.
 * Resolves with the bytes read, fewer than asked when the file ended early (it was cut short);
 * rejects when `out` fails (the client went away) or takes nothing for `sendTimeoutMs`.
 */
export async function streamFileRange(
  file: FileHandle,
  start: number,
  end: number,
  out: Writable,
  onRead: (bytes: number) => void,
  { sendTimeoutMs = 0 }: { sendTimeoutMs?: number } = {},
): Promise<number> {
  const size = Math.min(chunkBytes, Math.max(1, end - start + 1));
  const buffers = [Buffer.allocUnsafe(size), Buffer.allocUnsafe(size)];
  let position = start;
  const readInto = async (buffer: Buffer): Promise<number> => {
    if (position > end) return 0;
    const { bytesRead } = await file.read(buffer, 0, Math.min(size, end - position + 1), position);
    position += bytesRead;
    return bytesRead;
  };
  let turn = 0;
  let next = readInto(buffers[turn]);
  for (;;) {
    const bytesRead = await next;
    if (bytesRead === 0) break;
    onRead(bytesRead);
    const written = writeChunk(out, buffers[turn].subarray(0, bytesRead), sendTimeoutMs);
    turn = 1 - turn;
    next = readInto(buffers[turn]);
    // The read into the other buffer may fail once the write has: wait for both, report the write's.
    const [write] = await Promise.allSettled([written, next]);
    if (write.status === 'rejected') throw write.reason;
  }
  return position - start;
}
