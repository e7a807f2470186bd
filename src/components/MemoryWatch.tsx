import { useEffect, useRef } from 'react';
import { isMemoryHigh, useMemoryMonitor, useMemorySettings, type MemoryReading } from '../memory';

/** Runs the memory monitor for a host's `onMemoryWarning`, calling it once each time memory goes high. */
export function MemoryWatch({ onMemoryWarning }: { onMemoryWarning: (reading: MemoryReading) => void }) {
  const reading = useMemoryMonitor();
  const { budgetBytes, heapShare } = useMemorySettings();
  const high = isMemoryHigh(reading, budgetBytes, heapShare);
  const wasHigh = useRef(false);
  useEffect(() => {
    if (high && !wasHigh.current) onMemoryWarning(reading);
    wasHigh.current = high;
  }, [high, reading, onMemoryWarning]);
  return null;
}
