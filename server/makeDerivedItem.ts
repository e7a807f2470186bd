import { open, unlink, writeFile } from 'node:fs/promises';
import type { DerivedParams } from '../src/http';
import type { DerivedCache } from './derivedCache';
import { fileSystemFailure, originalMissing } from './derivedErrors';
import { derivedKindOf, type KindSettings, type MakeJob } from './derivedKinds';

/**
 * Makes one item into the cache: written under a temporary name (`job.partial`) and renamed into
 * the cache only once whole, so a crash mid-way never leaves an entry that looks finished and
 * nothing partial is ever served; the partial file is removed on failure. Throws a `DerivedError`.
 * Shared by the server's own jobs and the queue's workers.
 */
export async function makeDerivedItem(originalFile: string, params: DerivedParams, key: string, job: MakeJob, cache: DerivedCache, settings: KindSettings): Promise<void> {
  const input = await open(originalFile, 'r').catch((error: NodeJS.ErrnoException) => {
    throw error.code === 'ENOENT' ? originalMissing() : fileSystemFailure(error, 'the item');
  });
  try {
    // The cache is written to before ffmpeg runs, so a cache that cannot take the item says so
    // as itself, not as a file ffmpeg could not read.
    await writeFile(job.partial, '');
    await derivedKindOf(params).make(input, params, job, settings);
    await cache.admit(key, job.partial);
  } catch (error) {
    await unlink(job.partial).catch(() => undefined);
    throw fileSystemFailure(error, 'the item');
  } finally {
    await input.close();
  }
}
