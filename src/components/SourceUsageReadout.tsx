import { useSourceUsage } from '../sources';

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}

/** How many sources the kit holds and the bytes they keep in memory. */
export function SourceUsageReadout() {
  const { sourcesHeld, bytesHeld } = useSourceUsage();
  return (
    <p aria-label="Source usage" style={{ margin: 0, font: '12px system-ui, sans-serif' }}>
      {`${sourcesHeld} ${sourcesHeld === 1 ? 'source' : 'sources'} held, ${formatBytes(bytesHeld)} in memory`}
    </p>
  );
}
