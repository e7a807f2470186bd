export * from './contentType';
export * from './createMediaHandlers';
export * from './fixtures';
