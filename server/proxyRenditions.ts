import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, mkdirSync, readdirSync, realpathSync, unlinkSync } from 'node:fs';
import { rename, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { ProxyErrorCode, ProxyStatus } from '../src/http';

export type { ProxyErrorCode, ProxyStatus } from '../src/http';

export interface ProxyOptions {
  /**
   * Where finished proxies are kept, named by the content hash of their original, so a file
   * moved or renamed in the media root keeps its proxy. Must be outside the media root: the
   * server never serves the cache as media.
   */
  cacheDir: string;
  /** The ffmpeg to run; `ffmpeg` on the PATH by default. */
  ffmpegPath?: string;
  /** The tallest picture a proxy has; a smaller original keeps its size. 720 by default. */
  maxHeight?: number;
  /** Frames from one keyframe to the next, so a seek in the proxy decodes few frames. 15 by default. */
  keyframeInterval?: number;
  /** Told what ffmpeg said when a proxy fails (it may name files, so it never goes to clients). */
  log?: (line: string) => void;
}

/** Why a proxy could not be made, in words a person can act on. Never names a filesystem path. */
export class ProxyError extends Error {
  override readonly name = 'ProxyError';
  constructor(
    readonly code: ProxyErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export interface ProxyRenditions {
  /** Where the proxy of `originalFile` stands, without starting anything. */
  status(originalFile: string): Promise<ProxyStatus>;
  /** Starts making the proxy unless it exists or is being made; answers where it stands. */
  request(originalFile: string): Promise<ProxyStatus>;
  /** The finished proxy's file, or `undefined`: a proxy being made is never handed out. */
  fileOf(originalFile: string): Promise<string | undefined>;
  /** Stops every ffmpeg run and removes what it had written. */
  close(): void;
}

interface Job {
  progress: number;
  child?: ChildProcess;
  partial: string;
  done: Promise<void>;
}

// A partial file names the process writing it, so a server starting later can tell an abandoned
// one (its writer crashed) from one another server sharing the cache is still writing.
const partialPattern = /\.partial-(\d+)-[0-9a-f]+$/;

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether `inner` is `outer` or inside it, both resolved to real paths where they exist. */
export function isInside(inner: string, outer: string): boolean {
  const real = (dir: string) => {
    try {
      return realpathSync(dir);
    } catch {
      return path.resolve(dir);
    }
  };
  const innerReal = real(inner);
  const outerReal = real(outer);
  return innerReal === outerReal || innerReal.startsWith(outerReal + path.sep);
}

function hashFile(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(file)
      .on('data', (chunk) => hash.update(chunk))
      .on('end', () => resolve(hash.digest('hex')))
      .on('error', reject);
  });
}

function parseDurationSeconds(stderr: string): number | undefined {
  const match = /Duration: (\d+):(\d\d):(\d\d(?:\.\d+)?)/.exec(stderr);
  return match ? Number(match[1]) * 3600 + Number(match[2]) * 60 + Number(match[3]) : undefined;
}

/**
 * Preview proxies made on demand with ffmpeg: H.264, at most `maxHeight` tall, a keyframe every
 * `keyframeInterval` frames, no audio (the compositor plays muted), `+faststart` for streaming.
 * One ffmpeg runs at a time. A proxy is written under a temporary name and renamed into the cache
 * only once ffmpeg has finished well, so a crash mid-way never leaves a cache entry that looks
 * finished; abandoned partial files are removed when the cache is first used.
 */
export function createProxyRenditions(options: ProxyOptions): ProxyRenditions {
  const ffmpeg = options.ffmpegPath ?? 'ffmpeg';
  const maxHeight = options.maxHeight ?? 720;
  const keyframeInterval = options.keyframeInterval ?? 15;
  const profile = `${maxHeight}p-g${keyframeInterval}`;
  const hashes = new Map<string, string>();
  const jobs = new Map<string, Job>();
  const failures = new Map<string, ProxyError>();
  let queue: Promise<void> = Promise.resolve();
  let cacheReady = false;
  let closed = false;

  function prepareCache(): void {
    if (cacheReady) return;
    mkdirSync(options.cacheDir, { recursive: true });
    for (const name of readdirSync(options.cacheDir)) {
      const writer = partialPattern.exec(name)?.[1];
      if (writer && Number(writer) !== process.pid && !isAlive(Number(writer))) unlinkSync(path.join(options.cacheDir, name));
    }
    cacheReady = true;
  }

  async function keyOf(originalFile: string): Promise<string> {
    const info = await stat(originalFile);
    const identity = `${originalFile}\0${info.ino}\0${info.size}\0${info.mtimeMs}`;
    let hash = hashes.get(identity);
    if (!hash) {
      hash = await hashFile(originalFile);
      hashes.set(identity, hash);
    }
    return `${hash}-${profile}`;
  }

  const finishedFile = (key: string) => path.join(options.cacheDir, `${key}.mp4`);

  async function finished(key: string): Promise<{ file: string; bytes: number } | undefined> {
    const file = finishedFile(key);
    try {
      return { file, bytes: (await stat(file)).size };
    } catch {
      return undefined;
    }
  }

  function runFfmpeg(originalFile: string, job: Job): Promise<void> {
    return new Promise((resolve, reject) => {
      if (closed) return reject(new ProxyError('ffmpeg-failed', 'The media server is shutting down.'));
      const child = spawn(
        ffmpeg,
        [
          '-hide_banner', '-nostdin', '-y', '-i', originalFile,
          '-map', '0:v:0', '-an', '-sn', '-dn',
          '-vf', `scale=-2:'min(${maxHeight},ih)'`,
          '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '26', '-pix_fmt', 'yuv420p',
          '-g', String(keyframeInterval), '-keyint_min', String(keyframeInterval), '-sc_threshold', '0',
          '-movflags', '+faststart', '-f', 'mp4',
          '-progress', 'pipe:1', '-nostats',
          job.partial,
        ],
        { stdio: ['ignore', 'pipe', 'pipe'] },
      );
      job.child = child;
      let stderr = '';
      let durationSeconds: number | undefined;
      child.stderr.on('data', (chunk: Buffer) => {
        // Only the head (the input's duration) and the tail (the reason for a failure) matter.
        stderr = (stderr + chunk.toString()).slice(-16_384);
        durationSeconds ??= parseDurationSeconds(stderr);
      });
      child.stdout.on('data', (chunk: Buffer) => {
        const done = /out_time_us=(\d+)/g;
        let match: RegExpExecArray | null;
        let latest: number | undefined;
        while ((match = done.exec(chunk.toString()))) latest = Number(match[1]);
        if (latest !== undefined && durationSeconds) job.progress = Math.min(0.99, latest / 1e6 / durationSeconds);
      });
      child.once('error', (error: NodeJS.ErrnoException) => {
        reject(
          error.code === 'ENOENT'
            ? new ProxyError('ffmpeg-missing', 'ffmpeg is not installed, so no proxy can be made. Install it (apt-get install -y ffmpeg) or give its path with --ffmpeg.')
            : new ProxyError('ffmpeg-failed', `ffmpeg could not be started (${error.code ?? 'error'}).`),
        );
      });
      child.once('close', (code, signal) => {
        if (code === 0) return resolve();
        options.log?.(`proxy: ffmpeg ended with ${signal ?? `code ${code}`}: ${stderr.split('\n').slice(-4).join(' | ')}`);
        reject(new ProxyError('ffmpeg-failed', `ffmpeg could not make a proxy of this file (${signal ?? `exit code ${code}`}). Is it a video ffmpeg can read?`));
      });
    });
  }

  function start(originalFile: string, key: string): Job {
    const job: Job = {
      progress: 0,
      partial: `${finishedFile(key)}.partial-${process.pid}-${randomUUID().slice(0, 8)}`,
      done: Promise.resolve(),
    };
    // One ffmpeg at a time: it uses every core it is given.
    job.done = queue
      .then(() => runFfmpeg(originalFile, job))
      .then(() => rename(job.partial, finishedFile(key)))
      .catch(async (error: unknown) => {
        await unlink(job.partial).catch(() => undefined);
        failures.set(key, error instanceof ProxyError ? error : new ProxyError('ffmpeg-failed', 'The proxy could not be written to its cache.'));
      })
      .finally(() => jobs.delete(key));
    queue = job.done;
    jobs.set(key, job);
    return job;
  }

  async function statusOf(key: string): Promise<ProxyStatus> {
    const job = jobs.get(key);
    if (job) return { state: 'generating', progress: job.progress };
    const ready = await finished(key);
    if (ready) return { state: 'ready', bytes: ready.bytes, maxHeight };
    const failure = failures.get(key);
    if (failure) return { state: 'failed', error: { code: failure.code, message: failure.message } };
    return { state: 'none' };
  }

  return {
    async status(originalFile) {
      prepareCache();
      return statusOf(await keyOf(originalFile));
    },
    async request(originalFile) {
      prepareCache();
      const key = await keyOf(originalFile);
      const ready = await finished(key);
      // Decided after the last await, so two requests at once start one run, not two.
      if (!ready && !jobs.has(key)) {
        // Asking again is how a client retries a failure (ffmpeg installed since, say).
        failures.delete(key);
        start(originalFile, key);
      }
      return statusOf(key);
    },
    async fileOf(originalFile) {
      prepareCache();
      return (await finished(await keyOf(originalFile)))?.file;
    },
    close() {
      closed = true;
      for (const job of jobs.values()) job.child?.kill('SIGKILL');
    },
  };
}
