export * from './createMediaHandlers';
export * from './mediaBodies';
export * from './fixtures';
