import {
  layoutOnComposite,
  selectCompositionSize,
  selectLoadState,
  selectSelectedTrackId,
  selectTracksInPaintOrder,
  trackHidden,
  trackMoved,
  trackRemoved,
  trackSelected,
  trackShown,
  useCompositorDispatch,
  useCompositorSelector,
  type LoadStatus,
  type Track,
} from '../state';

const statusWords: Record<LoadStatus, string> = {
  idle: 'Not loaded',
  queued: 'Queued',
  loading: 'Loading',
  ready: 'Ready',
  buffering: 'Buffering',
  suspended: 'Suspended',
  error: 'Error',
  released: 'Released',
};

function TrackRow({ track, isTop, isBottom }: { track: Track; isTop: boolean; isBottom: boolean }) {
  const dispatch = useCompositorDispatch();
  const load = useCompositorSelector((state) => selectLoadState(state, track.id));
  const selected = useCompositorSelector((state) => selectSelectedTrackId(state) === track.id);
  const onComposite = useCompositorSelector((state) => layoutOnComposite(track.layout, selectCompositionSize(state)));
  const seen = track.visible && onComposite;
  const status = !track.visible ? 'Hidden' : !onComposite ? 'Off composite' : statusWords[load.status];
  // A person should know when the preview is not the original: "Ready (range, proxy)".
  const how =
    seen && load.status === 'ready' && load.source
      ? ` (${load.source.kind}${load.source.rendition === 'proxy' ? ', proxy' : ''})`
      : '';

  return (
    <li data-track-id={track.id} style={{ display: 'flex', gap: 6, alignItems: 'center', padding: '2px 0' }}>
      <span style={{ minWidth: 90, fontWeight: selected ? 600 : 400 }}>{track.name}</span>
      <span aria-label={`${track.name} status`} title={load.source?.note} style={{ minWidth: 70, color: '#555' }}>
        {status}
        {how}
      </span>
      {seen && load.source?.note && (
        <span role="note" aria-label={`${track.name} source note`} style={{ color: '#8a5a00', fontSize: 12 }}>
          {load.source.note}
        </span>
      )}
      <button
        type="button"
        onClick={() => dispatch(track.visible ? trackHidden(track.id) : trackShown(track.id))}
      >
        {track.visible ? `Hide ${track.name}` : `Show ${track.name}`}
      </button>
      <button
        type="button"
        aria-pressed={selected}
        onClick={() => dispatch(trackSelected(selected ? null : track.id))}
      >
        {`Select ${track.name}`}
      </button>
      <button type="button" disabled={isTop} onClick={() => dispatch(trackMoved({ id: track.id, direction: 'up' }))}>
        {`Move ${track.name} up`}
      </button>
      <button
        type="button"
        disabled={isBottom}
        onClick={() => dispatch(trackMoved({ id: track.id, direction: 'down' }))}
      >
        {`Move ${track.name} down`}
      </button>
      <button type="button" onClick={() => dispatch(trackRemoved(track.id))}>
        {`Remove ${track.name}`}
      </button>
    </li>
  );
}

/** One row per track, top layer first, with its load state and controls. */
export function TrackList() {
  const tracks = useCompositorSelector(selectTracksInPaintOrder);
  const topFirst = [...tracks].reverse();
  return (
    <ul aria-label="Tracks" style={{ listStyle: 'none', margin: 0, padding: 0, font: '13px system-ui, sans-serif' }}>
      {topFirst.map((track, index) => (
        <TrackRow key={track.id} track={track} isTop={index === 0} isBottom={index === topFirst.length - 1} />
      ))}
    </ul>
  );
}
