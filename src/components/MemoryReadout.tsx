import { formatBytes, useMemoryMonitor, type MemoryMonitorOptions } from '../memory';
import { partClass, type StyleProps } from '../render';

/** What the compositor costs now, kept current by the memory monitor. */
export function MemoryReadout({ className, style, ...options }: MemoryMonitorOptions & StyleProps) {
  const reading = useMemoryMonitor(options);
  const parts = [
    `${reading.liveDecoders} live ${reading.liveDecoders === 1 ? 'decoder' : 'decoders'}`,
    `${formatBytes(reading.bytesInBlobs)} in loaded files`,
    ...(reading.bytesInPeaks > 0 ? [`${formatBytes(reading.bytesInPeaks)} in waveforms`] : []),
    ...(reading.bytesInFilmstrips > 0 ? [`${formatBytes(reading.bytesInFilmstrips)} in filmstrips`] : []),
    ...(reading.bytesInPictures > 0 ? [`${formatBytes(reading.bytesInPictures)} in still pictures`] : []),
    `about ${formatBytes(reading.estimatedBytes)} in all`,
  ];
  if (reading.jsHeap) parts.push(`JS heap ${formatBytes(reading.jsHeap.usedBytes)}`);
  if (reading.pageBytes !== undefined) parts.push(`page ${formatBytes(reading.pageBytes)}`);
  return (
    <p aria-label="Memory" data-live-decoders={reading.liveDecoders} data-picture-bytes={reading.bytesInPictures} className={partClass('mtk-readout', className)} style={style}>
      {parts.join(' · ')}
    </p>
  );
}
