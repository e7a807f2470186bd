export * from './createMediaServer';
export * from './resolveMediaPath';
export { MediaPathError } from '../src/http';
export { startDerivedWorker, QueueLibrariesMissingError } from './queueLibraries';
export type { DerivedWorkerOptions } from './redisJobs';
export { createDerivedMedia, DerivedError, DerivedQueueFullError, DerivedUnavailableError, type DerivedMedia, type DerivedMediaOptions, type ServedItem } from './derivedMedia';
export { derivedPaths, type DerivedKind, type DerivedParams, type DerivedStatus, type FilmstripParams } from '../src/http';
export { createMediaRequestHandler, type MediaRequestHandlerOptions } from './mediaRequestHandler';
