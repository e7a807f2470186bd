export * from './usePlaybackClock';
