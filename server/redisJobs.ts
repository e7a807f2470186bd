import { hostname } from 'node:os';
import path from 'node:path';
import { Queue, UnrecoverableError, Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import { failureIsAboutMedia, MediaPathError, type DerivedErrorCode, type DerivedParams } from '../src/http';
import { createDerivedCache } from './derivedCache';
import { DerivedError, DerivedQueueFullError, DerivedUnavailableError, fileSystemFailure } from './derivedErrors';
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
  /** The identity of the cache the asking server serves from: the worker must be writing there. */
  cacheIdentity?: string;
}

/**
 * A worker's connection for BullMQ, which needs one that retries forever for its blocking
 * commands: a worker waits out a Redis outage. Its errors (Redis down, reconnecting) are told to
 * `log`, not thrown as unhandled events; BullMQ does not close a connection it was given, so its
 * owner disconnects it.
 */
function connect(url: string, log?: (line: string) => void): Redis {
  const redis = new Redis(url, { maxRetriesPerRequest: null });
  redis.on('error', (error: Error) => log?.(`derived jobs: Redis at ${url}: ${error.message}`));
  return redis;
}

/**
 * A server's connection: it answers requests, so a command fails at once while Redis is away
 * (no offline queue: ioredis would hold it until Redis came back) and after `commandTimeoutMs`
 * when Redis does not answer; the server says 503 and when to ask again. It reconnects by itself.
 */
function connectServer(url: string, log?: (line: string) => void): Redis {
  const redis = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1, commandTimeout: commandTimeoutMs, connectTimeout: commandTimeoutMs });
  let said = '';
  redis.on('error', (error: Error) => {
    // Once per kind of failure, not once per reconnection attempt.
    if (error.message !== said) log?.(`derived jobs: Redis at ${url}: ${error.message}`);
    said = error.message;
  });
  redis.on('ready', () => (said = ''));
  return redis;
}

const commandTimeoutMs = 3000;
/** How long a 503 tells a client to wait: about as long as ioredis takes to try again a few times. */
const unavailableRetrySeconds = 5;

/**
 * The queue's cap, as one step in Redis: a sorted set of the items admitted (waiting or being
 * made), each scored by when it was last seen alive. Stale members (a server that died between
 * admitting and adding, a job nobody asked about or worked on for `admittedStaleMs`) are dropped first;
 * an item already admitted is admitted again; another is admitted only below `max`. Reading the
 * queue's counts and then adding, as before, let a burst through (200 of 200 in the test).
 */
const admitScript = `
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[2])
if redis.call('ZSCORE', KEYS[1], ARGV[4]) then
  redis.call('ZADD', KEYS[1], ARGV[1], ARGV[4])
  return 1
end
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[3]) then return 0 end
redis.call('ZADD', KEYS[1], ARGV[1], ARGV[4])
return 1`;
const admittedKey = `${derivedQueueName}:admitted`;
const admittedStaleMs = 2 * 60_000;

/** Whether Redis at `url` answers a PING within a few seconds: true, or why not. */
export async function redisAnswers(url: string): Promise<true | string> {
  const probe = new Redis(url, { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 0, connectTimeout: commandTimeoutMs, retryStrategy: () => null });
  // The socket's error (ECONNREFUSED, a DNS failure) says more than the closed connection that follows it.
  let cause = '';
  probe.on('error', (error: Error) => (cause ||= error.message));
  try {
    await probe.connect();
    await probe.ping();
    return true;
  } catch (error) {
    return cause || (error instanceof Error ? error.message : String(error));
  } finally {
    probe.disconnect();
  }
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
export function createRedisJobs(setup: {
  url: string;
  root: string;
  maxQueued: number;
  failureMemoryMs: number;
  settings: KindSettings;
  /** The identity of the cache this server serves from (`DerivedCache.identity`), sent with every job. */
  cacheIdentity: () => Promise<string | undefined>;
}): DerivedJobs {
  const connection = connectServer(setup.url, setup.settings.log);
  // BullMQ's queue asks Redis things as it is made, so it is made once Redis first answers.
  let made: Queue<JobData> | undefined;
  connection.once('ready', () => {
    made = new Queue<JobData>(derivedQueueName, { connection });
    // A queue that cannot reach Redis says so on every request (as a 503); here it is only noted.
    made.on('error', () => undefined);
  });
  /** Runs `run` with the queue, or throws `DerivedUnavailableError` while Redis cannot be reached or does not answer. */
  async function withQueue<T>(run: (queue: Queue<JobData>) => Promise<T>): Promise<T> {
    if (!made || connection.status !== 'ready') throw new DerivedUnavailableError(unavailableRetrySeconds);
    try {
      return await run(made);
    } catch (error) {
      if (error instanceof DerivedError || error instanceof DerivedQueueFullError) throw error;
      throw new DerivedUnavailableError(unavailableRetrySeconds, { cause: error });
    }
  }

  const jobOf = (queue: Queue<JobData>, key: string) => queue.getJob(key) as Promise<Job<JobData> | undefined>;
  const admit = async (key: string) => {
    const now = Date.now();
    return (await connection.eval(admitScript, 1, admittedKey, now, now - admittedStaleMs, setup.maxQueued, key)) === 1;
  };
  const letGo = (key: string) => connection.zrem(admittedKey, key);

  return {
    stateOf: (key) =>
      withQueue(async (queue) => {
        const job = await jobOf(queue, key);
        const state = job ? await job.getState() : 'unknown';
        if (!job || state === 'failed' || state === 'completed' || state === 'unknown') await letGo(key);
        if (!job) return undefined;
        if (state === 'failed') return { state: 'failed', error: failureOf(job.failedReason) };
        // Completed (the item is in the shared cache, or was and has been evicted): nothing runs.
        if (state === 'completed' || state === 'unknown') return undefined;
        // Asked about, so still wanted: it stays admitted.
        await connection.zadd(admittedKey, 'XX', Date.now(), key);
        return { state: 'generating', progress: typeof job.progress === 'number' ? job.progress : 0 };
      }),
    start: (key, originalFile, params) =>
      withQueue(async (queue) => {
        const existing = await jobOf(queue, key);
        if (existing) {
          const state = await existing.getState();
          if (state !== 'failed' && state !== 'completed') return;
          const failure = state === 'failed' ? failureOf(existing.failedReason) : undefined;
          const fresh = failure && failureIsAboutMedia(failure.code) && Date.now() - (existing.finishedOn ?? 0) < setup.failureMemoryMs;
          if (fresh) return;
          // Made and since evicted, or failed long enough ago: made again.
          await existing.remove().catch(() => undefined);
        }
        if (!(await admit(key))) throw new DerivedQueueFullError(10);
        const mediaPath = path.relative(setup.root, originalFile).split(path.sep).join('/');
        const profile = { maxHeight: setup.settings.maxHeight, keyframeInterval: setup.settings.keyframeInterval };
        const cacheIdentity = await setup.cacheIdentity();
        try {
          await queue.add(params.kind, { key, mediaPath, params, profile, cacheIdentity }, { jobId: key, removeOnComplete: true, removeOnFail: { age: Math.ceil(setup.failureMemoryMs / 1000) } });
        } catch (error) {
          await letGo(key).catch(() => undefined);
          throw error;
        }
      }),
    close() {
      void (made?.close() ?? Promise.resolve()).finally(() => connection.disconnect());
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
  void cache.identity({ create: false }).then((identity) => {
    if (!identity) options.settings.log?.(`derived worker: no media server has served from ${options.cacheDir} yet; is it the servers' --cache? Jobs of another cache are refused.`);
  });
  const lockMs = options.lockMs ?? 30_000;
  const running = new Set<MakeJob>();
  const connection = connect(options.url, options.settings.log);
  const worker = new Worker<JobData>(
    derivedQueueName,
    async (job) => {
      const { key, mediaPath, params, profile, cacheIdentity } = job.data;
      const made: MakeJob = { progress: 0, partial: cache.partialFile(key) };
      running.add(made);
      // Progress goes to Redis every half second while the item is made.
      // It stays admitted (counted against the queue's cap) while it is made.
      const reporting = setInterval(() => {
        void job.updateProgress(made.progress).catch(() => undefined);
        void connection.zadd(admittedKey, 'XX', Date.now(), key).catch(() => undefined);
      }, 500);
      try {
        // An item made into another directory than the one the servers serve from would never
        // be found there, and clients would ask for it for ever: refused, and said loudly.
        const mine = await cache.identity({ create: false });
        if (cacheIdentity !== undefined && mine !== cacheIdentity) {
          options.settings.log?.(`derived worker: its --cache ${options.cacheDir} is not the cache the servers serve from; no job can be made here.`);
          throw new DerivedError('cache-mismatch', "A worker's --cache is not the directory the media server serves derived media from: the item was not made.");
        }
        const original = await resolveMediaPath(options.root, `/${mediaPath}`).catch((error: unknown) => {
          if (error instanceof MediaPathError) {
            throw new DerivedError('original-missing', "The original is not in this worker's media root: is its --root the servers' files, at the same paths?");
          }
          throw error;
        });
        if ((await cache.finished(key)) === undefined) await makeDerivedItem(original, params, key, made, cache, { ...options.settings, ...profile });
      } catch (error) {
        throw new UnrecoverableError(failureText(fileSystemFailure(error, 'the item')));
      } finally {
        clearInterval(reporting);
        running.delete(made);
        await connection.zrem(admittedKey, key).catch(() => undefined);
      }
    },
    // BullMQ finds a stalled job in two checks (marked at one, moved at the next), after its lock
    // has run out: with the lock at half of `lockMs` (renewed every quarter) and a check every
    // quarter, a killed worker's job is retaken within `lockMs` (with both at `lockMs`, it took
    // 62 s for 30).
    { connection, concurrency: 1, lockDuration: lockMs / 2, stalledInterval: lockMs / 4, maxStalledCount: 2, name: `${hostname()}:${process.pid}` },
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
