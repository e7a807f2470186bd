export * from './createMediaHandlers';
export * from './mediaBodies';
export * from './fixtures';
export type { DerivedItemKey, MockDerivedItem, MockProxy } from './derivedHandlers';
