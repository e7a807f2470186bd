import { formatBytes } from '../memory';
import { partClass, type StyleProps } from '../render';
import { useSourceUsage } from '../sources';

/** How many sources the kit holds and the bytes they keep in memory. */
export function SourceUsageReadout({ className, style }: StyleProps) {
  const { sourcesHeld, bytesHeld } = useSourceUsage();
  return (
    <p aria-label="Source usage" data-sources={sourcesHeld} className={partClass('mtk-readout', className)} style={style}>
      {`${sourcesHeld} ${sourcesHeld === 1 ? 'source' : 'sources'} held, ${formatBytes(bytesHeld)} in memory`}
    </p>
  );
}
