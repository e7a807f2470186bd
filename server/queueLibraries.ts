import type { DerivedJobs } from './localJobs';
import type * as RedisJobs from './redisJobs';
import type { DerivedWorkerOptions } from './redisJobs';

type RedisJobsModule = typeof RedisJobs;

/**
 * The shared job queue (`--jobs`) runs on BullMQ and ioredis, which are optional peer
 * dependencies of the package: a browser app that installs the kit would otherwise install them
 * too (55 packages, one with an install script) for a server it never runs, and so would a media
 * server that makes its derived media itself. They are loaded here, the first time a queue is
 * used; where they are not installed, the error says what to install.
 *
 * Why not a second package for the server: the server shares the HTTP rules (`src/http`) and
 * derived-media protocol with the mocks and the browser client, versioned together; one package
 * keeps them from drifting, and only the queue's libraries are heavy.
 */
export class QueueLibrariesMissingError extends Error {
  override readonly name = 'QueueLibrariesMissingError';
  constructor(cause: unknown) {
    super('The job queue (--jobs) needs the packages bullmq and ioredis beside multitrack-kit: npm install bullmq@^6.7.0 ioredis@^5.11.1', { cause });
  }
}

let loading: Promise<RedisJobsModule> | undefined;

/** The queue's module, loaded once; a failure to load is not remembered (the packages may be installed meanwhile). */
export function loadRedisJobs(): Promise<RedisJobsModule> {
  loading ??= import('./redisJobs').catch((error: unknown) => {
    loading = undefined;
    const missing = error instanceof Error && 'code' in error && error.code === 'ERR_MODULE_NOT_FOUND' && /bullmq|ioredis/.test(error.message);
    throw missing ? new QueueLibrariesMissingError(error) : error;
  });
  return loading;
}

/** Jobs on the shared queue, usable at once: each call waits for the queue's libraries, and fails as they did. */
export function queuedJobs(make: (module: RedisJobsModule) => DerivedJobs): DerivedJobs {
  const ready = loadRedisJobs().then(make);
  // A server closed before anything asked for a job must not leave a rejection unheard.
  ready.catch(() => undefined);
  return {
    stateOf: async (key) => (await ready).stateOf(key),
    start: async (key, originalFile, params) => (await ready).start(key, originalFile, params),
    close: () => void ready.then((jobs) => jobs.close(), () => undefined),
  };
}

/**
 * A worker of the shared queue (`multitrack-media-server worker`): takes one job at a time and
 * makes the item into the shared cache. Rejects with `QueueLibrariesMissingError` where bullmq
 * and ioredis are not installed.
 */
export async function startDerivedWorker(options: DerivedWorkerOptions): Promise<{ close(): Promise<void> }> {
  return (await loadRedisJobs()).startDerivedWorker(options);
}

/** Whether the Redis at `url` answers (`true`), or why not. */
export async function redisAnswers(url: string): Promise<true | string> {
  return (await loadRedisJobs()).redisAnswers(url);
}
