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
