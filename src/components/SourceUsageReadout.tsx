import { formatBytes } from '../memory';
import { useSourceUsage } from '../sources';

/** How many sources the kit holds and the bytes they keep in memory. */
export function SourceUsageReadout() {
  const { sourcesHeld, bytesHeld } = useSourceUsage();
  return (
    <p aria-label="Source usage" style={{ margin: 0, font: '12px system-ui, sans-serif' }}>
      {`${sourcesHeld} ${sourcesHeld === 1 ? 'source' : 'sources'} held, ${formatBytes(bytesHeld)} in memory`}
    </p>
  );
}
