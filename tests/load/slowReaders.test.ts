// The media server under clients that stop reading, timed: run alone (`npm run test:load`, its
// own vitest run after the unit tests), so no other test file shares the two cores meanwhile.
import { spawn } from 'node:child_process';
import { mkdtemp, open, rm } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let root: string;

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'multitrack-load-'));
  // Sparse: 512 MiB on paper, no disk used.
  const handle = await open(path.join(root, 'large.mp4'), 'w');
  await handle.truncate(512 * 1024 ** 2);
  await handle.close();
});

afterAll(() => rm(root, { recursive: true, force: true }));

const get = (target: string, host: string, extra = '') => `GET ${target} HTTP/1.1\r\nHost: ${host}\r\n${extra}Connection: close\r\n\r\n`;

describe('given clients that stop reading', () => {
  it('answers a normal ranged request within a second under 200 clients that never read, and its memory grows less than 64 MiB', async () => {
    // The server in its own process, as it runs: its memory is read from /proc, and the clients'
    // work is not on its event loop.
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/bin.ts', '--root', root, '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
    const slow: Socket[] = [];
    try {
      const url = await new Promise<string>((resolve) => {
        child.stdout.on('data', (chunk: Buffer) => {
          const found = /at (http:\/\/\S+)/.exec(chunk.toString());
          if (found) resolve(found[1]);
        });
      });
      const port = Number(new URL(url).port);
      const rss = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1]) * 1024;
      await new Promise((resolve) => setTimeout(resolve, 300));
      const before = rss();
      for (let index = 0; index < 200; index += 1) {
        const socket = connect(port, '127.0.0.1');
        socket.on('error', () => undefined);
        socket.write(get('/large.mp4', `127.0.0.1:${port}`, `Range: bytes=${index * 1024 ** 2}-\r\n`));
        socket.pause();
        slow.push(socket);
      }
      // While the server fills their buffers.
      await new Promise((resolve) => setTimeout(resolve, 300));
      const started = performance.now();
      const answer = await fetch(`${url}/large.mp4`, { headers: { Range: 'bytes=1000-1999' } });
      expect((await answer.arrayBuffer()).byteLength).toBe(1000);
      expect(performance.now() - started).toBeLessThan(1000);
      await new Promise((resolve) => setTimeout(resolve, 1000));
      expect((rss() - before) / 1024 ** 2).toBeLessThan(64);
    } finally {
      for (const socket of slow) socket.destroy();
      child.kill();
    }
  }, 30_000);

});
