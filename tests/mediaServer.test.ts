import { spawn } from 'node:child_process';
import { mkdtemp, open, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMediaServer, type RunningMediaServer } from '../server';

let root: string;
const largeSize = 2 * 1024 ** 3 + 4096;

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'multitrack-server-'));
  await writeFile(path.join(root, 'clip.mp4'), 'x'.repeat(1000));
  // Sparse: 2 GiB on paper, no disk used.
  const handle = await open(path.join(root, 'large.mp4'), 'w');
  await handle.truncate(largeSize);
  await handle.close();
});

afterAll(() => rm(root, { recursive: true, force: true }));

/** Reads a response to the end, counting bytes without keeping them. */
function drain(url: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, unknown>; bytes: number }> {
  return new Promise((resolve, reject) => {
    request(url, { headers }, (response) => {
      let bytes = 0;
      response.on('data', (chunk: Buffer) => (bytes += chunk.byteLength));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, bytes }));
      response.on('error', reject);
    })
      .on('error', reject)
      .end();
  });
}

describe('given a file larger than 2 GiB', () => {
  let server: RunningMediaServer;
  beforeAll(async () => {
    // No cap on a 206: this is about what one long response costs.
    server = await startMediaServer({ root, port: 0, maxRangeBytes: Number.POSITIVE_INFINITY });
  });
  afterAll(() => server.close());

  it('serves a range near its end with exact offsets', async () => {
    const response = await drain(`${server.url}/large.mp4`, { Range: `bytes=${largeSize - 10}-` });
    expect(response.status).toBe(206);
    expect(response.headers['content-range']).toBe(`bytes ${largeSize - 10}-${largeSize - 1}/${largeSize}`);
    expect(response.bytes).toBe(10);
  });

  it('streams 512 MiB of it from disk while memory stays flat', async () => {
    const sent = 512 * 1024 ** 2;
    const before = process.memoryUsage().rss;
    const response = await drain(`${server.url}/large.mp4`, { Range: `bytes=0-${sent - 1}` });
    const grown = process.memoryUsage().rss - before;
    expect(response.bytes).toBe(sent);
    // A server that read the file into memory would grow by the 512 MiB it sent.
    expect(grown).toBeLessThan(128 * 1024 ** 2);
  }, 60_000);
});

describe('given --cors', () => {
  let server: RunningMediaServer;
  beforeAll(async () => {
    server = await startMediaServer({ root, port: 0, cors: ['http://editor.test'] });
  });
  afterAll(() => server.close());

  it('lets the named origin read media and the range headers', async () => {
    const response = await drain(`${server.url}/clip.mp4`, { Origin: 'http://editor.test', Range: 'bytes=0-9' });
    expect(response.status).toBe(206);
    expect(response.headers['access-control-allow-origin']).toBe('http://editor.test');
    expect(String(response.headers['access-control-expose-headers'])).toContain('Content-Range');
  });

  it('answers a preflight from the named origin, and not another', async () => {
    const preflight = await new Promise<number>((resolve, reject) =>
      request(`${server.url}/clip.mp4`, { method: 'OPTIONS', headers: { Origin: 'http://editor.test', 'Access-Control-Request-Headers': 'range' } }, (response) => {
        response.resume();
        expect(response.headers['access-control-allow-headers']).toContain('Range');
        resolve(response.statusCode ?? 0);
      })
        .on('error', reject)
        .end(),
    );
    expect(preflight).toBe(204);
    const other = await drain(`${server.url}/clip.mp4`, { Origin: 'http://elsewhere.test' });
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('the multitrack-media-server command', () => {
  function run(args: string[]): Promise<{ code: number | null; output: string }> {
    return new Promise((resolve) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'server/bin.ts', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
      let output = '';
      child.stdout.on('data', (chunk) => {
        output += chunk;
        if (output.includes('serving')) child.kill('SIGTERM');
      });
      child.stderr.on('data', (chunk) => (output += chunk));
      child.on('exit', (code) => resolve({ code, output }));
    });
  }

  it('starts on loopback and says where', async () => {
    const { output } = await run(['--root', root, '--port', '0']);
    expect(output).toMatch(/serving .* at http:\/\/127\.0\.0\.1:\d+/);
  });

  it('refuses a missing root with a clear message and exit code 2', async () => {
    const { code, output } = await run(['--root', path.join(root, 'nope')]);
    expect(code).toBe(2);
    expect(output).toContain('does not exist');
  });

  it('refuses to start without --root', async () => {
    const { code, output } = await run([]);
    expect(code).toBe(2);
    expect(output).toContain('Usage: multitrack-media-server');
  });
});
