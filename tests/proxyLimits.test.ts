// Proxy work that a client cannot abuse: ffmpeg jailed to the one file, a queue cap, failures
// remembered, one hash per file, a size-capped cache, and no ffmpeg outliving its server.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { chmod, copyFile, mkdir, mkdtemp, open, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startMediaServer, type DerivedStatus, type RunningMediaServer } from '../server';
import { createDerivedCache } from '../server/derivedCache';

let parent: string;
let root: string;
let outside: string;

beforeAll(async () => {
  parent = await mkdtemp(path.join(tmpdir(), 'multitrack-proxy-limits-'));
  root = path.join(parent, 'media');
  outside = path.join(parent, 'outside');
  await Promise.all([root, outside].map((dir) => mkdir(dir)));
  const clip = path.resolve('public/fixtures/clip-h264.mp4');
  // Files outside the root that a crafted file inside it names.
  execFileSync('ffmpeg', ['-loglevel', 'error', '-y', '-i', clip, '-c', 'copy', '-f', 'mpegts', path.join(outside, 'secret.ts')]);
  await copyFile(clip, path.join(outside, 'secret.mp4'));
  await writeFile(
    path.join(root, 'playlist.mp4'),
    `#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:10\n#EXTINF:10.0,\n${path.join(outside, 'secret.ts')}\n#EXT-X-ENDLIST\n`,
  );
  await writeFile(path.join(root, 'list.mp4'), `ffconcat version 1.0\nfile '${path.join(outside, 'secret.mp4')}'\n`);
  // An MP4 with its index at the end, as cameras write them: ffmpeg must be able to seek its input.
  execFileSync('ffmpeg', ['-loglevel', 'error', '-y', '-i', clip, '-c', 'copy', path.join(root, 'index-at-end.mp4')]);
  await copyFile(clip, path.join(root, 'clip.mp4'));
  await copyFile(path.resolve('public/fixtures/clip-h264-b.mp4'), path.join(root, 'other.mp4'));
  await writeFile(path.join(root, 'not-a-video.mp4'), 'this is text, not a video');
});

afterAll(() => rm(parent, { recursive: true, force: true }));

async function statusOf(server: RunningMediaServer, file: string): Promise<DerivedStatus> {
  return (await fetch(`${server.url}/.derived-status/proxy/${file}`)).json() as Promise<DerivedStatus>;
}

async function settled(server: RunningMediaServer, file: string): Promise<DerivedStatus> {
  let last: DerivedStatus = { state: 'none' };
  await vi.waitFor(
    async () => {
      last = await statusOf(server, file);
      expect(last.state).not.toBe('generating');
    },
    { timeout: 30_000, interval: 100 },
  );
  return last;
}

/** An ffmpeg that notes each run in `runs`, then does `then` (by default, runs the real one). */
async function countingFfmpeg(dir: string, then = 'exec ffmpeg "$@"'): Promise<{ path: string; runs(): Promise<number> }> {
  const file = path.join(dir, 'ffmpeg');
  await writeFile(file, `#!/bin/sh\necho $$ >> "${dir}/runs"\n${then}\n`);
  await chmod(file, 0o755);
  return {
    path: file,
    runs: async () => (existsSync(path.join(dir, 'runs')) ? (await readFile(path.join(dir, 'runs'), 'utf8')).trim().split('\n').length : 0),
  };
}

describe('given files in the root that name files outside it', () => {
  let server: RunningMediaServer;
  let cache: string;
  beforeAll(async () => {
    cache = await mkdtemp(path.join(tmpdir(), 'multitrack-proxy-jail-'));
    server = await startMediaServer({ root, port: 0, derived: { cacheDir: cache, maxHeight: 90 } });
  });
  afterAll(async () => {
    await server.close();
    await rm(cache, { recursive: true, force: true });
  });

  it.each(['playlist.mp4', 'list.mp4'])('makes no proxy of %s, and the failure names no path', async (name) => {
    await fetch(`${server.url}/.derived/proxy/${name}`, { method: 'POST' });
    const status = await settled(server, name);
    expect(status).toMatchObject({ state: 'failed', error: { code: 'ffmpeg-failed' } });
    expect(JSON.stringify(status)).not.toMatch(/\/(tmp|media|outside)|secret/);
    expect((await readdir(cache)).filter((entry) => entry.endsWith('.mp4'))).toEqual([]);
  });

  it('still makes the proxy of an MP4 whose index is at its end', async () => {
    await fetch(`${server.url}/.derived/proxy/index-at-end.mp4`, { method: 'POST' });
    expect(await settled(server, 'index-at-end.mp4')).toMatchObject({ state: 'ready' });
  });
});

describe('given more proxy requests than the queue takes', () => {
  it('refuses the rest with 429 and Retry-After', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'multitrack-proxy-queue-'));
    const slow = await countingFfmpeg(dir, 'exec sleep 30');
    const server = await startMediaServer({ root, port: 0, derived: { cacheDir: path.join(dir, 'cache'), ffmpegPath: slow.path, maxQueued: 2 } });
    try {
      const post = (name: string) => fetch(`${server.url}/.derived/proxy/${name}`, { method: 'POST' });
      expect((await post('clip.mp4')).status).toBe(202);
      expect((await post('other.mp4')).status).toBe(202);
      const refused = await post('index-at-end.mp4');
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      // Asking again for one already queued is not more work: it is answered as it stands.
      expect((await post('clip.mp4')).status).toBe(202);
    } finally {
      await server.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('given a file ffmpeg cannot read, asked for again and again', () => {
  it('runs ffmpeg once until the file changes', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'multitrack-proxy-failures-'));
    const counting = await countingFfmpeg(dir);
    const file = path.join(root, 'broken.mp4');
    await writeFile(file, 'not a video either');
    const server = await startMediaServer({ root, port: 0, derived: { cacheDir: path.join(dir, 'cache'), ffmpegPath: counting.path } });
    try {
      for (let attempt = 0; attempt < 5; attempt += 1) {
        await fetch(`${server.url}/.derived/proxy/broken.mp4`, { method: 'POST' });
        expect(await settled(server, 'broken.mp4')).toMatchObject({ state: 'failed' });
      }
      expect(await counting.runs()).toBe(1);
      // A changed file is new content: it is tried at once.
      await copyFile(path.resolve('public/fixtures/clip-h264-b.mp4'), file);
      await fetch(`${server.url}/.derived/proxy/broken.mp4`, { method: 'POST' });
      expect(await settled(server, 'broken.mp4')).toMatchObject({ state: 'ready' });
      expect(await counting.runs()).toBe(2);
    } finally {
      await server.close();
      await rm(dir, { recursive: true, force: true });
    }
  }, 30_000);
});

describe('given many status requests for one large file at once', () => {
  it('reads the file once to hash it', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'multitrack-proxy-hash-'));
    const size = 64 * 1024 ** 2;
    const handle = await open(path.join(root, 'large.mp4'), 'w');
    await handle.truncate(size);
    await handle.close();
    const server = await startMediaServer({ root, port: 0, derived: { cacheDir: path.join(dir, 'cache'), ffmpegPath: '/nonexistent/ffmpeg' } });
    // Bytes this process read through read(2), from the kernel's accounting.
    const readBytes = () => Number(/rchar: (\d+)/.exec(readFileSync('/proc/self/io', 'utf8'))?.[1]);
    try {
      const before = readBytes();
      const answers = await Promise.all(Array.from({ length: 6 }, () => statusOf(server, 'large.mp4')));
      expect(answers.every((answer) => answer.state === 'none')).toBe(true);
      await statusOf(server, 'large.mp4');
      expect(readBytes() - before).toBeLessThan(1.5 * size);
    } finally {
      await server.close();
      await rm(dir, { recursive: true, force: true });
      await rm(path.join(root, 'large.mp4'));
    }
  });
});

describe('given a proxy cache with a size limit', () => {
  it('evicts the least recently used proxy, never one being served', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'multitrack-proxy-lru-'));
    try {
      const cache = createDerivedCache(dir, 150);
      const made = async (key: string) => {
        const partial = cache.partialFile(key);
        await writeFile(partial, Buffer.alloc(100));
        await cache.admit(key, partial);
      };
      await made('a.mp4');
      const served = await cache.use('a.mp4');
      await made('b.mp4');
      // Over the limit, but `a` is being served and `b` was just made: both stay.
      expect(await cache.finished('a.mp4')).toBeDefined();
      served?.release();
      await made('c.mp4');
      // `a` was used before `b` was made: it goes first, then `b`, keeping the newest.
      expect(await cache.finished('a.mp4')).toBeUndefined();
      expect(await cache.finished('b.mp4')).toBeUndefined();
      expect(await cache.finished('c.mp4')).toBeDefined();
      expect(cache.bytes()).toBe(100);
      expect((await readdir(dir)).sort()).toEqual(['c.mp4']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('keeps to it across proxies the server makes', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'multitrack-proxy-lru-server-'));
    const server = await startMediaServer({ root, port: 0, derived: { cacheDir: dir, maxHeight: 90, maxCacheBytes: 1 } });
    try {
      await fetch(`${server.url}/.derived/proxy/clip.mp4`, { method: 'POST' });
      expect(await settled(server, 'clip.mp4')).toMatchObject({ state: 'ready' });
      await fetch(`${server.url}/.derived/proxy/other.mp4`, { method: 'POST' });
      expect(await settled(server, 'other.mp4')).toMatchObject({ state: 'ready' });
      expect(await statusOf(server, 'clip.mp4')).toEqual({ state: 'none' });
      expect((await readdir(dir)).filter((entry) => entry.endsWith('.mp4'))).toHaveLength(1);
    } finally {
      await server.close();
      await rm(dir, { recursive: true, force: true });
    }
  }, 30_000);
});

describe('given a proxy cache reached through a symlink into the root', () => {
  it('refuses to start, though the cache directory does not exist yet', async () => {
    const link = path.join(parent, 'link-to-media');
    await symlink(root, link);
    await expect(startMediaServer({ root, port: 0, derived: { cacheDir: path.join(link, 'proxies', 'cache') } })).rejects.toThrow(/outside the media root/);
  });
});

describe('given a server killed with SIGKILL while ffmpeg runs', () => {
  it('takes ffmpeg down with it', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'multitrack-proxy-orphan-'));
    const slow = await countingFfmpeg(dir, 'exec sleep 60');
    const server = spawn(
      process.execPath,
      ['--import', 'tsx', 'server/bin.ts', '--root', root, '--port', '0', '--cache', path.join(dir, 'cache'), '--ffmpeg', slow.path],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    try {
      const url = await new Promise<string>((resolve) => {
        server.stdout.on('data', (chunk: Buffer) => {
          const found = /at (http:\/\/\S+)/.exec(chunk.toString());
          if (found) resolve(found[1]);
        });
      });
      await fetch(`${url}/.derived/proxy/clip.mp4`, { method: 'POST' });
      await vi.waitFor(async () => expect(await slow.runs()).toBe(1), { timeout: 10_000 });
      const ffmpegPid = Number((await readFile(path.join(dir, 'runs'), 'utf8')).trim());
      const alive = () => existsSync(`/proc/${ffmpegPid}`) && !readFileSync(`/proc/${ffmpegPid}/stat`, 'utf8').includes(') Z ');
      expect(alive()).toBe(true);
      server.kill('SIGKILL');
      await vi.waitFor(() => expect(alive()).toBe(false), { timeout: 5000 });
    } finally {
      server.kill('SIGKILL');
      await rm(dir, { recursive: true, force: true });
    }
  }, 30_000);
});
