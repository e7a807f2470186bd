import type { DerivedParams, DerivedStatus } from '../src/http';
import { createContentHashes } from './contentHashes';
import { createDerivedCache } from './derivedCache';
import { derivedKindOf, type KindSettings } from './derivedKinds';
import { createLocalJobs, type DerivedJobs } from './localJobs';
import { queuedJobs } from './queueLibraries';

export { DerivedError, DerivedQueueFullError, DerivedUnavailableError } from './derivedErrors';

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
  /**
   * A Redis URL (`redis://host:port`): items are made by `multitrack-media-server worker`
   * processes sharing the queue there and the cache directory, not by this process (`redisJobs.ts`).
   */
  jobs?: string;
  /** The media root, needed with `jobs`: a job names its original by its path in the root, which every worker serves. */
  root?: string;
}

/** What every kind is made with, from the pipeline's options. */
export const kindSettingsOf = (options: DerivedMediaOptions): KindSettings => ({
  ffmpegPath: options.ffmpegPath ?? 'ffmpeg',
  maxHeight: options.maxHeight ?? 720,
  keyframeInterval: options.keyframeInterval ?? 15,
  log: options.log,
});

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

/**
 * Media derived from originals, made on demand with ffmpeg and cached by the original's content
 * hash: preview proxies, waveform peaks, filmstrip sheets (`derivedKinds.ts` says how each is
 * made). One item is made at a time in this process (ffmpeg uses every core it is given), or by
 * workers on a shared Redis queue (`jobs`); at most `maxQueued` wait. An item is written under a temporary name and renamed into the cache only once
 * it is whole, so a crash mid-way never leaves an entry that looks finished, and nothing partial
 * is ever served. A failure is remembered (`failureMemoryMs`) so a bad file is not run again and
 * again.
 */
export function createDerivedMedia(options: DerivedMediaOptions): DerivedMedia {
  const settings = kindSettingsOf(options);
  const maxQueued = options.maxQueued ?? 8;
  const failureMemoryMs = options.failureMemoryMs ?? 10 * 60_000;
  const hashes = createContentHashes();
  const cache = createDerivedCache(options.cacheDir, options.maxCacheBytes);
  const jobs: DerivedJobs = options.jobs
    ? queuedJobs(({ createRedisJobs }) =>
        createRedisJobs({ url: options.jobs as string, root: options.root ?? '', maxQueued, failureMemoryMs, settings, cacheIdentity: () => cache.identity({ create: true }) }),
      )
    : createLocalJobs({ cache, settings, maxQueued, failureMemoryMs });

  const keyOf = async (originalFile: string, params: DerivedParams) => `${await hashes.of(originalFile)}-${derivedKindOf(params).nameOf(params, settings)}`;

  async function statusOf(key: string, params: DerivedParams): Promise<DerivedStatus> {
    const ready = await cache.finished(key);
    if (ready) return { state: 'ready', bytes: ready.bytes, contentType: derivedKindOf(params).contentType, ...(await derivedKindOf(params).facts?.(ready.file, settings)) };
    const job = await jobs.stateOf(key);
    if (job?.state === 'failed') return { state: 'failed', error: { code: job.error.code, message: job.error.message } };
    return job ?? { state: 'none' };
  }

  return {
    async status(originalFile, params) {
      return statusOf(await keyOf(originalFile, params), params);
    },
    async request(originalFile, params) {
      const key = await keyOf(originalFile, params);
      if (!(await cache.finished(key))) await jobs.start(key, originalFile, params);
      return statusOf(key, params);
    },
    async serve(originalFile, params) {
      const used = await cache.use(await keyOf(originalFile, params));
      return used && { file: used.file, contentType: derivedKindOf(params).contentType, release: used.release };
    },
    close: () => jobs.close(),
  };
}
