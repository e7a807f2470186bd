import { decoderBytesAt720p } from '../state';

/** One look at the memory the compositor costs. Sizes in bytes. */
export interface MemoryReading {
  /** Decoders the renderer holds (for the element renderer, `<video>` elements holding a source). */
  liveDecoders: number;
  /** Sources in use by a track or an element. */
  sourcesHeld: number;
  /** Bytes those sources keep in memory (Blobs); streamed media adds nothing here. */
  bytesInBlobs: number;
  /** Bytes of waveform peaks kept (a few KB a minute of sound); 0 with no audio clips. */
  bytesInPeaks: number;
  /** Bytes of decoded filmstrip sheets kept for the timeline (within `filmstripCacheBytes`, but for sheets on screen). */
  bytesInFilmstrips: number;
  /** Bytes of the still layers' pictures (images, titles), each made at the size it is drawn. */
  bytesInPictures: number;
  /** The kit's own estimate: Blobs, peaks, filmstrips and still pictures plus `decoderBytes` a live decoder. Works in every browser. */
  estimatedBytes: number;
  /** What the browser says of the JS heap, where it says anything (Chromium's `performance.memory`). */
  jsHeap?: { usedBytes: number; limitBytes: number };
  /** The page's whole memory, when cross-origin isolated (`measureUserAgentSpecificMemory`). */
  pageBytes?: number;
}

/** What one live decoder is counted as by default: the decoder budget's 720p figure, so both agree. */
export const defaultDecoderBytes = decoderBytesAt720p;

export function estimateBytes(liveDecoders: number, bytesInBlobs: number, decoderBytes = defaultDecoderBytes, bytesInPeaks = 0, bytesInFilmstrips = 0, bytesInPictures = 0): number {
  return bytesInBlobs + bytesInPeaks + bytesInFilmstrips + bytesInPictures + liveDecoders * decoderBytes;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 ** 2) return `${(bytes / 1024).toFixed(1)} KiB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 ** 2).toFixed(1)} MiB`;
  return `${(bytes / 1024 ** 3).toFixed(2)} GiB`;
}

/** Whether a reading is over the budget or the heap is nearly full: when the kit warns. */
export function isMemoryHigh(reading: MemoryReading, budgetBytes: number, heapShare: number): boolean {
  const heapHigh = reading.jsHeap !== undefined && reading.jsHeap.usedBytes > reading.jsHeap.limitBytes * heapShare;
  return reading.estimatedBytes > budgetBytes || heapHigh;
}
