import { readFile, copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startMediaServer } from '../../server';
import { decodePeaks } from '../../src/derived';
import type { DerivedStatus } from '../../src/http';
import { createMediaHandlers, derivedFixtureItems } from '../../src/mocks';
import { fixturePath } from './targets';

/**
 * The derived-media protocol, the same requests against the real media server (ffmpeg making
 * each item) and the MSW mock (serving the fixtures the pipeline made): statuses, refusals and
 * the items themselves must agree, so what stories show without ffmpeg is what a server gives.
 */
interface DerivedTarget {
  base: string;
  stop(): Promise<void>;
}

const originals = ['tone-aac.m4a', 'beeps-aac.m4a', 'stream-h264.mp4'];

async function startServer(): Promise<DerivedTarget> {
  const root = await mkdtemp(path.join(tmpdir(), 'multitrack-derived-conformance-'));
  const cache = await mkdtemp(path.join(tmpdir(), 'multitrack-derived-conformance-cache-'));
  for (const name of originals) await copyFile(fixturePath(name), path.join(root, name));
  const server = await startMediaServer({ root, port: 0, derived: { cacheDir: cache } });
  return {
    base: server.url,
    stop: async () => {
      await server.close();
      await rm(root, { recursive: true, force: true });
      await rm(cache, { recursive: true, force: true });
    },
  };
}

async function startMock(): Promise<DerivedTarget> {
  const derived = Object.fromEntries(
    await Promise.all(
      Object.entries(derivedFixtureItems).map(async ([key, fixture]) => [
        key,
        // Made over two polls, as a server takes a moment.
        { file: { bytes: new Uint8Array(await readFile(fixturePath(fixture.name))) }, pollsToReady: 2, ...('tile' in fixture ? { tile: fixture.tile } : {}) },
      ]),
    ),
  );
  const files = Object.fromEntries(await Promise.all(originals.map(async (name) => [name, { bytes: new Uint8Array(await readFile(fixturePath(name))) }])));
  const media = createMediaHandlers({ baseUrl: 'http://derived.mock', files, derived });
  const server = setupServer(...media.handlers);
  server.listen({ onUnhandledRequest: 'error' });
  return { base: 'http://derived.mock', stop: async () => server.close() };
}

const statusOf = async (target: DerivedTarget, item: string) => (await fetch(`${target.base}/.derived-status/${item}`)).json() as Promise<DerivedStatus>;

describe.each([
  ['server', startServer],
  ['msw mock', startMock],
] as const)('the derived-media protocol of the %s', (_name, start) => {
  let target: DerivedTarget;
  beforeAll(async () => {
    target = await start();
  });
  afterAll(async () => target?.stop());

  it.each(Object.entries(derivedFixtureItems))('makes %s on request, never serving it before, then serves what the pipeline makes', async (item, fixture) => {
    const expected = new Uint8Array(await readFile(fixturePath(fixture.name)));
    expect(await statusOf(target, item)).toEqual({ state: 'none' });
    expect((await fetch(`${target.base}/.derived/${item}`)).status).toBe(404);

    const asked = await fetch(`${target.base}/.derived/${item}`, { method: 'POST' });
    expect([200, 202]).toContain(asked.status);
    expect(((await asked.json()) as DerivedStatus).state).toMatch(/^(generating|ready)$/);
    let status = (await statusOf(target, item)) as DerivedStatus;
    await vi.waitFor(
      async () => {
        status = await statusOf(target, item);
        expect(status.state).toBe('ready');
      },
      { timeout: 60_000, interval: 50 },
    );
    const kind = item.slice(0, item.indexOf('/'));
    expect(status).toEqual({
      state: 'ready',
      bytes: expected.byteLength,
      contentType: kind === 'peaks' ? 'application/vnd.multitrack-kit.peaks' : 'image/jpeg',
      ...('tile' in fixture ? { tile: fixture.tile } : {}),
    });

    const whole = await fetch(`${target.base}/.derived/${item}`);
    expect(whole.status).toBe(200);
    expect(whole.headers.get('content-type')).toBe(kind === 'peaks' ? 'application/vnd.multitrack-kit.peaks' : 'image/jpeg');
    const body = new Uint8Array(await whole.arrayBuffer());
    // Peaks are the same bytes the pipeline made for the fixture; a sheet's JPEG its size and grid (above).
    if (kind === 'peaks') {
      expect(body).toEqual(expected);
      expect(decodePeaks(body).levels[0].bucketMs).toBe(20);
    }
    const ranged = await fetch(`${target.base}/.derived/${item}`, { headers: { Range: 'bytes=0-3' } });
    expect(ranged.status).toBe(206);
    expect(ranged.headers.get('content-range')).toBe(`bytes 0-3/${expected.byteLength}`);
    // Asked again once made: 200 and ready at once.
    expect((await fetch(`${target.base}/.derived/${item}`, { method: 'POST' })).status).toBe(200);
  });

  it('refuses an unknown kind and parameters out of range with 400 and a reason, a missing original with 404', async () => {
    const unknown = await fetch(`${target.base}/.derived/thumbnail/stream-h264.mp4`, { method: 'POST' });
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toEqual({ error: 'No derived kind "thumbnail": one of proxy, peaks, filmstrip.' });
    const badStep = await fetch(`${target.base}/.derived-status/filmstrip/stream-h264.mp4?height=48&step=3000&sheet=0`);
    expect(badStep.status).toBe(400);
    expect(await badStep.json()).toEqual({ error: 'step must be one of 250, 500, 1000, 2000, 5000, 10000, 30000, 60000 (ms).' });
    expect((await fetch(`${target.base}/.derived/peaks/missing.m4a`, { method: 'POST' })).status).toBe(404);
  });

  it('allows GET only on a status and refuses other methods on an item, naming what it allows', async () => {
    const onStatus = await fetch(`${target.base}/.derived-status/peaks/tone-aac.m4a`, { method: 'POST' });
    expect(onStatus.status).toBe(405);
    expect(onStatus.headers.get('allow')).toMatch(/GET/);
    const onItem = await fetch(`${target.base}/.derived/peaks/tone-aac.m4a`, { method: 'DELETE' });
    expect(onItem.status).toBe(405);
    expect(onItem.headers.get('allow')).toMatch(/POST/);
  });
});
