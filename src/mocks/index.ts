export * from './createMediaHandlers';
export * from './mediaBodies';
export * from './fixtures';
export type { MockProxy } from './proxyHandlers';
