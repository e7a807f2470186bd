export * from './memoryReading';
export * from './useMemoryMonitor';
export * from './memorySettings';
