import type { ChildProcess } from 'node:child_process';
import { realpathSync } from 'node:fs';
import { open, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { ProxyErrorCode, ProxyStatus } from '../src/http';
import { createContentHashes } from './contentHashes';
import { commandNotFound, spawnJailedFfmpeg } from './jailedFfmpeg';
import { createProxyCache } from './proxyCache';

export type { ProxyErrorCode, ProxyStatus } from '../src/http';

export interface ProxyOptions {
  /**
   * Where finished proxies are kept, named by the content hash of their original, so a file
   * moved or renamed in the media root keeps its proxy. Must be outside the media root: the
   * server never serves the cache as media.
   */
  cacheDir: string;
  /** The most bytes the cache keeps; least recently used proxies go first. Unlimited by default. */
  maxCacheBytes?: number;
  /** The most proxies waiting or being made at once; a request beyond it is refused as busy. 8 by default. */
  maxQueued?: number;
  /**
   * How long a proxy that ffmpeg could not make is answered as failed without running ffmpeg
   * again for the same content; a changed file is tried at once. 10 minutes by default.
   */
  failureMemoryMs?: number;
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

/** Too many proxies are waiting: ask again after `retryAfterSeconds`. */
export class ProxyQueueFullError extends Error {
  override readonly name = 'ProxyQueueFullError';
  constructor(readonly retryAfterSeconds: number) {
    super('The media server is making as many proxies as it queues; ask again later.');
  }
}

/** A finished proxy being served: kept from eviction until released. */
export interface ServedProxy {
  file: string;
  release(): void;
}

export interface ProxyRenditions {
  /** Where the proxy of `originalFile` stands, without starting anything. */
  status(originalFile: string): Promise<ProxyStatus>;
  /** Starts making the proxy unless it exists, is being made or failed lately; answers where it stands. */
  request(originalFile: string): Promise<ProxyStatus>;
  /** The finished proxy's file, pinned while served, or `undefined`: a proxy being made is never handed out. */
  serve(originalFile: string): Promise<ServedProxy | undefined>;
  /** Stops every ffmpeg run and removes what it had written. */
  close(): void;
}

interface Job {
  progress: number;
  child?: ChildProcess;
  partial: string;
  done: Promise<void>;
}

/** Whether `inner` is `outer` or inside it, compared by the real paths of their nearest existing ancestors. */
export function isInside(inner: string, outer: string): boolean {
  const innerReal = realPathSoFar(inner);
  const outerReal = realPathSoFar(outer);
  return innerReal === outerReal || innerReal.startsWith(outerReal + path.sep);
}

/**
 * The real path of `dir`, or of its nearest existing ancestor with the rest appended: a cache
 * directory not made yet, under a symlink into the root, is still seen to be inside it.
 */
function realPathSoFar(dir: string): string {
  const absolute = path.resolve(dir);
  const rest: string[] = [];
  let existing = absolute;
  for (;;) {
    try {
      return path.join(realpathSync(existing), ...rest);
    } catch {
      const parent = path.dirname(existing);
      if (parent === existing) return absolute;
      rest.unshift(path.basename(existing));
      existing = parent;
    }
  }
}

function parseDurationSeconds(stderr: string): number | undefined {
  const match = /Duration: (\d+):(\d\d):(\d\d(?:\.\d+)?)/.exec(stderr);
  return match ? Number(match[1]) * 3600 + Number(match[2]) * 60 + Number(match[3]) : undefined;
}

const ffmpegMissing = () =>
  new ProxyError('ffmpeg-missing', 'ffmpeg is not installed, so no proxy can be made. Install it (apt-get install -y ffmpeg) or give its path with --ffmpeg.');

/**
 * Preview proxies made on demand with ffmpeg: H.264, at most `maxHeight` tall, a keyframe every
 * `keyframeInterval` frames, no audio (the compositor plays muted), `+faststart` for streaming.
 * One ffmpeg runs at a time, jailed to the one file it was asked for (`spawnJailedFfmpeg`); at most
 * `maxQueued` wait. A proxy is written under a temporary name and renamed into the cache only
 * once ffmpeg has finished well, so a crash mid-way never leaves an entry that looks finished.
 */
export function createProxyRenditions(options: ProxyOptions): ProxyRenditions {
  const ffmpeg = options.ffmpegPath ?? 'ffmpeg';
  const maxHeight = options.maxHeight ?? 720;
  const keyframeInterval = options.keyframeInterval ?? 15;
  const maxQueued = options.maxQueued ?? 8;
  const failureMemoryMs = options.failureMemoryMs ?? 10 * 60_000;
  const profile = `${maxHeight}p-g${keyframeInterval}`;
  const hashes = createContentHashes();
  const cache = createProxyCache(options.cacheDir, options.maxCacheBytes);
  const jobs = new Map<string, Job>();
  const failures = new Map<string, { error: ProxyError; atMs: number }>();
  let queue: Promise<void> = Promise.resolve();
  let closed = false;

  const keyOf = async (originalFile: string) => `${await hashes.of(originalFile)}-${profile}`;

  async function runFfmpeg(originalFile: string, job: Job): Promise<void> {
    if (closed) throw new ProxyError('ffmpeg-failed', 'The media server is shutting down.');
    const input = await open(originalFile, 'r');
    try {
      await new Promise<void>((resolve, reject) => {
        const child = spawnJailedFfmpeg(ffmpeg, input, [
          '-map', '0:v:0', '-an', '-sn', '-dn',
          '-vf', `scale=-2:'min(${maxHeight},ih)'`,
          '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '26', '-pix_fmt', 'yuv420p',
          '-g', String(keyframeInterval), '-keyint_min', String(keyframeInterval), '-sc_threshold', '0',
          '-movflags', '+faststart', '-f', 'mp4',
          '-progress', 'pipe:1', '-nostats',
          job.partial,
        ]);
        job.child = child;
        let stderr = '';
        let durationSeconds: number | undefined;
        child.stderr?.on('data', (chunk: Buffer) => {
          // Only the head (the input's duration) and the tail (the reason for a failure) matter.
          stderr = (stderr + chunk.toString()).slice(-16_384);
          durationSeconds ??= parseDurationSeconds(stderr);
        });
        child.stdout?.on('data', (chunk: Buffer) => {
          const done = /out_time_us=(\d+)/g;
          let match: RegExpExecArray | null;
          let latest: number | undefined;
          while ((match = done.exec(chunk.toString()))) latest = Number(match[1]);
          if (latest !== undefined && durationSeconds) job.progress = Math.min(0.99, latest / 1e6 / durationSeconds);
        });
        child.once('error', (error: NodeJS.ErrnoException) => {
          reject(error.code === 'ENOENT' ? ffmpegMissing() : new ProxyError('ffmpeg-failed', `ffmpeg could not be started (${error.code ?? 'error'}).`));
        });
        child.once('close', (code, signal) => {
          if (code === 0) return resolve();
          if (code === commandNotFound) return reject(ffmpegMissing());
          options.log?.(`proxy: ffmpeg ended with ${signal ?? `code ${code}`}: ${stderr.split('\n').slice(-4).join(' | ')}`);
          reject(new ProxyError('ffmpeg-failed', `ffmpeg could not make a proxy of this file (${signal ?? `exit code ${code}`}). Is it a video ffmpeg can read?`));
        });
      });
    } finally {
      await input.close();
    }
  }

  function start(originalFile: string, key: string): Job {
    const job: Job = { progress: 0, partial: cache.partialFile(key), done: Promise.resolve() };
    // One ffmpeg at a time: it uses every core it is given.
    job.done = queue
      .then(() => runFfmpeg(originalFile, job))
      .then(() => cache.admit(key, job.partial))
      .catch(async (error: unknown) => {
        await unlink(job.partial).catch(() => undefined);
        const failure = error instanceof ProxyError ? error : new ProxyError('ffmpeg-failed', 'The proxy could not be written to its cache.');
        failures.set(key, { error: failure, atMs: Date.now() });
      })
      .finally(() => jobs.delete(key));
    queue = job.done;
    jobs.set(key, job);
    return job;
  }

  async function statusOf(key: string): Promise<ProxyStatus> {
    const job = jobs.get(key);
    if (job) return { state: 'generating', progress: job.progress };
    const ready = await cache.finished(key);
    if (ready) return { state: 'ready', bytes: ready.bytes, maxHeight };
    const failure = failures.get(key);
    if (failure) return { state: 'failed', error: { code: failure.error.code, message: failure.error.message } };
    return { state: 'none' };
  }

  /** Whether a failure still stands: a file ffmpeg cannot read is not run again until it changes or time passes. */
  function remembered(key: string): boolean {
    const failure = failures.get(key);
    if (!failure) return false;
    // A missing ffmpeg costs nothing to try again, and may have been installed since.
    if (failure.error.code === 'ffmpeg-missing' || Date.now() - failure.atMs >= failureMemoryMs) {
      failures.delete(key);
      return false;
    }
    return true;
  }

  return {
    async status(originalFile) {
      return statusOf(await keyOf(originalFile));
    },
    async request(originalFile) {
      const key = await keyOf(originalFile);
      const ready = await cache.finished(key);
      // Decided after the last await, so two requests at once start one run, not two.
      if (!ready && !jobs.has(key) && !remembered(key)) {
        if (jobs.size >= maxQueued) throw new ProxyQueueFullError(10);
        start(originalFile, key);
      }
      return statusOf(key);
    },
    async serve(originalFile) {
      return cache.use(await keyOf(originalFile));
    },
    close() {
      closed = true;
      for (const job of jobs.values()) job.child?.kill('SIGKILL');
    },
  };
}
