import { mkdtemp, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMediaRequestHandler } from '../server';

// The Range rules, path rules and root jail are the conformance suite's (tests/conformance, the
// `handler` target); these are what only a handler of Requests shows.
let root: string;
beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'multitrack-handler-'));
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe('given a Fetch-API media handler, as Electron mounts it with protocol.handle', () => {
  it('serves a path under any scheme and host, with Range', async () => {
    await writeFile(path.join(root, 'clip.mp4'), Buffer.from('0123456789'));
    const handle = createMediaRequestHandler({ root });
    for (const url of ['media://local/clip.mp4', 'http://127.0.0.1:9/clip.mp4']) {
      const response = await handle(new Request(url, { headers: { Range: 'bytes=2-4' } }));
      expect(response.status).toBe(206);
      expect(response.headers.get('content-range')).toBe('bytes 2-4/10');
      expect(await response.text()).toBe('234');
    }
  });

  it('fails the body of a file cut short while it streams, instead of ending it short', async () => {
    const file = path.join(root, 'shrinking.mp4');
    await writeFile(file, Buffer.alloc(8 * 1024 ** 2, 1));
    const handle = createMediaRequestHandler({ root });
    const response = await handle(new Request('media://local/shrinking.mp4'));
    expect(response.headers.get('content-length')).toBe(String(8 * 1024 ** 2));
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    await reader.read();
    await truncate(file, 1024);
    let received = 0;
    const outcome = await (async () => {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return 'ended';
        received += value.byteLength;
      }
    })().catch(() => 'failed');
    expect(outcome).toBe('failed');
    expect(received).toBeLessThan(8 * 1024 ** 2);
  });

  it('answers CORS for an allowed origin, and Vary: Origin for any', async () => {
    await writeFile(path.join(root, 'clip.mp4'), Buffer.from('0123456789'));
    const handle = createMediaRequestHandler({ root, cors: ['app://editor'] });
    const allowed = await handle(new Request('media://local/clip.mp4', { headers: { Origin: 'app://editor' } }));
    expect(allowed.headers.get('access-control-allow-origin')).toBe('app://editor');
    const other = await handle(new Request('media://local/clip.mp4', { headers: { Origin: 'https://elsewhere.test' } }));
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    expect(other.headers.get('vary')).toBe('Origin');
  });
});
