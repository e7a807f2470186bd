// The derived-media queue under faults, with Debian's redis-server on a free loopback port: a
// burst past the queue's cap, Redis killed and started again, a queue that is not there at all.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { startMediaServer, type RunningMediaServer } from '../server';
import { freePort } from './conformance/targets';

let work: string;
let root: string;
let cache: string;
let redis: ChildProcess | undefined;
let redisPort: number;
let server: RunningMediaServer | undefined;

const startRedis = async () => {
  redis = spawn('redis-server', ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  await vi.waitFor(() => execFileSync('redis-cli', ['-p', String(redisPort), 'ping']), { timeout: 10_000, interval: 100 });
};
const stopRedis = async () => {
  if (!redis) return;
  const running = redis;
  const stopped = new Promise((resolve) => running.once('exit', resolve));
  running.kill('SIGKILL');
  await stopped;
  redis = undefined;
};

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'multitrack-queue-faults-'));
  root = path.join(work, 'media');
  cache = path.join(work, 'cache');
  await mkdir(root);
  // 200 originals of distinct content: 200 distinct items (no worker runs here; none is made).
  await Promise.all(Array.from({ length: 200 }, (_, index) => writeFile(path.join(root, `sound-${index}.m4a`), `original ${index}`)));
  redisPort = await freePort();
}, 30_000);

afterEach(async () => {
  await server?.close();
  server = undefined;
  await stopRedis();
});

afterAll(() => rm(work, { recursive: true, force: true }));

const post = (running: RunningMediaServer, index: number) => fetch(`${running.url}/.derived/peaks/sound-${index}.m4a`, { method: 'POST' });
const statusOf = (running: RunningMediaServer, index: number) => fetch(`${running.url}/.derived-status/peaks/sound-${index}.m4a`);

/** A server on the queue, once its connection to Redis is up (status answers 200). */
async function serverOnQueue(maxQueued: number, log?: (line: string) => void): Promise<RunningMediaServer> {
  const running = await startMediaServer({ root, port: 0, log, derived: { cacheDir: cache, jobs: `redis://127.0.0.1:${redisPort}`, maxQueued } });
  await vi.waitFor(async () => expect((await statusOf(running, 0)).status).toBe(200), { timeout: 10_000, interval: 50 });
  return running;
}

describe('the queue cap', () => {
  it('admits exactly as many as it queues out of 200 simultaneous requests to two servers', async () => {
    await startRedis();
    server = await serverOnQueue(8);
    const running = server;
    const other = await serverOnQueue(8);
    // Every request's file hashed beforehand (a status asks for its key), so all 200 reach the queue together.
    await Promise.all(Array.from({ length: 200 }, (_, index) => statusOf(index % 2 ? other : running, index)));
    const answers = await Promise.all(Array.from({ length: 200 }, (_, index) => post(index % 2 ? other : running, index))).finally(() => other.close());
    const statuses = answers.map((answer) => answer.status);
    expect(statuses.filter((status) => status === 202)).toHaveLength(8);
    expect(statuses.filter((status) => status === 429)).toHaveLength(192);
    expect(answers.find((answer) => answer.status === 429)?.headers.get('retry-after')).toBe('10');
    // Asked again, an admitted item is still admitted, and the queue is still full for others.
    const admitted = statuses.indexOf(202);
    expect((await post(running, admitted)).status).toBe(202);
    expect((await post(running, statuses.indexOf(429))).status).toBe(429);
  }, 60_000);
});

describe('a worker writing to another cache', () => {
  it('fails the job as a cache mismatch, says so on its stderr, and the server answers it as failed', async () => {
    await startRedis();
    server = await serverOnQueue(8);
    const elsewhere = path.join(work, 'another-cache');
    await mkdir(elsewhere, { recursive: true });
    const worker = spawn(process.execPath, ['--import', 'tsx', 'server/bin.ts', 'worker', '--jobs', `redis://127.0.0.1:${redisPort}`, '--root', root, '--cache', elsewhere], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let said = '';
    worker.stderr?.on('data', (chunk: Buffer) => (said += chunk.toString()));
    try {
      expect((await post(server, 3)).status).toBe(202);
      const running = server;
      await vi.waitFor(
        async () => {
          const status = (await (await statusOf(running, 3)).json()) as { state: string; error?: { code: string } };
          expect(status).toMatchObject({ state: 'failed', error: { code: 'cache-mismatch' } });
        },
        { timeout: 30_000, interval: 200 },
      );
      expect(said).toMatch(/is not the cache the servers serve from/);
      // Nothing was made anywhere.
      expect((await readdir(elsewhere)).filter((name) => !name.startsWith('.'))).toEqual([]);
    } finally {
      worker.kill('SIGKILL');
    }
  }, 60_000);
});

describe('Redis going away', () => {
  it('answers 503 with when to ask again while Redis is down, and serves again once it is back', async () => {
    await startRedis();
    server = await serverOnQueue(8);
    await stopRedis();
    // Answered, not held until Redis comes back (the test's timeout says "never").
    for (const answer of [await post(server, 1), await statusOf(server, 1)]) {
      expect(answer.status).toBe(503);
      expect(answer.headers.get('retry-after')).toBe('5');
      expect(await answer.text()).toMatch(/cannot reach its job queue/);
    }
    // Plain media is served all the while.
    expect((await fetch(`${server.url}/sound-1.m4a`)).status).toBe(200);

    await startRedis();
    const running = server;
    await vi.waitFor(async () => expect((await post(running, 1)).status).toBe(202), { timeout: 20_000, interval: 200 });
  }, 60_000);

  it('answers 503 and says so in its log when the queue was never there', async () => {
    const lines: string[] = [];
    server = await startMediaServer({ root, port: 0, log: (line) => lines.push(line), derived: { cacheDir: cache, jobs: `redis://127.0.0.1:${redisPort}`, maxQueued: 8 } });
    expect((await post(server, 1)).status).toBe(503);
    expect((await statusOf(server, 1)).status).toBe(503);
    await vi.waitFor(() => expect(lines.some((line) => line.includes(`Redis at redis://127.0.0.1:${redisPort}`) && /ECONNREFUSED/.test(line))).toBe(true), { timeout: 10_000 });
  }, 30_000);
});
