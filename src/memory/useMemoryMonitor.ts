import { useEffect, useState } from 'react';
import { readPeaksBytes } from '../audio';
import { readFilmstripBytes } from '../filmstrip';
import { useRenderer } from '../render';
import { readSourceUsage, useSourceContext } from '../sources';
import { estimateBytes, type MemoryReading } from './memoryReading';
import { useMemorySettings } from './memorySettings';

export interface MemoryMonitorOptions {
  /** How often to read, in ms; the compositor's `config.memory.intervalMs` by default. */
  intervalMs?: number;
  /** What one live decoder is counted as; the compositor's `config.memory.decoderBytes` by default. */
  decoderBytes?: number;
}

type ChromiumPerformance = Performance & {
  memory?: { usedJSHeapSize: number; jsHeapSizeLimit: number };
  measureUserAgentSpecificMemory?: () => Promise<{ bytes: number }>;
};

function sameReading(a: MemoryReading, b: MemoryReading): boolean {
  return (
    a.liveDecoders === b.liveDecoders &&
    a.sourcesHeld === b.sourcesHeld &&
    a.bytesInBlobs === b.bytesInBlobs &&
    a.bytesInPeaks === b.bytesInPeaks &&
    a.bytesInFilmstrips === b.bytesInFilmstrips &&
    a.bytesInPictures === b.bytesInPictures &&
    a.jsHeap?.usedBytes === b.jsHeap?.usedBytes &&
    a.pageBytes === b.pageBytes
  );
}

/**
 * Reads what the compositor costs at a set interval, and stops when unmounted. The JS heap alone
 * is blind here (Blobs and decoders live outside it), so the reading is built on the kit's own
 * accounting, which works in every browser, with what the browser exposes added beside it. A
 * poll that finds nothing changed keeps the previous reading, so polling itself does not churn.
 */
export function useMemoryMonitor(options: MemoryMonitorOptions = {}): MemoryReading {
  const settings = useMemorySettings();
  const intervalMs = options.intervalMs ?? settings.intervalMs;
  const decoderBytes = options.decoderBytes ?? settings.decoderBytes;
  const { queryClient } = useSourceContext();
  const { session } = useRenderer();
  const [reading, setReading] = useState<MemoryReading>(() => ({
    liveDecoders: 0,
    sourcesHeld: 0,
    bytesInBlobs: 0,
    bytesInPeaks: 0,
    bytesInFilmstrips: 0,
    bytesInPictures: 0,
    estimatedBytes: 0,
  }));

  useEffect(() => {
    let stopped = false;
    let pageBytes: number | undefined;
    const performanceApi = performance as ChromiumPerformance;

    const read = () => {
      const usage = readSourceUsage(queryClient);
      const liveDecoders = session.liveDecoders();
      const bytesInPeaks = readPeaksBytes(queryClient);
      const bytesInFilmstrips = readFilmstripBytes(queryClient);
      const bytesInPictures = session.pictureBytes();
      const heap = performanceApi.memory;
      const next: MemoryReading = {
        liveDecoders,
        sourcesHeld: usage.sourcesHeld,
        bytesInBlobs: usage.bytesHeld,
        bytesInPeaks,
        bytesInFilmstrips,
        bytesInPictures,
        estimatedBytes: estimateBytes(liveDecoders, usage.bytesHeld, decoderBytes, bytesInPeaks, bytesInFilmstrips, bytesInPictures),
        jsHeap: heap ? { usedBytes: heap.usedJSHeapSize, limitBytes: heap.jsHeapSizeLimit } : undefined,
        pageBytes,
      };
      setReading((previous) => (sameReading(previous, next) ? previous : next));
      // Only measurable when cross-origin isolated; slow, so it lands on the next poll.
      if (globalThis.crossOriginIsolated && performanceApi.measureUserAgentSpecificMemory) {
        performanceApi
          .measureUserAgentSpecificMemory()
          .then((measured) => {
            if (!stopped) pageBytes = measured.bytes;
          })
          .catch(() => undefined);
      }
    };

    read();
    const timer = setInterval(read, intervalMs);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [queryClient, session, intervalMs, decoderBytes]);

  return reading;
}
