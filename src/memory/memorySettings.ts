import { createContext, useContext } from 'react';
import { defaultDecoderBytes } from './memoryReading';

/** How the memory monitor reads and when it warns; set once for a compositor in its config. */
export interface MemorySettings {
  /** The kit's estimated bytes (Blobs plus live decoders) above which it warns. */
  budgetBytes: number;
  /** The share of the JS heap limit above which it warns, where the browser has one. */
  heapShare: number;
  /** What one live decoder is counted as. */
  decoderBytes: number;
  /** How often the monitor reads, in ms. */
  intervalMs: number;
}

export const defaultMemorySettings: MemorySettings = {
  budgetBytes: 1024 ** 3,
  heapShare: 0.8,
  decoderBytes: defaultDecoderBytes,
  intervalMs: 2000,
};

export const MemorySettingsContext = createContext<MemorySettings>(defaultMemorySettings);

export const useMemorySettings = () => useContext(MemorySettingsContext);
