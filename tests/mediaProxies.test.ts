import { execFileSync, spawn } from 'node:child_process';
import { chmod, copyFile, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startMediaServer, type DerivedStatus, type RunningMediaServer } from '../server';
import { MediaSourceError, requestServerProxy } from '../src/sources';

// These tests run ffmpeg for real (CI installs it): a proxy is only as good as the file it makes.
const fixture = path.resolve('public/fixtures/stream-h264.mp4');
let root: string;
let cache: string;

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'multitrack-proxy-root-'));
  cache = await mkdtemp(path.join(tmpdir(), 'multitrack-proxy-cache-'));
  await copyFile(fixture, path.join(root, 'clip.mp4'));
  await copyFile(fixture, path.join(root, 'same-content.mp4'));
  await writeFile(path.join(root, 'not-a-video.mp4'), 'this is text, not a video');
  await copyFile(path.resolve('public/fixtures/sync-h264.mp4'), path.join(root, 'other.mp4'));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
  await rm(cache, { recursive: true, force: true });
});

async function statusOf(server: RunningMediaServer, file: string): Promise<DerivedStatus> {
  return (await fetch(`${server.url}/.derived-status/proxy/${file}`)).json() as Promise<DerivedStatus>;
}

/** Polls the status until the proxy is no longer being made, keeping every reading. */
async function untilSettled(server: RunningMediaServer, file: string): Promise<DerivedStatus[]> {
  const readings: DerivedStatus[] = [];
  await vi.waitFor(
    async () => {
      const status = await statusOf(server, file);
      readings.push(status);
      expect(status.state).not.toBe('generating');
    },
    { timeout: 60_000, interval: 100 },
  );
  return readings;
}

function probe(file: string): { height: number; keyframeTimes: number[] } {
  const json = JSON.parse(
    execFileSync('ffprobe', ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'stream=height:frame=pts_time,key_frame', '-of', 'json', file]).toString(),
  ) as { streams: Array<{ height: number }>; frames: Array<{ key_frame: number; pts_time: string }> };
  return {
    height: json.streams[0].height,
    keyframeTimes: json.frames.filter((frame) => frame.key_frame === 1).map((frame) => Number(frame.pts_time)),
  };
}

describe('given a media server with proxies on', () => {
  let server: RunningMediaServer;
  beforeAll(async () => {
    server = await startMediaServer({ root, port: 0, derived: { cacheDir: cache, maxHeight: 180 } });
  });
  afterAll(() => server.close());

  it('serves no proxy before one is made', async () => {
    expect((await fetch(`${server.url}/.derived/proxy/clip.mp4`)).status).toBe(404);
    expect(await statusOf(server, 'clip.mp4')).toEqual({ state: 'none' });
  });

  it('makes a proxy on request, reports progress, then serves it with Range semantics', async () => {
    const started = await fetch(`${server.url}/.derived/proxy/clip.mp4`, { method: 'POST' });
    expect(started.status).toBe(202);
    expect(await started.json()).toMatchObject({ state: 'generating' });
    // A partial proxy is never served while it is made.
    expect((await fetch(`${server.url}/.derived/proxy/clip.mp4`)).status).toBe(404);

    const readings = await untilSettled(server, 'clip.mp4');
    const progress = readings.flatMap((status) => (status.state === 'generating' ? [status.progress] : []));
    expect(progress.some((value) => value > 0 && value < 1), 'progress between 0 and 1 while made').toBe(true);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(readings.at(-1)).toMatchObject({ state: 'ready' });

    const ranged = await fetch(`${server.url}/.derived/proxy/clip.mp4`, { headers: { Range: 'bytes=0-99' } });
    expect(ranged.status).toBe(206);
    expect((await ranged.arrayBuffer()).byteLength).toBe(100);

    const [entry] = (await readdir(cache)).filter((name) => name.endsWith('.mp4'));
    const made = probe(path.join(cache, entry));
    expect(made.height).toBe(180);
    // A keyframe every 15 frames (half a second at 30 fps): a seek in the proxy is cheap.
    const gaps = made.keyframeTimes.slice(1).map((time, index) => time - made.keyframeTimes[index]);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(0.5 + 1e-3);
  }, 90_000);

  it('names the cache entry by content, so a copy of the file has its proxy at once', async () => {
    await untilSettled(server, 'clip.mp4');
    expect(await statusOf(server, 'same-content.mp4')).toMatchObject({ state: 'ready' });
    expect((await readdir(cache)).filter((name) => name.endsWith('.mp4'))).toHaveLength(1);
  });

  it('reports a file ffmpeg cannot read as failed, and keeps nothing of it', async () => {
    await fetch(`${server.url}/.derived/proxy/not-a-video.mp4`, { method: 'POST' });
    const settled = (await untilSettled(server, 'not-a-video.mp4')).at(-1);
    expect(settled).toMatchObject({ state: 'failed', error: { code: 'ffmpeg-failed' } });
    expect(JSON.stringify(settled)).not.toContain(root);
    expect((await readdir(cache)).filter((name) => name.includes('partial'))).toEqual([]);
  }, 30_000);

  it('keeps the root jail on proxy paths', async () => {
    expect((await fetch(`${server.url}/.derived/proxy/..%2f..%2fetc%2fpasswd`, { method: 'POST' })).status).toBe(400);
    expect((await fetch(`${server.url}/.derived/proxy/missing.mp4`, { method: 'POST' })).status).toBe(404);
  });
});

describe('given a host that asks for a proxy with requestServerProxy', () => {
  let server: RunningMediaServer;
  beforeAll(async () => {
    server = await startMediaServer({ root, port: 0, derived: { cacheDir: cache, maxHeight: 90 } });
  });
  afterAll(() => server.close());

  it('waits while it is made, tells the progress, and gives the reference to play', async () => {
    const progress: number[] = [];
    const proxy = await requestServerProxy(`${server.url}/other.mp4`, { pollMs: 50, height: 90, onProgress: (value) => progress.push(value) });
    expect(proxy).toEqual({ url: `${server.url}/.derived/proxy/other.mp4`, height: 90 });
    expect(progress.length).toBeGreaterThan(0);
    expect((await fetch(proxy.url, { headers: { Range: 'bytes=0-9' } })).status).toBe(206);
    // Asked again, the finished proxy is answered at once.
    const again = await requestServerProxy(`${server.url}/other.mp4`, { height: 90, onProgress: () => expect.fail('made twice') });
    expect(again).toEqual(proxy);
  }, 60_000);

  it('rejects with a typed error for a missing file', async () => {
    const error = await requestServerProxy(`${server.url}/missing.mp4`).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(MediaSourceError);
    expect(error).toMatchObject({ code: 'not-found' });
  });
});

describe('given no ffmpeg on the machine', () => {
  let server: RunningMediaServer;
  beforeAll(async () => {
    server = await startMediaServer({ root, port: 0, derived: { cacheDir: cache, ffmpegPath: '/nonexistent/ffmpeg' } });
  });
  afterAll(() => server.close());

  it('says so with a clear error and goes on serving the originals', async () => {
    const asked = await fetch(`${server.url}/.derived/proxy/clip.mp4`, { method: 'POST' });
    const readings = asked.status === 202 ? await untilSettled(server, 'clip.mp4') : [await asked.json()];
    const settled = readings.at(-1);
    expect(settled).toMatchObject({ state: 'failed', error: { code: 'ffmpeg-missing' } });
    expect((settled as { error: { message: string } }).error.message).toMatch(/ffmpeg is not installed/);
    // Asking again tries again (ffmpeg may have been installed since), and fails the same way.
    await fetch(`${server.url}/.derived/proxy/clip.mp4`, { method: 'POST' });
    expect((await untilSettled(server, 'clip.mp4')).at(-1)).toMatchObject({ state: 'failed', error: { code: 'ffmpeg-missing' } });
    expect((await fetch(`${server.url}/clip.mp4`, { headers: { Range: 'bytes=0-1' } })).status).toBe(206);
    // A host asking through the kit gets the reason as a typed error.
    const error = await requestServerProxy(`${server.url}/clip.mp4`, { pollMs: 20 }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'proxy-failed', message: expect.stringMatching(/ffmpeg is not installed/) });
  });
});

describe('given two requests for the same proxy at once', () => {
  it('runs ffmpeg once', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'multitrack-proxy-twice-'));
    // An ffmpeg that notes each run, then is the real one.
    const counting = path.join(dir, 'ffmpeg');
    await writeFile(counting, `#!/bin/sh\necho run >> "${dir}/runs"\nexec ffmpeg "$@"\n`);
    await chmod(counting, 0o755);
    await copyFile(path.resolve('public/fixtures/clip-h264.mp4'), path.join(root, 'twice.mp4'));
    const server = await startMediaServer({ root, port: 0, derived: { cacheDir: path.join(dir, 'cache'), ffmpegPath: counting } });
    try {
      const answers = await Promise.all([1, 2].map(() => fetch(`${server.url}/.derived/proxy/twice.mp4`, { method: 'POST' })));
      expect(answers.map((answer) => answer.status)).toEqual([202, 202]);
      expect((await untilSettled(server, 'twice.mp4')).at(-1)).toMatchObject({ state: 'ready' });
      expect((await readFile(path.join(dir, 'runs'), 'utf8')).trim().split('\n')).toEqual(['run']);
    } finally {
      await server.close();
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('given a proxy cache inside the media root', () => {
  it('refuses to start', async () => {
    await expect(startMediaServer({ root, port: 0, derived: { cacheDir: path.join(root, 'proxies') } })).rejects.toThrow(/outside the media root/);
  });
});

describe('given a server killed while it makes a proxy', () => {
  it('leaves no cache entry that looks finished, and a new server makes the proxy whole', async () => {
    const crashCache = await mkdtemp(path.join(tmpdir(), 'multitrack-proxy-crash-'));
    // Its own process group, so the kill takes ffmpeg down with it, as a crash of the machine would.
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'server/bin.ts', '--root', root, '--port', '0', '--cache', crashCache, '--proxy-height', '360'],
      { stdio: ['ignore', 'pipe', 'inherit'], detached: true },
    );
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        const found = /at (http:\/\/\S+)/.exec(chunk.toString());
        if (found) resolve(found[1]);
      });
      child.once('exit', (code) => reject(new Error(`the server exited with ${code}`)));
    });
    const crashing = { url } as RunningMediaServer;
    await fetch(`${url}/.derived/proxy/clip.mp4`, { method: 'POST' });
    await vi.waitFor(async () => {
      const status = await statusOf(crashing, 'clip.mp4');
      expect(status.state === 'generating' && status.progress > 0.05).toBe(true);
    }, { timeout: 30_000, interval: 50 });
    process.kill(-(child.pid as number), 'SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));

    const left = await readdir(crashCache);
    expect(left.filter((name) => name.endsWith('.mp4')), 'finished entries after the crash').toEqual([]);
    expect(left.some((name) => name.includes('.partial-')), 'the abandoned partial file').toBe(true);

    const restarted = await startMediaServer({ root, port: 0, derived: { cacheDir: crashCache, maxHeight: 360 } });
    try {
      expect(await statusOf(restarted, 'clip.mp4')).toEqual({ state: 'none' });
      expect((await fetch(`${restarted.url}/.derived/proxy/clip.mp4`)).status).toBe(404);
      expect((await readdir(crashCache)).filter((name) => name.includes('.partial-')), 'abandoned partials removed').toEqual([]);
      await fetch(`${restarted.url}/.derived/proxy/clip.mp4`, { method: 'POST' });
      expect((await untilSettled(restarted, 'clip.mp4')).at(-1)).toMatchObject({ state: 'ready' });
      const [entry] = (await readdir(crashCache)).filter((name) => name.endsWith('.mp4'));
      expect(probe(path.join(crashCache, entry)).height).toBe(360);
    } finally {
      await restarted.close();
      await rm(crashCache, { recursive: true, force: true });
    }
  }, 120_000);
});
