import { useCallback } from 'react';
import {
  formatClock,
  isSeenStatus,
  retryCanHelp,
  selectLayerStatus,
  selectLoadState,
  selectSelectedTrackId,
  trackHidden,
  trackLoadRequested,
  trackMoved,
  trackRemoved,
  trackSelected,
  trackShown,
  useCompositorDispatch,
  useCompositorSelector,
  type LayerStatus,
  type LoadStatus,
  type Track,
  type TrackLoadState,
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

const unseenOrReconnecting = { hidden: 'Hidden', 'off-composite': 'Off composite', covered: 'Covered', muted: 'Muted', reconnecting: 'Reconnecting…' } as const;

/** One track's row as a track list shows it, without its look: `TrackList` renders these. */
export interface TrackRowState {
  /** The load status, or `hidden` / `off-composite` for a track nobody can see. */
  status: LayerStatus;
  /** The status for a person: "Ready (range, proxy)", "Hidden", "Off composite"... */
  statusText: string;
  load: TrackLoadState;
  selected: boolean;
  /** Visible and laid out on the composite. */
  seen: boolean;
  /** What a person should know of the file: where it is cut short; or why its source is not what was asked for (a fallback), while it is seen. */
  note: string | undefined;
  /**
   * Why a track the composite does not draw (an audio track) failed, for its row to say; a
   * picture's failure is said on the composite, where its layer is.
   */
  errorText: string | undefined;
  /** Whether loading again may mend the failure (`retryCanHelp`): offer Retry only then. */
  canRetry: boolean;
  /** Loads a failed track again. */
  retry(): void;
  toggleVisible(): void;
  toggleSelected(): void;
  move(direction: 'up' | 'down'): void;
  remove(): void;
}

/** The note on a file cut short: it plays to there, and no further. */
export const cutShortWords = (atMs: number) => `Cut short at ${formatClock(atMs)}: the file ends there, before the length its header states.`;

export function useTrackRow(track: Track): TrackRowState {
  const dispatch = useCompositorDispatch();
  const load = useCompositorSelector((state) => selectLoadState(state, track.id));
  const selected = useCompositorSelector((state) => selectSelectedTrackId(state) === track.id);
  const status = useCompositorSelector((state) => selectLayerStatus(state, track));
  const seen = isSeenStatus(status);
  // A person should know when the preview is not the original: "Ready (range, proxy)".
  const how = seen && load.status === 'ready' && load.source ? ` (${load.source.kind}${load.source.rendition === 'proxy' ? ', proxy' : ''})` : '';
  const statusText = unseenOrReconnecting[status as keyof typeof unseenOrReconnecting] ?? `${statusWords[status as LoadStatus]}${how}`;
  const { id, visible } = track;
  return {
    status,
    statusText,
    load,
    selected,
    seen,
    note: track.cutShortAtMs !== undefined ? cutShortWords(track.cutShortAtMs) : seen ? load.source?.note : undefined,
    errorText: track.kind === 'audio' && status === 'error' ? load.error?.message : undefined,
    canRetry: (status === 'error' || status === 'reconnecting') && retryCanHelp(load.error),
    retry: useCallback(() => dispatch(trackLoadRequested(id)), [dispatch, id]),
    toggleVisible: useCallback(() => dispatch(visible ? trackHidden(id) : trackShown(id)), [dispatch, id, visible]),
    toggleSelected: useCallback(() => dispatch(trackSelected(selected ? null : id)), [dispatch, id, selected]),
    move: useCallback((direction: 'up' | 'down') => dispatch(trackMoved({ id, direction })), [dispatch, id]),
    remove: useCallback(() => dispatch(trackRemoved(id)), [dispatch, id]),
  };
}
