import type { LoadError } from '../state';
import { partClass, type StyleProps } from './partProps';

export type PlaceholderState = 'queued' | 'loading' | 'buffering' | 'hidden' | 'off-composite' | 'covered' | 'reconnecting' | 'error';

const labels: Record<PlaceholderState, string> = {
  queued: 'Queued',
  loading: 'Loading',
  buffering: 'Buffering',
  hidden: 'Hidden',
  'off-composite': 'Off composite',
  covered: 'Covered',
  reconnecting: 'Reconnecting…',
  error: 'Error',
};

export interface TrackPlaceholderProps extends StyleProps {
  state: PlaceholderState;
  trackName: string;
  error?: LoadError;
  /** Shown as a Retry button when the state is `error`. */
  onRetry?: () => void;
}

/** Stands in for a track's picture while it has none, and says why (`data-state` names it). */
export function TrackPlaceholder({ state, trackName, error, onRetry, className, style }: TrackPlaceholderProps) {
  const label = labels[state];
  return (
    <div
      role={state === 'error' ? 'alert' : 'status'}
      aria-label={`${trackName}: ${label}`}
      data-state={state}
      className={partClass('mtk-placeholder', className)}
      style={style}
    >
      <strong>{label}</strong>
      <span>{trackName}</span>
      {(state === 'error' || state === 'reconnecting') && error && <span>{error.message}</span>}
      {(state === 'error' || state === 'reconnecting') && onRetry && (
        <button
          type="button"
          aria-label={`Retry ${trackName}`}
          onClick={(event) => {
            event.stopPropagation();
            onRetry();
          }}
        >
          Retry
        </button>
      )}
    </div>
  );
}
