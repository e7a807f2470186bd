import { afterEach, describe, expect, it, vi } from 'vitest';
import { createReadWatch } from '../src/sources';

const url = 'http://127.0.0.1/media/clip.mp4';

/** A server that answers with `status` and sends the body's chunks when `send` is called. */
function serverSending(status: number, headers: Record<string, string> = {}) {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const body = new ReadableStream<Uint8Array>({ start: (c) => void (controller = c) });
  vi.stubGlobal('fetch', vi.fn(async () => new Response(body, { status, headers })));
  return {
    send: (bytes: number) => controller.enqueue(new Uint8Array(bytes)),
    end: () => controller.close(),
    fail: () => controller.error(new TypeError('network error')),
  };
}

afterEach(() => vi.unstubAllGlobals());

describe('a reader watched through its fetch', () => {
  it('is fetching from the request until its body is read to the end, and is told of every chunk', async () => {
    const server = serverSending(206, { 'content-range': 'bytes 0-9/10' });
    const reads = createReadWatch(url);
    const chunks = vi.fn();
    reads.onBytes(chunks);
    expect(reads.fetching()).toBe(false);
    const response = await reads.fetchFn(url, { headers: { Range: 'bytes=0-' } });
    expect(reads.fetching()).toBe(true);
    // What the reader reads of the response is as the server sent it.
    expect(response.status).toBe(206);
    expect(response.headers.get('content-range')).toBe('bytes 0-9/10');
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    server.send(4);
    expect((await reader.read()).value?.byteLength).toBe(4);
    server.send(6);
    await reader.read();
    expect(chunks).toHaveBeenCalledTimes(2);
    server.end();
    expect((await reader.read()).done).toBe(true);
    expect(reads.fetching()).toBe(false);
  });

  it('stops fetching when the reader gives up the body, or the connection fails', async () => {
    serverSending(206);
    const reads = createReadWatch(url);
    const cancelled = await reads.fetchFn(url, { headers: { Range: 'bytes=0-' } });
    await cancelled.body?.cancel();
    expect(reads.fetching()).toBe(false);

    const server = serverSending(206);
    const failed = await reads.fetchFn(url, { headers: { Range: 'bytes=0-' } });
    server.fail();
    await expect((failed.body as ReadableStream<Uint8Array>).getReader().read()).rejects.toThrow('network error');
    expect(reads.fetching()).toBe(false);

    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))));
    await expect(reads.fetchFn(url)).rejects.toThrow('Failed to fetch');
    expect(reads.fetching()).toBe(false);
  });

  it('says once that a server answered a Range request with the whole file, and which kind of server', async () => {
    const reads = createReadWatch(url);
    const lost = vi.fn();
    reads.onRangeLost(lost);
    // A 200 to a request without Range is no loss.
    serverSending(200, { 'accept-ranges': 'bytes' });
    await (await reads.fetchFn(url)).body?.cancel();
    expect(lost).not.toHaveBeenCalled();

    for (let request = 0; request < 2; request += 1) {
      serverSending(200, { 'accept-ranges': 'bytes' });
      await (await reads.fetchFn(url, { headers: { Range: 'bytes=1000-' } })).body?.cancel();
    }
    expect(lost).toHaveBeenCalledOnce();
    expect(lost.mock.calls[0][0]).toMatchObject({ code: 'no-range-support', message: expect.stringContaining('claims to serve byte ranges but sent the whole file') });
    // Another layer of the same file, listening after the loss, hears of it too.
    const later = vi.fn();
    reads.onRangeLost(later);
    expect(later).toHaveBeenCalledWith(lost.mock.calls[0][0]);
  });
});
