import { open, unlink } from 'node:fs/promises';
import type { DerivedParams, DerivedStatus } from '../src/http';
import { createContentHashes } from './contentHashes';
import { createDerivedCache } from './derivedCache';
import { DerivedError, DerivedQueueFullError } from './derivedErrors';
import { derivedKindOf, type KindSettings, type MakeJob } from './derivedKinds';

export { DerivedError, DerivedQueueFullError } from './derivedErrors';

export interface DerivedMediaOptions {
  /**
   * Where finished items are kept, named by the content hash of their original, so a file moved
   * or renamed in the media root keeps them. Must be outside the media root: the server never
   * serves the cache as media.
   */
  cacheDir: string;
  /** The most bytes the cache keeps; least recently used items go first. Unlimited by default. */
  maxCacheBytes?: number;
  /** The most items waiting or being made at once; a request beyond it is refused as busy. 8 by default. */
  maxQueued?: number;
  /**
   * How long an item ffmpeg could not make is answered as failed without running ffmpeg again
   * for the same content; a changed file is tried at once. 10 minutes by default.
   */
  failureMemoryMs?: number;
  /** The ffmpeg to run; `ffmpeg` on the PATH by default. */
  ffmpegPath?: string;
  /** The tallest picture a proxy has; a smaller original keeps its size. 720 by default. */
  maxHeight?: number;
  /** Frames from one keyframe to the next in a proxy, so a seek in it decodes few frames. 15 by default. */
  keyframeInterval?: number;
  /** Told what ffmpeg said when an item fails (it may name files, so it never goes to clients). */
  log?: (line: string) => void;
}

/** A finished item being served: kept from eviction until released. */
export interface ServedItem {
  file: string;
  contentType: string;
  release(): void;
}

export interface DerivedMedia {
  /** Where the item stands, without starting anything. */
  status(originalFile: string, params: DerivedParams): Promise<DerivedStatus>;
  /** Starts making the item unless it exists, is being made or failed lately; answers where it stands. */
  request(originalFile: string, params: DerivedParams): Promise<DerivedStatus>;
  /** The finished item's file, pinned while served, or `undefined`: an item being made is never handed out. */
  serve(originalFile: string, params: DerivedParams): Promise<ServedItem | undefined>;
  /** Stops every ffmpeg run and removes what it had written. */
  close(): void;
}

interface Job extends MakeJob {
  done: Promise<void>;
}

/**
 * Media derived from originals, made on demand with ffmpeg and cached by the original's content
 * hash: preview proxies, waveform peaks, filmstrip sheets (`derivedKinds.ts` says how each is
 * made). One item is made at a time in this process (ffmpeg uses every core it is given); at most
 * `maxQueued` wait. An item is written under a temporary name and renamed into the cache only once
 * it is whole, so a crash mid-way never leaves an entry that looks finished, and nothing partial
 * is ever served. A failure is remembered (`failureMemoryMs`) so a bad file is not run again and
 * again.
 */
export function createDerivedMedia(options: DerivedMediaOptions): DerivedMedia {
  const settings: KindSettings = {
    ffmpegPath: options.ffmpegPath ?? 'ffmpeg',
    maxHeight: options.maxHeight ?? 720,
    keyframeInterval: options.keyframeInterval ?? 15,
    log: options.log,
  };
  const maxQueued = options.maxQueued ?? 8;
  const failureMemoryMs = options.failureMemoryMs ?? 10 * 60_000;
  const hashes = createContentHashes();
  const cache = createDerivedCache(options.cacheDir, options.maxCacheBytes);
  const jobs = new Map<string, Job>();
  const failures = new Map<string, { error: DerivedError; atMs: number }>();
  let queue: Promise<void> = Promise.resolve();
  let closed = false;

  const keyOf = async (originalFile: string, params: DerivedParams) => `${await hashes.of(originalFile)}-${derivedKindOf(params).nameOf(params, settings)}`;

  async function make(originalFile: string, params: DerivedParams, job: Job): Promise<void> {
    if (closed) throw new DerivedError('ffmpeg-failed', 'The media server is shutting down.');
    const input = await open(originalFile, 'r');
    try {
      await derivedKindOf(params).make(input, params, job, settings);
    } finally {
      await input.close();
    }
  }

  function start(originalFile: string, params: DerivedParams, key: string): Job {
    const job: Job = { progress: 0, partial: cache.partialFile(key), done: Promise.resolve() };
    job.done = queue
      .then(() => make(originalFile, params, job))
      .then(() => cache.admit(key, job.partial))
      .catch(async (error: unknown) => {
        await unlink(job.partial).catch(() => undefined);
        const failure = error instanceof DerivedError ? error : new DerivedError('ffmpeg-failed', 'The item could not be written to its cache.');
        failures.set(key, { error: failure, atMs: Date.now() });
      })
      .finally(() => jobs.delete(key));
    queue = job.done;
    jobs.set(key, job);
    return job;
  }

  async function statusOf(key: string, params: DerivedParams): Promise<DerivedStatus> {
    const job = jobs.get(key);
    if (job) return { state: 'generating', progress: job.progress };
    const ready = await cache.finished(key);
    if (ready) return { state: 'ready', bytes: ready.bytes, contentType: derivedKindOf(params).contentType, ...(await derivedKindOf(params).facts?.(ready.file, settings)) };
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
    async status(originalFile, params) {
      return statusOf(await keyOf(originalFile, params), params);
    },
    async request(originalFile, params) {
      const key = await keyOf(originalFile, params);
      const ready = await cache.finished(key);
      // Decided after the last await, so two requests at once start one run, not two.
      if (!ready && !jobs.has(key) && !remembered(key)) {
        if (jobs.size >= maxQueued) throw new DerivedQueueFullError(10);
        start(originalFile, params, key);
      }
      return statusOf(key, params);
    },
    async serve(originalFile, params) {
      const used = await cache.use(await keyOf(originalFile, params));
      return used && { file: used.file, contentType: derivedKindOf(params).contentType, release: used.release };
    },
    close() {
      closed = true;
      for (const job of jobs.values()) job.child?.kill('SIGKILL');
    },
  };
}
