import { memo, useMemo } from 'react';
import { partClass, type StyleProps } from '../render';
import { selectTracksInPaintOrder, useCompositorSelector, type Track } from '../state';
import { useRowWindow } from './useRowWindow';
import { useTrackRow } from './useTrackRow';

interface TrackRowProps {
  track: Track;
  isTop: boolean;
  isBottom: boolean;
  /** Where the row sits in the whole list and its height, when only some rows are drawn. */
  index?: number;
  count?: number;
  height?: number;
}

// Memoised: a long list re-renders when its window moves, and rows that stay need not.
const TrackRow = memo(function TrackRow({ track, isTop, isBottom, index, count, height }: TrackRowProps) {
  const row = useTrackRow(track);
  return (
    <li
      data-track-id={track.id}
      aria-posinset={index === undefined ? undefined : index + 1}
      aria-setsize={count}
      style={height === undefined ? undefined : { height, boxSizing: 'border-box' }}
      data-status={row.status}
      data-selected={row.selected || undefined}
      data-visible={track.visible}
      className="mtk-track-row"
    >
      <span className="mtk-track-name">{track.name}</span>
      <span aria-label={`${track.name} status`} title={row.note} className="mtk-track-status">
        {row.statusText}
      </span>
      {row.errorText && (
        <>
          <span role="alert" aria-label={`${track.name} error`} className="mtk-track-error">
            {row.errorText}
          </span>
          {row.canRetry && <button type="button" onClick={row.retry}>{`Retry ${track.name}`}</button>}
        </>
      )}
      {row.note && (
        <span role="note" aria-label={`${track.name} source note`} className="mtk-track-note">
          {row.note}
        </span>
      )}
      <button type="button" onClick={row.toggleVisible}>
        {track.visible ? `Hide ${track.name}` : `Show ${track.name}`}
      </button>
      <button type="button" aria-pressed={row.selected} onClick={row.toggleSelected}>
        {`Select ${track.name}`}
      </button>
      <button type="button" disabled={isTop} onClick={() => row.move('up')}>
        {`Move ${track.name} up`}
      </button>
      <button type="button" disabled={isBottom} onClick={() => row.move('down')}>
        {`Move ${track.name} down`}
      </button>
      <button type="button" onClick={row.remove}>
        {`Remove ${track.name}`}
      </button>
    </li>
  );
});

export interface TrackListProps extends StyleProps {
  /** Above this many tracks only the rows in view are drawn (the list scrolls); 100 by default. */
  windowAbove?: number;
  /** A row's height in px while windowed; the default look's rows fit 28. */
  rowHeight?: number;
}

/**
 * One row per track, top layer first, with its load state and controls; rows built on
 * `useTrackRow`. A long list draws only the rows in its scroll viewport.
 */
export function TrackList({ className, style, windowAbove = 100, rowHeight = 28 }: TrackListProps) {
  const tracks = useCompositorSelector(selectTracksInPaintOrder);
  const topFirst = useMemo(() => [...tracks].reverse(), [tracks]);
  const { viewportRef, onScroll, windowed, start, end, spaceBefore, spaceAfter } = useRowWindow(topFirst.length, rowHeight, windowAbove);
  return (
    <div
      ref={viewportRef}
      onScroll={onScroll}
      className="mtk-scroll"
      data-windowed={topFirst.length > windowAbove || undefined}
    >
      <ul aria-label="Tracks" className={partClass('mtk-track-list', className)} style={style}>
        {spaceBefore > 0 && <li role="none" style={{ height: spaceBefore }} />}
        {topFirst.slice(start, end).map((track, offset) => {
          const index = start + offset;
          return (
            <TrackRow
              key={track.id}
              track={track}
              isTop={index === 0}
              isBottom={index === topFirst.length - 1}
              {...(windowed && { index, count: topFirst.length, height: rowHeight })}
            />
          );
        })}
        {spaceAfter > 0 && <li role="none" style={{ height: spaceAfter }} />}
      </ul>
    </div>
  );
}
