import { failureIsAboutMedia, type DerivedParams } from '../src/http';
import type { DerivedCache } from './derivedCache';
import { DerivedError, DerivedQueueFullError } from './derivedErrors';
import type { KindSettings, MakeJob } from './derivedKinds';
import { makeDerivedItem } from './makeDerivedItem';

/** Where a job stands: waiting or being made, or failed lately; undefined when there is none. */
export type JobState = { state: 'generating'; progress: number } | { state: 'failed'; error: DerivedError } | undefined;

/** Who makes the items: this process (`localJobs`) or workers on a shared queue (`redisJobs`). */
export interface DerivedJobs {
  stateOf(key: string): Promise<JobState>;
  /** Starts making `key` unless it is waiting, being made or failed lately; throws `DerivedQueueFullError`. */
  start(key: string, originalFile: string, params: DerivedParams): Promise<void>;
  /** Stops what runs here (ffmpeg killed, partial files removed) and lets go of connections. */
  close(): void;
}

interface LocalJob extends MakeJob {
  done: Promise<void>;
}

/**
 * Items made in this process, one at a time (ffmpeg uses every core it is given), at most
 * `maxQueued` waiting; a failure about the media is remembered for `failureMemoryMs` so a bad
 * file is not run again and again; one about the server (no ffmpeg, a cache that cannot be
 * written, the original gone) is tried again when asked again: its cause may have gone.
 */
export function createLocalJobs(setup: { cache: DerivedCache; settings: KindSettings; maxQueued: number; failureMemoryMs: number }): DerivedJobs {
  const { cache, settings, maxQueued, failureMemoryMs } = setup;
  const jobs = new Map<string, LocalJob>();
  const failures = new Map<string, { error: DerivedError; atMs: number }>();
  let queue: Promise<void> = Promise.resolve();
  let closed = false;

  /** Whether a failure still stands: a file ffmpeg cannot read is not run again until it changes or time passes. */
  function remembered(key: string): boolean {
    const failure = failures.get(key);
    if (!failure) return false;
    if (!failureIsAboutMedia(failure.error.code) || Date.now() - failure.atMs >= failureMemoryMs) {
      failures.delete(key);
      return false;
    }
    return true;
  }

  return {
    async stateOf(key) {
      const job = jobs.get(key);
      if (job) return { state: 'generating', progress: job.progress };
      const failure = failures.get(key);
      return failure && { state: 'failed', error: failure.error };
    },
    async start(key, originalFile, params) {
      // Decided without awaiting, so two requests at once start one run, not two.
      if (jobs.has(key) || remembered(key)) return;
      if (jobs.size >= maxQueued) throw new DerivedQueueFullError(10);
      const job: LocalJob = { progress: 0, partial: cache.partialFile(key), done: Promise.resolve() };
      job.done = queue
        .then(() => {
          if (closed) throw new DerivedError('shutting-down', 'The media server is shutting down.');
          return makeDerivedItem(originalFile, params, key, job, cache, settings);
        })
        .catch((error: unknown) => {
          failures.set(key, { error: error instanceof DerivedError ? error : new DerivedError('ffmpeg-failed', 'The item could not be made.'), atMs: Date.now() });
        })
        .finally(() => jobs.delete(key));
      queue = job.done;
      jobs.set(key, job);
    },
    close() {
      closed = true;
      for (const job of jobs.values()) job.child?.kill('SIGKILL');
    },
  };
}
