export * from './memoryReading';
export * from './useMemoryMonitor';
