import { describe, expect, it } from 'vitest';
import { createMediaHandlers } from '../src/mocks';
import { MediaSourceError, requestServerProxy } from '../src/sources';
import { clipBytes, otherClipBytes, serveMediaDuringTests } from './support/compositorHarness';

const server = serveMediaDuringTests();
let run = 0;

function mockServer(proxies: Parameters<typeof createMediaHandlers>[0]['proxies']) {
  run += 1;
  const media = createMediaHandlers({ baseUrl: `http://proxies.test/run-${run}`, files: { 'a.mp4': { bytes: clipBytes } }, proxies });
  server.use(...media.handlers);
  return media;
}

describe('the media server proxy protocol, mocked', () => {
  it('makes a proxy over a few polls, tells the progress, and serves it with Range semantics', async () => {
    const media = mockServer({ 'a.mp4': { file: { bytes: otherClipBytes }, pollsToReady: 3, maxHeight: 360 } });
    const progress: number[] = [];
    const proxy = await requestServerProxy(media.urlOf('a.mp4'), { pollMs: 1, onProgress: (value) => progress.push(value) });
    expect(proxy).toEqual({ url: `http://proxies.test/.derived/proxy/run-${run}/a.mp4`, height: 360 });
    expect(progress).toEqual([0, 1 / 3, 2 / 3]);
    const ranged = await fetch(proxy.url, { headers: { Range: 'bytes=0-9' } });
    expect(ranged.status).toBe(206);
    expect(ranged.headers.get('content-range')).toBe(`bytes 0-9/${otherClipBytes.byteLength}`);
    expect(new Uint8Array(await ranged.arrayBuffer())).toEqual(otherClipBytes.slice(0, 10));
  });

  it('answers at once for a proxy made before, and 404 for one never asked for', async () => {
    const media = mockServer({ 'a.mp4': { file: { bytes: otherClipBytes } } });
    const unmade = await fetch(`http://proxies.test/.derived/proxy/run-${run}/a.mp4`);
    expect(unmade.status).toBe(404);
    const first = await requestServerProxy(media.urlOf('a.mp4'), { pollMs: 1 });
    const again = await fetch(first.url.replace('/.derived/proxy/', '/.derived-status/proxy/'));
    expect(await again.json()).toMatchObject({ state: 'ready', bytes: otherClipBytes.byteLength, maxHeight: 720 });
  });

  it('waits as a busy server asks (429, Retry-After) and asks again', async () => {
    const media = mockServer({ 'a.mp4': { file: { bytes: otherClipBytes }, busyPosts: 1 } });
    const asked: string[] = [];
    const listen = ({ request }: { request: Request }) => asked.push(`${request.method} ${new URL(request.url).pathname}`);
    server.events.on('request:start', listen);
    try {
      const started = Date.now();
      const proxy = await requestServerProxy(media.urlOf('a.mp4'), { pollMs: 1 });
      expect(proxy.url).toBe(`http://proxies.test/.derived/proxy/run-${run}/a.mp4`);
      // Retry-After: 1 was honoured, not hammered.
      expect(Date.now() - started).toBeGreaterThanOrEqual(950);
      expect(asked.filter((line) => line.startsWith('POST'))).toHaveLength(2);
    } finally {
      server.events.removeListener('request:start', listen);
    }
  });

  it('gives a typed error for a proxy that fails, and for a file the server does not have', async () => {
    const media = mockServer({ 'a.mp4': { file: { bytes: otherClipBytes }, failure: { code: 'ffmpeg-failed', message: 'ffmpeg could not make a proxy of this file.' } } });
    const failed = requestServerProxy(media.urlOf('a.mp4'), { pollMs: 1 });
    await expect(failed).rejects.toBeInstanceOf(MediaSourceError);
    await expect(failed).rejects.toMatchObject({ code: 'proxy-failed', message: 'ffmpeg could not make a proxy of this file.' });
    await expect(requestServerProxy(media.urlOf('missing.mp4'), { pollMs: 1 })).rejects.toMatchObject({ code: 'not-found' });
  });
});
