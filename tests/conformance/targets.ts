import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, copyFile, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setupServer } from 'msw/node';
import { createMediaRequestHandler, startMediaServer } from '../../server';
import { createMediaHandlers } from '../../src/mocks';
import { soundFiles } from './cases';

export const fixturePath = (name: string) => new URL(`../../public/fixtures/${name}`, import.meta.url).pathname;

/** A directory laid out for the conformance cases, the same for every server. */
export async function makeMediaRoot(): Promise<{ root: string; cleanup(): Promise<void> }> {
  const parent = await mkdtemp(path.join(tmpdir(), 'multitrack-conformance-'));
  // nginx's workers drop root: they must be able to read the tree.
  await chmod(parent, 0o755);
  const root = path.join(parent, 'media');
  await mkdir(path.join(root, 'sub'), { recursive: true });
  await copyFile(fixturePath('clip-h264.mp4'), path.join(root, 'clip.mp4'));
  await copyFile(fixturePath('clip-h264-b.mp4'), path.join(root, 'sub', 'a.mp4'));
  for (const sound of soundFiles) await copyFile(fixturePath(sound.fixture), path.join(root, sound.path));
  await writeFile(path.join(root, 'empty.mp4'), '');
  await writeFile(path.join(root, '.secret'), 'not for anyone');
  await writeFile(path.join(parent, 'outside.mp4'), 'outside the root');
  await symlink(path.join(parent, 'outside.mp4'), path.join(root, 'escape.mp4'));
  return { root, cleanup: () => rm(parent, { recursive: true, force: true }) };
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** Sends a request with the path exactly as written (no URL parser in between). */
export function sendRaw(base: URL, method: string, rawPath: string, headers: Record<string, string>): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const outgoing = request(
      { host: base.hostname, port: base.port || 80, method, path: rawPath, headers, agent: false },
      (incoming) => {
        const chunks: Buffer[] = [];
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
        incoming.on('end', () => resolve({ status: incoming.statusCode ?? 0, headers: incoming.headers, body: Buffer.concat(chunks) }));
        incoming.on('error', reject);
      },
    );
    outgoing.on('error', reject);
    outgoing.end();
  });
}

export interface Target {
  name: 'msw' | 'server' | 'nginx' | 'handler';
  send(method: string, rawPath: string, headers: Record<string, string>): Promise<RawResponse>;
  stop(): Promise<void>;
}

/** Through `fetch`, as a page would: MSW intercepts it, and its URL parser normalises the path. */
async function sendThroughFetch(origin: string, method: string, rawPath: string, headers: Record<string, string>): Promise<RawResponse> {
  const response = await fetch(origin + rawPath, { method, headers });
  return {
    status: response.status,
    headers: Object.fromEntries([...response.headers].map(([key, value]) => [key.toLowerCase(), value])),
    body: Buffer.from(await response.arrayBuffer()),
  };
}

export async function startMswTarget(root: string): Promise<Target> {
  const bytes = async (name: string) => ({ bytes: new Uint8Array(await readFile(path.join(root, name))) });
  const media = createMediaHandlers({
    baseUrl: 'http://media.mock',
    files: {
      'clip.mp4': await bytes('clip.mp4'),
      'empty.mp4': await bytes('empty.mp4'),
      'sub/a.mp4': await bytes('sub/a.mp4'),
      ...Object.fromEntries(await Promise.all(soundFiles.map(async (sound) => [sound.path.slice(1), await bytes(sound.path)] as const))),
      // Registered on purpose: the path rules must refuse it anyway.
      '.secret': await bytes('.secret'),
    },
  });
  const server = setupServer(...media.handlers);
  server.listen({ onUnhandledRequest: 'error' });
  return {
    name: 'msw',
    send: (method, rawPath, headers) => sendThroughFetch('http://media.mock', method, rawPath, headers),
    stop: async () => server.close(),
  };
}

/** The Fetch-API handler desktop shells mount (Electron's `protocol.handle`), called with Requests directly. */
export async function startHandlerTarget(root: string): Promise<Target> {
  const handle = createMediaRequestHandler({ root });
  return {
    name: 'handler',
    async send(method, rawPath, headers) {
      const response = await handle(new Request(`media://local${rawPath}`, { method, headers }));
      return {
        status: response.status,
        headers: Object.fromEntries([...response.headers].map(([key, value]) => [key.toLowerCase(), value])),
        body: Buffer.from(await response.arrayBuffer()),
      };
    },
    stop: async () => undefined,
  };
}

export async function startServerTarget(root: string): Promise<Target> {
  const running = await startMediaServer({ root, port: 0 });
  const base = new URL(running.url);
  return { name: 'server', send: (method, rawPath, headers) => sendRaw(base, method, rawPath, headers), stop: running.close };
}

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

export const nginxBinary = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((candidate) => existsSync(candidate));

/**
 * nginx as a production media server would be configured: one range a response, no dotfiles;
 * `locations`, blocks for its `server` (the docs' CORS configuration, say).
 */
export async function startNginxTarget(root: string, locations = ''): Promise<Target> {
  if (!nginxBinary) throw new Error('nginx is not installed (Debian: apt-get install -y nginx-light)');
  const port = await freePort();
  const work = path.join(path.dirname(root), 'nginx');
  await mkdir(work, { recursive: true });
  const config = path.join(work, 'nginx.conf');
  await writeFile(
    config,
    `daemon off;
pid ${work}/nginx.pid;
error_log ${work}/error.log;
events {}
http {
  include /etc/nginx/mime.types;
  access_log off;
  client_body_temp_path ${work}; proxy_temp_path ${work}; fastcgi_temp_path ${work};
  uwsgi_temp_path ${work}; scgi_temp_path ${work};
  server {
    listen 127.0.0.1:${port};
    root ${root};
    max_ranges 1;
    location ~ /\\. { return 404; }
${locations}
  }
}
`,
  );
  const child: ChildProcess = spawn(nginxBinary, ['-c', config, '-p', work, '-e', `${work}/error.log`], { stdio: 'ignore' });
  const base = new URL(`http://127.0.0.1:${port}`);
  for (let attempt = 0; ; attempt += 1) {
    try {
      await sendRaw(base, 'HEAD', '/', {});
      break;
    } catch (error) {
      if (attempt > 50) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  return {
    name: 'nginx',
    send: (method, rawPath, headers) => sendRaw(base, method, rawPath, headers),
    stop: async () => {
      child.kill('SIGQUIT');
      await new Promise((resolve) => child.once('exit', resolve));
    },
  };
}
