import { formatBytes, useMemoryMonitor, type MemoryMonitorOptions } from '../memory';

/** What the compositor costs now, kept current by the memory monitor. */
export function MemoryReadout(props: MemoryMonitorOptions) {
  const reading = useMemoryMonitor(props);
  const parts = [
    `${reading.liveDecoders} live ${reading.liveDecoders === 1 ? 'decoder' : 'decoders'}`,
    `${formatBytes(reading.bytesInBlobs)} in loaded files`,
    `about ${formatBytes(reading.estimatedBytes)} in all`,
  ];
  if (reading.jsHeap) parts.push(`JS heap ${formatBytes(reading.jsHeap.usedBytes)}`);
  if (reading.pageBytes !== undefined) parts.push(`page ${formatBytes(reading.pageBytes)}`);
  return (
    <p aria-label="Memory" style={{ margin: 0, font: '12px system-ui, sans-serif' }}>
      {parts.join(' · ')}
    </p>
  );
}
