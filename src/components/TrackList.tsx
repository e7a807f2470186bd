import { partClass, type StyleProps } from '../render';
import { selectTracksInPaintOrder, useCompositorSelector, type Track } from '../state';
import { useTrackRow } from './useTrackRow';

function TrackRow({ track, isTop, isBottom }: { track: Track; isTop: boolean; isBottom: boolean }) {
  const row = useTrackRow(track);
  return (
    <li
      data-track-id={track.id}
      data-status={row.status}
      data-selected={row.selected || undefined}
      data-visible={track.visible}
      className="mtk-track-row"
    >
      <span className="mtk-track-name">{track.name}</span>
      <span aria-label={`${track.name} status`} title={row.note} className="mtk-track-status">
        {row.statusText}
      </span>
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
}

/** One row per track, top layer first, with its load state and controls; rows built on `useTrackRow`. */
export function TrackList({ className, style }: StyleProps) {
  const tracks = useCompositorSelector(selectTracksInPaintOrder);
  const topFirst = [...tracks].reverse();
  return (
    <ul aria-label="Tracks" className={partClass('mtk-track-list', className)} style={style}>
      {topFirst.map((track, index) => (
        <TrackRow key={track.id} track={track} isTop={index === 0} isBottom={index === topFirst.length - 1} />
      ))}
    </ul>
  );
}
