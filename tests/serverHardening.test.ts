// The media server against abuse and faults, through real sockets: a foreign Host or Origin, slow
// or silent clients, a file that shrinks mid-body, absolute-form targets, CORS caching.
import { appendFile, mkdtemp, open, rm, truncate, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createMediaServer, defaultMaxConnections, startMediaServer, type RunningMediaServer, type SentResponse } from '../server';

let root: string;
const largeSize = 512 * 1024 ** 2;

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'multitrack-hardening-'));
  await writeFile(path.join(root, 'clip.mp4'), Buffer.alloc(4096, 7));
  // Sparse: 512 MiB on paper, no disk used.
  const handle = await open(path.join(root, 'large.mp4'), 'w');
  await handle.truncate(largeSize);
  await handle.close();
});

afterAll(() => rm(root, { recursive: true, force: true }));

let server: RunningMediaServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const portOf = (running: RunningMediaServer) => Number(new URL(running.url).port);

/** One raw HTTP/1.1 exchange: what the server wrote back until it closed or `waitMs` passed. */
function exchange(running: RunningMediaServer, text: string, waitMs = 1500): Promise<{ head: string; bytes: number; closed: boolean }> {
  return new Promise((resolve, reject) => {
    const socket = connect(portOf(running), '127.0.0.1');
    const chunks: Buffer[] = [];
    let closed = false;
    const finish = () => {
      const all = Buffer.concat(chunks);
      const end = all.indexOf('\r\n\r\n');
      resolve({ head: all.subarray(0, end).toString(), bytes: all.byteLength, closed });
    };
    const timer = setTimeout(() => {
      socket.destroy();
      finish();
    }, waitMs);
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('close', () => {
      closed = true;
      clearTimeout(timer);
      finish();
    });
    socket.on('error', reject);
    socket.write(text);
  });
}

const get = (target: string, host: string, extra = '') => `GET ${target} HTTP/1.1\r\nHost: ${host}\r\n${extra}Connection: close\r\n\r\n`;
const statusOf = (head: string) => Number(head.split(' ')[1]);

/** Polls until `check` holds; a test's own timeout says "never". */
async function waitFor(check: () => boolean | Promise<boolean>): Promise<void> {
  while (!(await check())) await new Promise((resolve) => setTimeout(resolve, 20));
}

/** The body of one raw exchange's answer, as text. */
function rawBody(running: RunningMediaServer, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(portOf(running), '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('close', () => {
      const all = Buffer.concat(chunks).toString();
      resolve(all.slice(all.indexOf('\r\n\r\n') + 4));
    });
    socket.on('error', reject);
    socket.write(text);
  });
}

const connections = (running: RunningMediaServer) => new Promise<number>((resolve, reject) => running.server.getConnections((error, count) => (error ? reject(error) : resolve(count))));
const waitForConnections = (running: RunningMediaServer, count: number) => waitFor(async () => (await connections(running)) === count);

describe('given a server on loopback', () => {
  it('refuses a Host that is not a loopback name (DNS rebinding) unless it was allowed', async () => {
    server = await startMediaServer({ root, port: 0, allowedHosts: ['media.test'] });
    const port = portOf(server);
    expect(statusOf((await exchange(server, get('/clip.mp4', `evil.example:${port}`))).head)).toBe(403);
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, `media.test:${port}`, `app.localhost:${port}`]) {
      expect(statusOf((await exchange(server, get('/clip.mp4', host))).head), host).toBe(200);
    }
  });

  it('serves an absolute-form target like the path it names (RFC 9112)', async () => {
    server = await startMediaServer({ root, port: 0 });
    const answer = await exchange(server, get(`http://127.0.0.1:${portOf(server)}/clip.mp4`, `127.0.0.1:${portOf(server)}`, 'Range: bytes=0-9\r\n'));
    expect(statusOf(answer.head)).toBe(206);
    expect(answer.head).toMatch(/content-range: bytes 0-9\/4096/i);
    // The authority it names stands for the Host: a foreign one is refused.
    expect(statusOf((await exchange(server, get('http://evil.example/clip.mp4', `127.0.0.1:${portOf(server)}`))).head)).toBe(403);
  });

  it('says Vary: Origin on every answer when CORS depends on the Origin', async () => {
    server = await startMediaServer({ root, port: 0, cors: ['http://editor.test'] });
    const allowed = await fetch(`${server.url}/clip.mp4`, { headers: { Origin: 'http://editor.test' } });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('http://editor.test');
    expect(allowed.headers.get('vary')).toBe('Origin');
    const other = await fetch(`${server.url}/clip.mp4`, { headers: { Origin: 'http://other.test' } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    expect(other.headers.get('vary')).toBe('Origin');
    expect((await fetch(`${server.url}/clip.mp4`)).headers.get('vary')).toBe('Origin');
  });
});

describe('given clients that stop reading', () => {
  it('closes a connection that moves nothing for the idle timeout', async () => {
    server = await startMediaServer({ root, port: 0, idleTimeoutMs: 300 });
    const socket = connect(portOf(server), '127.0.0.1');
    socket.on('error', () => undefined);
    socket.write(get('/large.mp4', `127.0.0.1:${portOf(server)}`, 'Range: bytes=0-\r\n'));
    // Never read for a while: the server's writes stall once the socket buffers are full, and
    // nothing moves. A paused socket cannot see the server hang up, so read again afterwards.
    socket.pause();
    await new Promise((resolve) => setTimeout(resolve, 1500));
    let received = 0;
    socket.on('data', (chunk: Buffer) => (received += chunk.byteLength));
    const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
    socket.resume();
    const outcome = await Promise.race([closed.then(() => 'closed'), new Promise((resolve) => setTimeout(() => resolve('open'), 3000))]);
    socket.destroy();
    expect(outcome).toBe('closed');
    // What was in the buffers when it was cut off, far from the 512 MiB it asked for.
    expect(received).toBeLessThan(64 * 1024 ** 2);
  });

  it('cuts off a client that takes nothing for the send timeout, even with no idle timeout', async () => {
    server = await startMediaServer({ root, port: 0, idleTimeoutMs: 0, sendTimeoutMs: 300 });
    const socket = connect(portOf(server), '127.0.0.1');
    socket.on('error', () => undefined);
    socket.write(get('/large.mp4', `127.0.0.1:${portOf(server)}`, 'Range: bytes=0-\r\n'));
    socket.pause();
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
    socket.on('data', () => undefined);
    socket.resume();
    await closed;
    await waitForConnections(server, 0);
  });

  it('lets go of the connection and the file at once when a client closes its side mid-answer', async () => {
    const answered: SentResponse[] = [];
    // Timeouts far off: only the client's close can end these answers within the test.
    server = await startMediaServer({ root, port: 0, idleTimeoutMs: 120_000, sendTimeoutMs: 120_000, maxRangeBytes: Number.POSITIVE_INFINITY, onResponse: (sent) => answered.push(sent) });
    const running = server;
    const clients = await Promise.all(
      Array.from({ length: 20 }, async () => {
        const socket = connect(portOf(running), '127.0.0.1');
        socket.on('error', () => undefined);
        socket.write(get('/large.mp4', `127.0.0.1:${portOf(running)}`, 'Range: bytes=0-\r\n').replace('Connection: close\r\n', ''));
        await new Promise<void>((resolve) => socket.once('data', () => resolve()));
        socket.pause();
        return socket;
      }),
    );
    await waitForConnections(server, 20);
    // Long enough for the server's writes to fill the socket buffers and stall, as a slow reader's do.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    // Each closes its sending side (FIN) and reads no more.
    for (const socket of clients) socket.end();
    await waitForConnections(server, 0);
    // Each answer ended (its file handle closed in its ending) and was accounted for.
    await waitFor(() => answered.length === 20);
    expect(answered.every((sent) => sent.status === 206 && sent.bytes < largeSize)).toBe(true);
    for (const socket of clients) socket.destroy();
  });

  it('caps connections by default', () => {
    expect(createMediaServer({ root }).maxConnections).toBe(defaultMaxConnections);
  });

  it('refuses connections beyond the cap', async () => {
    server = await startMediaServer({ root, port: 0, maxConnections: 2 });
    const held = [connect(portOf(server), '127.0.0.1'), connect(portOf(server), '127.0.0.1')];
    await new Promise((resolve) => setTimeout(resolve, 200));
    try {
      const third = await exchange(server, get('/clip.mp4', `127.0.0.1:${portOf(server)}`));
      expect(third.closed).toBe(true);
      expect(third.bytes).toBe(0);
    } finally {
      for (const socket of held) socket.destroy();
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(statusOf((await exchange(server, get('/clip.mp4', `127.0.0.1:${portOf(server)}`))).head)).toBe(200);
  });
});

describe('given a file that shrinks while it streams', () => {
  it('cuts the connection at once instead of ending a short body', async () => {
    const file = path.join(root, 'shrinking.mp4');
    await writeFile(file, Buffer.alloc(32 * 1024 ** 2, 1));
    server = await startMediaServer({ root, port: 0 });
    const socket = connect(portOf(server), '127.0.0.1');
    // Keep-alive, and a second request pipelined behind the first: a short first body would
    // make the second response read as the rest of it.
    socket.write(`GET /shrinking.mp4 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\nGET /clip.mp4 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`);
    let received = 0;
    const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
    socket.on('error', () => undefined);
    await new Promise<void>((resolve) => socket.once('data', () => resolve()));
    socket.pause();
    await truncate(file, 1024 ** 2);
    socket.on('data', (chunk: Buffer) => (received += chunk.byteLength));
    socket.resume();
    const outcome = await Promise.race([closed.then(() => 'closed'), new Promise((resolve) => setTimeout(() => resolve('open'), 3000))]);
    expect(outcome).toBe('closed');
    expect(received).toBeLessThan(32 * 1024 ** 2);
  });
});

describe('given a file that grows while it streams', () => {
  it('sends the bytes it announced and answers the next request, as nginx does', async () => {
    const file = path.join(root, 'recording.mp4');
    await writeFile(file, Buffer.alloc(8 * 1024 ** 2, 1));
    server = await startMediaServer({ root, port: 0, maxRangeBytes: Number.POSITIVE_INFINITY });
    const socket = connect(portOf(server), '127.0.0.1');
    socket.on('error', () => undefined);
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.write(`GET /recording.mp4 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\nGET /clip.mp4 HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`);
    await new Promise<void>((resolve) => socket.once('data', () => resolve()));
    socket.pause();
    await appendFile(file, Buffer.alloc(1024 ** 2, 2));
    socket.resume();
    await new Promise<void>((resolve) => socket.on('close', () => resolve()));
    const all = Buffer.concat(chunks);
    const firstBody = all.indexOf('\r\n\r\n') + 4;
    expect(all.subarray(0, firstBody).toString()).toContain(`Content-Length: ${8 * 1024 ** 2}`);
    const second = all.subarray(firstBody + 8 * 1024 ** 2).toString('latin1');
    expect(second.startsWith('HTTP/1.1 200')).toBe(true);
    expect(second).toContain('Content-Length: 4096');
  });
});

describe('given requests the server refuses', () => {
  it('says why in a short text body, naming no path', async () => {
    server = await startMediaServer({ root, port: 0 });
    const host = `127.0.0.1:${portOf(server)}`;
    const refused = [
      get('/missing.mp4', host),
      get('/%E0%A4%A.mp4', host),
      get('/clip.mp4', host, 'Range: bytes=99999-\r\n'),
      `DELETE /clip.mp4 HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`,
      get('/clip.mp4', 'rebound.example:80'),
      get('/../../etc/passwd', host),
    ];
    const answers = await Promise.all(refused.map((text) => exchange(server as RunningMediaServer, text)));
    expect(answers.map(({ head }) => statusOf(head))).toEqual([404, 400, 416, 405, 403, 400]);
    for (const { head, bytes } of answers) {
      expect(head).toMatch(/content-type: text\/plain/i);
      const length = Number(/content-length: (\d+)/i.exec(head)?.[1]);
      expect(length).toBeGreaterThan(1);
      expect(bytes).toBe(head.length + 4 + length);
    }
    const bodies = await Promise.all(refused.map((text) => rawBody(server as RunningMediaServer, text)));
    for (const body of bodies) expect(body).not.toContain(root);
    expect(bodies[2]).toBe('Range not satisfiable: the file is 4096 bytes.\n');
  });
});

describe('given a page of another site', () => {
  it('may not start a transcode unless CORS allows its origin', async () => {
    const cache = await mkdtemp(path.join(tmpdir(), 'multitrack-hardening-cache-'));
    try {
      // No ffmpeg needed: the refusal comes before any work.
      server = await startMediaServer({ root, port: 0, derived: { cacheDir: cache, ffmpegPath: '/nonexistent/ffmpeg' } });
      const post = (origin?: string) =>
        fetch(`${server?.url}/.derived/proxy/clip.mp4`, { method: 'POST', headers: origin ? { Origin: origin, 'Content-Type': 'text/plain' } : {} });
      expect((await post('http://evil.example')).status).toBe(403);
      expect((await post(server.url)).status).not.toBe(403);
      expect((await post()).status).not.toBe(403);
      await server.close();
      server = await startMediaServer({ root, port: 0, cors: ['http://editor.test'], derived: { cacheDir: cache, ffmpegPath: '/nonexistent/ffmpeg' } });
      expect((await post('http://editor.test')).status).not.toBe(403);
      expect((await post('http://evil.example')).status).toBe(403);
    } finally {
      await rm(cache, { recursive: true, force: true });
    }
  });
});
