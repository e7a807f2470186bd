import { execFileSync } from 'node:child_process';
import { copyFile, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startMediaServer, type RunningMediaServer } from '../server';
import { decodePeaks } from '../src/derived';
import type { DerivedStatus } from '../src/http';

// ffmpeg for real (CI installs it): what the pipeline makes is checked from its bytes.
let root: string;
let cache: string;
let server: RunningMediaServer;

/** A 3 s 440 Hz sine at half scale, AAC in stereo and in mono: its peaks must read about -0.5 and 0.5. */
const toneSeconds = 3;

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'multitrack-derived-root-'));
  cache = await mkdtemp(path.join(tmpdir(), 'multitrack-derived-cache-'));
  const ffmpeg = (...args: string[]) => execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', ...args]);
  const sine = '0.5*sin(440*2*PI*t)';
  ffmpeg('-f', 'lavfi', '-i', `aevalsrc=${sine}|${sine}:s=48000:d=${toneSeconds}`, '-c:a', 'aac', '-b:a', '128k', path.join(root, 'tone.m4a'));
  // The same tone in one channel: its peaks are the same (a mono file is not mixed up to stereo).
  ffmpeg('-f', 'lavfi', '-i', `aevalsrc=${sine}:s=48000:d=${toneSeconds}`, '-c:a', 'aac', '-b:a', '96k', path.join(root, 'tone-mono.m4a'));
  // 25 s of 320x180 at 30 fps, a keyframe every second: a filmstrip of 1 s steps has a picture for each tile.
  ffmpeg('-f', 'lavfi', '-i', 'testsrc2=size=320x180:rate=30:duration=25', '-c:v', 'libx264', '-preset', 'ultrafast', '-g', '30', '-pix_fmt', 'yuv420p', path.join(root, 'picture.mp4'));
  await copyFile(path.resolve('public/fixtures/stream-h264.mp4'), path.join(root, 'clip.mp4'));
  server = await startMediaServer({ root, port: 0, derived: { cacheDir: cache, maxHeight: 90 } });
});

afterAll(async () => {
  await server?.close();
  await rm(root, { recursive: true, force: true });
  await rm(cache, { recursive: true, force: true });
});

const statusOf = async (item: string): Promise<DerivedStatus> => (await fetch(`${server.url}/.derived-status/${item}`)).json() as Promise<DerivedStatus>;

/** Asks for the item and polls its status until it is no longer being made. */
async function made(item: string): Promise<DerivedStatus> {
  const asked = await fetch(`${server.url}/.derived/${item}`, { method: 'POST' });
  expect([200, 202]).toContain(asked.status);
  let status: DerivedStatus = { state: 'none' };
  await vi.waitFor(
    async () => {
      status = await statusOf(item);
      expect(status.state).not.toBe('generating');
    },
    { timeout: 60_000, interval: 100 },
  );
  return status;
}

// Each test runs ffmpeg: the default 5 s is a bound a busy machine breaks (`made` waits 60 s).
describe('the derived-media routes', { timeout: 90_000 }, () => {
  it.each(['tone.m4a', 'tone-mono.m4a'])('make waveform peaks of a known tone (%s): its length, and -0.5 to 0.5 in every bucket but the edges', async (file) => {
    expect(await statusOf(`peaks/${file}`)).toEqual({ state: 'none' });
    const status = await made(`peaks/${file}`);
    expect(status).toMatchObject({ state: 'ready', contentType: 'application/vnd.multitrack-kit.peaks' });
    const response = await fetch(`${server.url}/.derived/peaks/${file}`);
    expect(response.headers.get('content-type')).toBe('application/vnd.multitrack-kit.peaks');
    const peaks = decodePeaks(await response.arrayBuffer());
    expect(Math.abs(peaks.durationMs - toneSeconds * 1000)).toBeLessThan(50);
    expect(peaks.levels.map((level) => level.bucketMs)).toEqual([20, 80, 320, 1280]);
    const finest = peaks.levels[0];
    expect(finest.data.length / 2).toBe(Math.ceil(peaks.durationMs / 20));
    // AAC's priming and its last frame aside, every 20 ms bucket holds whole periods of the sine.
    for (let bucket = 2; bucket < finest.data.length / 2 - 3; bucket += 1) {
      expect(Math.abs(finest.data[bucket * 2] + 64), `bucket ${bucket} low`).toBeLessThanOrEqual(3);
      expect(Math.abs(finest.data[bucket * 2 + 1] - 64), `bucket ${bucket} high`).toBeLessThanOrEqual(3);
    }
  });

  it('make a filmstrip sheet: a grid of thumbnails of the asked height, one a step, each the picture of its time', async () => {
    const item = 'filmstrip/picture.mp4?height=48&step=1000&sheet=0';
    const status = await made(item);
    // 320x180 at 48 tall: 85.3 wide, rounded to the even 86 by the scaler; a 10 x 10 grid.
    expect(status).toMatchObject({ state: 'ready', contentType: 'image/jpeg', tile: { width: 86, height: 48, columns: 10, rows: 10 } });
    const response = await fetch(`${server.url}/.derived/${item}`);
    expect(response.headers.get('content-type')).toBe('image/jpeg');
    const file = path.join(root, '..', `sheet-${process.pid}.jpg`);
    await writeFile(file, Buffer.from(await response.arrayBuffer()));
    try {
      // Decoded back: the sheet is 860x480, tiles 0-24 show pictures (the clip lasts 25 s); the rest
      // hold its last keyframe, as ffmpeg cannot know the end before reading it (clients draw none there).
      const pixels = execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-i', file, '-f', 'rawvideo', '-pix_fmt', 'gray', 'pipe:1']);
      expect(pixels.length).toBe(860 * 480);
      const tileLight = (tile: number) => {
        const x0 = (tile % 10) * 86;
        const y0 = Math.floor(tile / 10) * 48;
        let sum = 0;
        for (let y = y0 + 4; y < y0 + 44; y += 1) for (let x = x0 + 4; x < x0 + 82; x += 1) sum += pixels[y * 860 + x];
        return sum / (40 * 78);
      };
      for (let tile = 0; tile < 25; tile += 1) expect(tileLight(tile), `tile ${tile}`).toBeGreaterThan(30);
      for (let tile = 26; tile < 100; tile += 1) expect(Math.abs(tileLight(tile) - tileLight(25)), `tile ${tile}`).toBeLessThan(2);
      // Tile 7 is the picture at 7 s: closer to that frame, made small on its own, than to the frame at 3 s.
      const frameAt = (seconds: number) =>
        execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-ss', String(seconds), '-i', path.join(root, 'picture.mp4'), '-frames:v', '1', '-vf', 'scale=86:48', '-f', 'rawvideo', '-pix_fmt', 'gray', 'pipe:1']);
      const differenceFrom = (tile: number, frame: Buffer) => {
        const x0 = (tile % 10) * 86;
        const y0 = Math.floor(tile / 10) * 48;
        let sum = 0;
        for (let y = 0; y < 48; y += 1) for (let x = 0; x < 86; x += 1) sum += Math.abs(pixels[(y0 + y) * 860 + x0 + x] - frame[y * 86 + x]);
        return sum / (48 * 86);
      };
      const seventh = frameAt(7);
      expect(differenceFrom(7, seventh)).toBeLessThan(differenceFrom(3, seventh) / 2);
    } finally {
      await rm(file, { force: true });
    }
  });

  it('serve proxies as the proxy kind of the one protocol, made once, with no routes of their own', async () => {
    const status = await made('proxy/clip.mp4');
    expect(status).toMatchObject({ state: 'ready', contentType: 'video/mp4', maxHeight: 90 });
    // The routes proxies had before there were other kinds are gone: a dot path is never media.
    for (const old of ['/.proxy-status/clip.mp4', '/.proxy/clip.mp4']) expect((await fetch(`${server.url}${old}`)).status, old).toBe(404);
    const proxies = (await readdir(cache)).filter((name) => name.endsWith('.mp4'));
    expect(proxies).toHaveLength(1);
  });

  it('refuse what is not an item: an unknown kind, parameters out of range, a missing file', async () => {
    const refused = await fetch(`${server.url}/.derived/thumbnail/picture.mp4`, { method: 'POST' });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { error: string }).error).toMatch(/No derived kind "thumbnail"/);
    const badHeight = await fetch(`${server.url}/.derived/filmstrip/picture.mp4?height=50&step=1000&sheet=0`, { method: 'POST' });
    expect(badHeight.status).toBe(400);
    expect(((await badHeight.json()) as { error: string }).error).toMatch(/height must be one of 48, 72, 96/);
    expect((await fetch(`${server.url}/.derived/peaks/missing.m4a`, { method: 'POST' })).status).toBe(404);
    // Nothing made is served before it is made.
    expect((await fetch(`${server.url}/.derived/filmstrip/picture.mp4?height=96&step=5000&sheet=0`)).status).toBe(404);
  });

  it('say why when a file has no sound for peaks, and keep no partial file', async () => {
    const status = await made('peaks/picture.mp4');
    expect(status).toEqual({ state: 'failed', error: { code: 'no-audio', message: 'This file has no audio, so waveform peaks cannot be made of it.' } });
    expect((await readdir(cache)).filter((name) => name.includes('.partial-'))).toEqual([]);
  });
});
