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
