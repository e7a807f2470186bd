import { usePlaybackClock } from '../playback';
import { partClass, type StyleProps } from '../render';
import { formatBytes, isMemoryHigh, useMemoryMonitor, useMemorySettings, type MemoryMonitorOptions, type MemoryReading } from '../memory';
import {
  clipAt,
  selectVisibleTracksInPaintOrder,
  trackHidden,
  useCompositorDispatch,
  useCompositorSelector,
  type Track,
} from '../state';

export interface MemoryWarningProps extends MemoryMonitorOptions, StyleProps {
  /** The kit's estimated bytes (Blobs plus live decoders) above which the warning shows; `config.memory.budgetBytes` (1 GiB) by default. */
  budgetBytes?: number;
  /** The share of the JS heap limit above which the warning shows, where the browser has one; `config.memory.heapShare` by default. */
  heapShare?: number;
  /**
   * Offered as "Switch to streaming" while Blobs are held: the host changes its source options
   * (for example to the default range resolvers). Not shown without it.
   */
  onSwitchToStreaming?: () => void;
  /** A reading to show instead of the live monitor's (for tests and demos). */
  reading?: MemoryReading;
}

const offPlayhead = (track: Track, playheadMs: number) => clipAt(track.clips, playheadMs) === undefined;

function LiveMemoryWarning(props: MemoryWarningProps) {
  const reading = useMemoryMonitor(props);
  return <MemoryWarningBanner {...props} reading={reading} />;
}

function MemoryWarningBanner({ reading, onSwitchToStreaming, className, style, ...limits }: MemoryWarningProps & { reading: MemoryReading }) {
  const settings = useMemorySettings();
  const budgetBytes = limits.budgetBytes ?? settings.budgetBytes;
  const heapShare = limits.heapShare ?? settings.heapShare;
  const dispatch = useCompositorDispatch();
  const clock = usePlaybackClock();
  const visible = useCompositorSelector(selectVisibleTracksInPaintOrder);
  const overBudget = reading.estimatedBytes > budgetBytes;

  if (!isMemoryHigh(reading, budgetBytes, heapShare)) return null;

  const hideOffPlayhead = () => {
    const playheadMs = clock.playheadAt();
    for (const track of visible) if (offPlayhead(track, playheadMs)) dispatch(trackHidden(track.id));
  };

  return (
    <div
      role="alert"
      aria-label="Memory warning"
      data-state={overBudget ? 'over-budget' : 'heap-high'}
      className={partClass('mtk-memory-warning', className)}
      style={style}
    >
      <span>
        {overBudget
          ? `Memory is high: about ${formatBytes(reading.estimatedBytes)} for ${reading.liveDecoders} playing ${reading.liveDecoders === 1 ? 'video' : 'videos'} and ${formatBytes(reading.bytesInBlobs)} of loaded files, over the budget of ${formatBytes(budgetBytes)}.`
          : `Memory is high: the page uses ${formatBytes(reading.jsHeap?.usedBytes ?? 0)} of its ${formatBytes(reading.jsHeap?.limitBytes ?? 0)} heap.`}
      </span>
      <button type="button" onClick={hideOffPlayhead}>
        Hide tracks off the playhead
      </button>
      {onSwitchToStreaming && reading.bytesInBlobs > 0 && (
        <button type="button" onClick={onSwitchToStreaming}>
          Switch to streaming
        </button>
      )}
    </div>
  );
}

/**
 * Warns before the tab runs out of memory: over a byte budget on the kit's own accounting, or
 * over a share of the JS heap limit where the browser exposes one. Says how much is used and
 * offers what helps: hiding the tracks the playhead is not on, or switching to streaming.
 */
export function MemoryWarning(props: MemoryWarningProps) {
  return props.reading ? <MemoryWarningBanner {...props} reading={props.reading} /> : <LiveMemoryWarning {...props} />;
}
