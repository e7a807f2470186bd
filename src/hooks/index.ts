export * from './usePlaybackClock';
export * from './memoryReading';
export * from './useMemoryMonitor';
