import { hostname } from 'node:os';
import path from 'node:path';
import { Queue, UnrecoverableError, Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import type { DerivedErrorCode, DerivedParams } from '../src/http';
import { createDerivedCache } from './derivedCache';
import { DerivedError, DerivedQueueFullError } from './derivedErrors';
import type { KindSettings, MakeJob } from './derivedKinds';
import type { DerivedJobs } from './localJobs';
import { makeDerivedItem } from './makeDerivedItem';
import { resolveMediaPath } from './resolveMediaPath';

/** The BullMQ queue every server and worker of one deployment shares. */
export const derivedQueueName = 'multitrack-derived';

/** What a job carries: the item's cache key, and its original by its path in the media root. */
interface JobData {
  key: string;
  mediaPath: string;
  params: DerivedParams;
  /** The asking server's proxy settings, which its key names: the worker makes what was asked. */
  profile: { maxHeight: number; keyframeInterval: number };
}

/**
 * A connection for BullMQ (which needs one that retries forever for its blocking commands). Its
 * errors (Redis down, reconnecting) are told to `log`, not thrown as unhandled events; BullMQ does
 * not close a connection it was given, so its owner disconnects it.
 */
function connect(url: string, log?: (line: string) => void): Redis {
  const redis = new Redis(url, { maxRetriesPerRequest: null });
  redis.on('error', (error: Error) => log?.(`derived jobs: Redis at ${url}: ${error.message}`));
  return redis;
}

/** A failure crosses Redis as its code and message, in the job's failed reason. */
const failureText = (error: DerivedError) => JSON.stringify({ code: error.code, message: error.message });
function failureOf(reason: string | undefined): DerivedError {
  try {
    const { code, message } = JSON.parse(reason ?? '') as { code: DerivedErrorCode; message: string };
    if (typeof code === 'string' && typeof message === 'string') return new DerivedError(code, message);
  } catch {
    // Not ours (a worker that died too often: BullMQ's own words name no path either way).
  }
  return new DerivedError('ffmpeg-failed', 'The item could not be made: its worker stopped before it was done, more than once.');
}

/**
 * The server's side of the shared queue: a request adds a job named by the item's key, so however
 * many servers ask, one job makes it (BullMQ keeps one job per id); its state, progress and
 * failure are read back from Redis by whichever server is asked. A failed job is kept for
 * `failureMemoryMs` and answered as failed meanwhile, then asked for afresh.
 */
export function createRedisJobs(setup: { url: string; root: string; maxQueued: number; failureMemoryMs: number; settings: KindSettings }): DerivedJobs {
  const connection = connect(setup.url, setup.settings.log);
  const queue = new Queue<JobData>(derivedQueueName, { connection });
  // A queue that cannot reach Redis says so on every request (as a 500); here it is only noted.
  queue.on('error', () => undefined);

  const jobOf = (key: string) => queue.getJob(key) as Promise<Job<JobData> | undefined>;

  return {
    async stateOf(key) {
      const job = await jobOf(key);
      if (!job) return undefined;
      const state = await job.getState();
      if (state === 'failed') return { state: 'failed', error: failureOf(job.failedReason) };
      // Completed (the item is in the shared cache, or was and has been evicted): nothing runs.
      if (state === 'completed' || state === 'unknown') return undefined;
      return { state: 'generating', progress: typeof job.progress === 'number' ? job.progress : 0 };
    },
    async start(key, originalFile, params) {
      const existing = await jobOf(key);
      if (existing) {
        const state = await existing.getState();
        if (state !== 'failed' && state !== 'completed') return;
        const failure = state === 'failed' ? failureOf(existing.failedReason) : undefined;
        const fresh = failure && failure.code !== 'ffmpeg-missing' && Date.now() - (existing.finishedOn ?? 0) < setup.failureMemoryMs;
        if (fresh) return;
        // Made and since evicted, or failed long enough ago: made again.
        await existing.remove().catch(() => undefined);
      }
      const waiting = await queue.getJobCounts('waiting', 'active', 'prioritized', 'delayed');
      if (Object.values(waiting).reduce((sum, count) => sum + count, 0) >= setup.maxQueued) throw new DerivedQueueFullError(10);
      const mediaPath = path.relative(setup.root, originalFile).split(path.sep).join('/');
      const profile = { maxHeight: setup.settings.maxHeight, keyframeInterval: setup.settings.keyframeInterval };
      await queue.add(params.kind, { key, mediaPath, params, profile }, { jobId: key, removeOnComplete: true, removeOnFail: { age: Math.ceil(setup.failureMemoryMs / 1000) } });
    },
    close() {
      void queue.close().finally(() => connection.disconnect());
    },
  };
}

export interface DerivedWorkerOptions {
  /** The Redis the servers queue jobs on. */
  url: string;
  /** The media root: the same files the servers serve, at the same paths. */
  root: string;
  /** The cache directory the servers serve items from (shared: a network file system, say). */
  cacheDir: string;
  maxCacheBytes?: number;
  settings: KindSettings;
  /**
   * How long a job's lock lasts without being renewed: a worker killed mid-job has its job taken
   * by another after about this long. 30 s by default.
   */
  lockMs?: number;
}

/**
 * A worker of the shared queue: takes one job at a time, makes the item into the shared cache
 * (whole or not at all) and tells its progress. A worker killed mid-job leaves only a partial
 * file named for it; the job's lock runs out and another worker makes the item again. A file
 * ffmpeg cannot make the item of fails the job at once (no retry): every server answers the failure.
 */
export function startDerivedWorker(options: DerivedWorkerOptions): { close(): Promise<void> } {
  const cache = createDerivedCache(options.cacheDir, options.maxCacheBytes);
  const lockMs = options.lockMs ?? 30_000;
  const running = new Set<MakeJob>();
  const connection = connect(options.url, options.settings.log);
  const worker = new Worker<JobData>(
    derivedQueueName,
    async (job) => {
      const { key, mediaPath, params, profile } = job.data;
      const made: MakeJob = { progress: 0, partial: cache.partialFile(key) };
      running.add(made);
      // Progress goes to Redis every half second while the item is made.
      const reporting = setInterval(() => void job.updateProgress(made.progress).catch(() => undefined), 500);
      try {
        const original = await resolveMediaPath(options.root, `/${mediaPath}`);
        if ((await cache.finished(key)) === undefined) await makeDerivedItem(original, params, key, made, cache, { ...options.settings, ...profile });
      } catch (error) {
        const failure = error instanceof DerivedError ? error : new DerivedError('ffmpeg-failed', 'The original is not in this worker\'s media root.');
        throw new UnrecoverableError(failureText(failure));
      } finally {
        clearInterval(reporting);
        running.delete(made);
      }
    },
    { connection, concurrency: 1, lockDuration: lockMs, stalledInterval: lockMs, maxStalledCount: 2, name: `${hostname()}:${process.pid}` },
  );
  worker.on('error', (error) => options.settings.log?.(`derived worker: ${error.message}`));
  return {
    async close() {
      for (const made of running) made.child?.kill('SIGKILL');
      await worker.close(true);
      connection.disconnect();
    },
  };
}
