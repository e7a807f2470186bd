import type { DerivedErrorCode } from '../src/http';

/** Why an item could not be made, in words a person can act on. Never names a filesystem path. */
export class DerivedError extends Error {
  override readonly name: string = 'DerivedError';
  constructor(
    readonly code: DerivedErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** Too many items are waiting: ask again after `retryAfterSeconds`. */
export class DerivedQueueFullError extends Error {
  override readonly name: string = 'DerivedQueueFullError';
  constructor(readonly retryAfterSeconds: number) {
    super('The media server is making as many derived items as it queues; ask again later.');
  }
}

/** The job queue cannot be reached (Redis down or not answering): ask again after `retryAfterSeconds`. */
export class DerivedUnavailableError extends Error {
  override readonly name: string = 'DerivedUnavailableError';
  constructor(
    readonly retryAfterSeconds: number,
    options?: ErrorOptions,
  ) {
    super('The media server cannot reach its job queue; ask again later.', options);
  }
}

/**
 * The `DerivedError` for a failure of the file system around an item: the cache full or not
 * writable, the original gone. `writing` says what was being done, in the message's words.
 * Anything else is the cache's too (an item that could not be put in it), never "the media".
 */
export function fileSystemFailure(error: unknown, writing: string): DerivedError {
  if (error instanceof DerivedError) return error;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOSPC' || code === 'EDQUOT') return new DerivedError('cache-full', `The cache has no room left for ${writing}: free some, or give --cache-max.`);
  if (code === 'EROFS' || code === 'EACCES' || code === 'EPERM') return new DerivedError('cache-unwritable', `The cache cannot be written (${code}), so ${writing} cannot be kept.`);
  return new DerivedError('cache-unwritable', `${writing[0].toUpperCase()}${writing.slice(1)} could not be put in the cache (${code ?? 'error'}).`);
}

export const originalMissing = () => new DerivedError('original-missing', 'The original is not there any more (moved or removed since it was asked for).');
