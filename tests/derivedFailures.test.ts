// Derived media failing for causes that are not the media's: a cache on a read-only or a full
// file system (tmpfs mounts: CI runs as root), and a filmstrip sheet past the media's end. Each
// is named for its cause, and only the media's own failures are remembered.
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startMediaServer, type RunningMediaServer } from '../server';
import type { DerivedStatus } from '../src/http';

let work: string;
let root: string;
const mounts: string[] = [];

/** A tmpfs at a fresh directory under the work directory: `options` as `mount -o` takes them. */
async function tmpfs(name: string, options: string): Promise<string> {
  const dir = path.join(work, name);
  await mkdir(dir);
  execFileSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', dir]);
  mounts.push(dir);
  return dir;
}

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'multitrack-derived-failures-'));
  root = path.join(work, 'media');
  await mkdir(root);
  // 4 s of 320x180, a keyframe a second: a proxy of it is some tens of kB.
  execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc2=size=320x180:rate=30:duration=4', '-c:v', 'libx264', '-preset', 'ultrafast', '-g', '30', '-pix_fmt', 'yuv420p', path.join(root, 'picture.mp4')]);
});

afterAll(async () => {
  for (const dir of mounts) execFileSync('umount', [dir]);
  await rm(work, { recursive: true, force: true });
});

async function failureOf(server: RunningMediaServer, item: string): Promise<DerivedStatus> {
  await fetch(`${server.url}/.derived/${item}`, { method: 'POST' });
  let status: DerivedStatus = { state: 'none' };
  await vi.waitFor(
    async () => {
      status = (await (await fetch(`${server.url}/.derived-status/${item}`)).json()) as DerivedStatus;
      expect(status.state).not.toBe('generating');
    },
    { timeout: 30_000, interval: 50 },
  );
  return status;
}

describe('a derived item that fails', () => {
  it('says a read-only cache is the cache, and makes the item once it can be written', async () => {
    const cache = await tmpfs('read-only-cache', 'ro,size=4m');
    const server = await startMediaServer({ root, port: 0, derived: { cacheDir: cache, maxHeight: 90 } });
    try {
      const failed = await failureOf(server, 'proxy/picture.mp4');
      expect(failed).toMatchObject({ state: 'failed', error: { code: 'cache-unwritable' } });
      if (failed.state === 'failed') expect(failed.error.message).toMatch(/cache cannot be written \(EROFS\)/);
      // Not remembered: once the cache can be written, asking again starts a run that makes it.
      execFileSync('mount', ['-o', 'remount,rw', cache]);
      const again = await fetch(`${server.url}/.derived/proxy/picture.mp4`, { method: 'POST' });
      expect(((await again.json()) as DerivedStatus).state).not.toBe('failed');
      expect(await failureOf(server, 'proxy/picture.mp4')).toMatchObject({ state: 'ready' });
    } finally {
      await server.close();
    }
  }, 60_000);

  it('says a full cache is full', async () => {
    const cache = await tmpfs('full-cache', 'size=12k');
    const server = await startMediaServer({ root, port: 0, derived: { cacheDir: cache, maxHeight: 90 } });
    try {
      expect(await failureOf(server, 'proxy/picture.mp4')).toMatchObject({ state: 'failed', error: { code: 'cache-full' } });
    } finally {
      await server.close();
    }
  }, 60_000);

  it('says a filmstrip sheet after the end is past the end, and remembers it', async () => {
    const cache = path.join(work, 'cache');
    await mkdir(cache);
    const server = await startMediaServer({ root, port: 0, derived: { cacheDir: cache, maxHeight: 90 } });
    try {
      // 100 tiles of a second each: sheet 1 starts at 100 s of a 4 s file.
      const item = 'filmstrip/picture.mp4?height=48&step=1000&sheet=1';
      const failed = await failureOf(server, item);
      expect(failed).toMatchObject({ state: 'failed', error: { code: 'past-end' } });
      if (failed.state === 'failed') expect(failed.error.message).toBe('Sheet 1 starts at 100 s, after the media ends (4.0 s).');
      // Asked again, it is answered from memory at once: failed, with no new run started.
      const again = await fetch(`${server.url}/.derived/${item}`, { method: 'POST' });
      expect(await again.json()).toMatchObject({ state: 'failed', error: { code: 'past-end' } });
    } finally {
      await server.close();
    }
  }, 60_000);
});
