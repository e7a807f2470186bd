import { open, unlink } from 'node:fs/promises';
import type { DerivedParams } from '../src/http';
import type { DerivedCache } from './derivedCache';
import { DerivedError } from './derivedErrors';
import { derivedKindOf, type KindSettings, type MakeJob } from './derivedKinds';

/**
 * Makes one item into the cache: written under a temporary name (`job.partial`) and renamed into
 * the cache only once whole, so a crash mid-way never leaves an entry that looks finished and
 * nothing partial is ever served; the partial file is removed on failure. Throws a `DerivedError`.
 * Shared by the server's own jobs and the queue's workers.
 */
export async function makeDerivedItem(originalFile: string, params: DerivedParams, key: string, job: MakeJob, cache: DerivedCache, settings: KindSettings): Promise<void> {
  try {
    const input = await open(originalFile, 'r');
    try {
      await derivedKindOf(params).make(input, params, job, settings);
    } finally {
      await input.close();
    }
    await cache.admit(key, job.partial);
  } catch (error) {
    await unlink(job.partial).catch(() => undefined);
    if (error instanceof DerivedError) throw error;
    throw new DerivedError('ffmpeg-failed', 'The item could not be written to its cache.');
  }
}
