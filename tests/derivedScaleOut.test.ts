import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startMediaServer, type RunningMediaServer } from '../server';
import { decodePeaks } from '../src/derived';
import type { DerivedStatus } from '../src/http';
import { freePort } from './conformance/targets';

// Two media servers and two worker processes on one Redis (Debian's redis-server, started here on
// a free loopback port) and one cache directory: the deployment the issue asks for, on one machine.
let work: string;
let root: string;
let cache: string;
let redis: ChildProcess;
let redisUrl: string;
const servers: RunningMediaServer[] = [];
const workers: ChildProcess[] = [];

/** A worker process, as `multitrack-media-server worker` runs; its ffmpeg logged to `runs` so the test counts them. */
function startWorker(name: string, ffmpeg: string): ChildProcess {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'server/bin.ts', 'worker', '--jobs', redisUrl, '--root', root, '--cache', cache, '--ffmpeg', ffmpeg, '--proxy-height', '90', '--job-lock', '4'],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, WORKER_NAME: name } },
  );
  workers.push(child);
  return child;
}

const items = [
  'peaks/tone-a.m4a',
  'peaks/tone-b.m4a',
  'proxy/picture.mp4',
  'proxy/picture-b.mp4',
  ...[250, 500, 1000].flatMap((step) => [48, 72].map((height) => `filmstrip/picture.mp4?height=${height}&step=${step}&sheet=0`)),
];

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'multitrack-scale-out-'));
  root = path.join(work, 'media');
  cache = path.join(work, 'cache');
  const ffmpeg = (...args: string[]) => execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', ...args]);
  await mkdir(root);
  const sine = '0.5*sin(440*2*PI*t)';
  ffmpeg('-f', 'lavfi', '-i', `aevalsrc=${sine}|${sine}:s=48000:d=4`, '-c:a', 'aac', path.join(root, 'tone-a.m4a'));
  ffmpeg('-f', 'lavfi', '-i', `aevalsrc=${sine}:s=48000:d=6`, '-c:a', 'aac', path.join(root, 'tone-b.m4a'));
  ffmpeg('-f', 'lavfi', '-i', 'testsrc2=size=320x180:rate=30:duration=25', '-c:v', 'libx264', '-preset', 'ultrafast', '-g', '30', '-pix_fmt', 'yuv420p', path.join(root, 'picture.mp4'));
  ffmpeg('-f', 'lavfi', '-i', 'smptebars=size=320x180:rate=30:duration=8', '-c:v', 'libx264', '-preset', 'ultrafast', '-g', '30', '-pix_fmt', 'yuv420p', path.join(root, 'picture-b.mp4'));
  // Each worker's ffmpeg notes its run and takes a second more, so the test can kill a worker mid-job.
  for (const name of ['first', 'second']) {
    const wrapper = path.join(work, `ffmpeg-${name}`);
    await writeFile(wrapper, `#!/bin/sh\necho "$$" >> ${path.join(work, `runs-${name}`)}\nsleep 1\nexec ffmpeg "$@"\n`);
    await chmod(wrapper, 0o755);
  }

  const port = await freePort();
  redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  redisUrl = `redis://127.0.0.1:${port}`;
  await vi.waitFor(() => execFileSync('redis-cli', ['-p', String(port), 'ping']), { timeout: 10_000, interval: 100 });
  for (let index = 0; index < 2; index += 1) {
    servers.push(await startMediaServer({ root, port: 0, derived: { cacheDir: cache, maxHeight: 90, jobs: redisUrl, maxQueued: 20 } }));
  }
}, 120_000);

afterAll(async () => {
  for (const worker of workers) worker.kill('SIGKILL');
  await Promise.all(servers.map((server) => server.close()));
  redis?.kill('SIGKILL');
  await rm(work, { recursive: true, force: true });
});

const statusOf = async (server: RunningMediaServer, item: string) => (await fetch(`${server.url}/.derived-status/${item}`)).json() as Promise<DerivedStatus>;

describe('derived media on a shared queue: 2 servers, 2 workers, one killed mid-job', () => {
  it('makes every item once, correctly, and never serves a partial one', async () => {
    // Both servers asked for all ten at once, before any worker runs: one job an item.
    const asked = await Promise.all(servers.flatMap((server) => items.map((item) => fetch(`${server.url}/.derived/${item}`, { method: 'POST' }))));
    expect(asked.map((response) => response.status).every((status) => status === 202), String(asked.map((response) => response.status))).toBe(true);

    const first = startWorker('first', path.join(work, 'ffmpeg-first'));
    startWorker('second', path.join(work, 'ffmpeg-second'));
    // Once the first worker has started a job, it is killed: its job is taken by the second.
    await vi.waitFor(async () => expect((await readFile(path.join(work, 'runs-first'), 'utf8').catch(() => '')).length).toBeGreaterThan(0), { timeout: 30_000, interval: 50 });
    first.kill('SIGKILL');

    // Meanwhile both servers are asked for every item: a 200 is only ever a whole item.
    const served = new Map<string, Buffer[]>();
    let pending = [...items];
    await vi.waitFor(
      async () => {
        for (const item of pending) {
          for (const server of servers) {
            const response = await fetch(`${server.url}/.derived/${item}`);
            if (response.status === 200) served.set(item, [...(served.get(item) ?? []), Buffer.from(await response.arrayBuffer())]);
            else expect(response.status).toBe(404);
          }
        }
        const statuses = await Promise.all(items.map((item) => Promise.all(servers.map((server) => statusOf(server, item)))));
        pending = items.filter((_, index) => statuses[index].some((status) => status.state !== 'ready'));
        expect(pending).toEqual([]);
      },
      { timeout: 90_000, interval: 250 },
    );

    // Ten items in the cache (beside its identity, a dot file), no partial file but the killed worker's.
    const names = (await readdir(cache)).filter((name) => !name.startsWith('.'));
    expect(names.filter((name) => !name.includes('.partial-'))).toHaveLength(items.length);
    const firstRuns = (await readFile(path.join(work, 'runs-first'), 'utf8')).trim().split('\n');
    const secondRuns = (await readFile(path.join(work, 'runs-second'), 'utf8')).trim().split('\n');
    // The killed worker's one job made again by the second; every other item made once.
    expect(firstRuns).toHaveLength(1);
    expect(secondRuns).toHaveLength(items.length);

    for (const item of items) {
      const final = Buffer.from(await (await fetch(`${servers[0].url}/.derived/${item}`)).arrayBuffer());
      for (const body of served.get(item) ?? []) expect(Buffer.compare(body, final), `${item} served whole`).toBe(0);
      const status = await statusOf(servers[1], item);
      if (item.startsWith('peaks/')) {
        const peaks = decodePeaks(final);
        expect(Math.round(peaks.durationMs / 1000)).toBe(item.endsWith('a.m4a') ? 4 : 6);
        expect(Math.max(...peaks.levels[2].data)).toBeGreaterThanOrEqual(62);
      } else if (item.startsWith('proxy/')) {
        const file = path.join(work, 'probe.mp4');
        await writeFile(file, final);
        const probe = JSON.parse(execFileSync('ffprobe', ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'stream=height,codec_name', '-of', 'json', file]).toString()) as { streams: { height: number; codec_name: string }[] };
        expect(probe.streams[0]).toEqual({ codec_name: 'h264', height: 90 });
      } else {
        const height = Number(/height=(\d+)/.exec(item)?.[1]);
        expect(status).toMatchObject({ state: 'ready', tile: { height, columns: 10, rows: 10 } });
      }
    }
  }, 150_000);
});
