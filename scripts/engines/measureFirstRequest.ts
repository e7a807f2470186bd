// `npm run measure:first-request [-- --engines webkit,chromium,firefox --mib 256 --watch-ms 3000]`: what a
// `<video>` element's own requests cost a large file in each engine, served by the kit's media
// server. WebKit asks for the whole file first (no Range header), so a server answers 200 with all
// of it: this says how much of that the engine reads before it turns to ranges, and how long the
// first frame takes, next to the other engines. The file is made at run time (a fixture looped
// with ffmpeg, stream copy) and removed after.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startMediaServer, type SentResponse } from '../../server';
import { startAudioSink } from './audioSink.js';
import { openEngine } from './engines.js';

const argument = (name: string, fallback: string) => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? process.argv[at + 1] : fallback;
};
const engines = argument('engines', 'chromium,firefox,webkit').split(',');
const targetMiB = Number(argument('mib', '256'));
const watchMs = Number(argument('watch-ms', '3000'));

const root = mkdtempSync(path.join(tmpdir(), 'first-request-'));
const fixture = path.resolve('public/fixtures/sync-h264.mp4');
const loops = Math.max(1, Math.ceil((targetMiB * 1024 * 1024) / statSync(fixture).size));
execFileSync('ffmpeg', ['-v', 'error', '-y', '-stream_loop', String(loops - 1), '-i', fixture, '-c', 'copy', '-movflags', '+faststart', path.join(root, 'large.mp4')]);
const fileBytes = statSync(path.join(root, 'large.mp4')).size;

const sent: SentResponse[] = [];
const server = await startMediaServer({ root, port: 0, cors: '*', onResponse: (response) => sent.push(response) });
// Counted as they come and as bytes leave, not when a response ends: the whole-file answer to a
// first request without Range is still being sent (or held by a reader that paused) at the end.
const asked: { range: string | undefined }[] = [];
const sockets = new Set<Socket>();
server.server.on('request', (request: IncomingMessage) => {
  if (request.url === '/large.mp4') asked.push({ range: request.headers.range });
});
server.server.on('connection', (socket: Socket) => sockets.add(socket));
const written = () => [...sockets].reduce((sum, socket) => sum + socket.bytesWritten, 0);
// The page, from a server of its own (the media server serves media only).
const pageServer = createServer((_, response) => {
  response.writeHead(200, { 'Content-Type': 'text/html' });
  response.end(`<!doctype html><video muted preload="metadata" src="${server.url}/large.mp4"></video>`);
});
await new Promise<void>((resolve) => pageServer.listen(0, '127.0.0.1', resolve));
const pageUrl = `http://127.0.0.1:${(pageServer.address() as AddressInfo).port}/`;
const stopSink = await startAudioSink();
const mib = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
const lines: string[] = [];
try {
  for (const engine of engines) {
    sent.length = 0;
    asked.length = 0;
    sockets.clear();
    const page = await openEngine(engine);
    try {
      await page.goto(pageUrl);
      const firstFrameMs = await page.run(
        () =>
          new Promise<number>((resolve) => {
            // No named function in here: tsx would wrap it in a helper the page does not have.
            const video = document.querySelector('video') as HTMLVideoElement;
            if (video.readyState >= 2) resolve(Math.round(performance.now()));
            else video.addEventListener('loadeddata', () => resolve(Math.round(performance.now())), { once: true });
          }),
      );
      // What the element goes on to read once it has its first frame, paused, over `--watch-ms`.
      await new Promise((resolve) => setTimeout(resolve, watchMs));
      const answers = sent.filter((response) => response.url === '/large.mp4').map((response) => `${response.range ?? 'no Range'} -> ${response.status}`);
      lines.push(`| ${engine} | ${asked[0]?.range ?? 'no Range header'} | ${asked.length} | ${answers.join(', ') || 'none'} | ${mib(written())} MiB | ${firstFrameMs} ms |`);
    } finally {
      await page.close();
    }
  }
} finally {
  stopSink();
  await server.close();
  pageServer.close();
  rmSync(root, { recursive: true, force: true });
}
console.log(`A ${mib(fileBytes)} MiB file, one <video preload="metadata"> per engine (as the element renderer makes for streamed media), paused at its first frame, watched ${watchMs} ms more:\n`);
console.log('| engine | first request asks | requests | answers ended (Range -> status) | bytes the server wrote | first frame after page start |');
console.log('| --- | --- | --- | --- | --- | --- |');
for (const line of lines) console.log(line);
