import type { LoadError } from '../state';

export type PlaceholderState = 'queued' | 'loading' | 'buffering' | 'hidden' | 'off-composite' | 'error';

const labels: Record<PlaceholderState, string> = {
  queued: 'Queued',
  loading: 'Loading',
  buffering: 'Buffering',
  hidden: 'Hidden',
  'off-composite': 'Off composite',
  error: 'Error',
};

export interface TrackPlaceholderProps {
  state: PlaceholderState;
  trackName: string;
  error?: LoadError;
  /** Shown as a Retry button when the state is `error`. */
  onRetry?: () => void;
}

/** Stands in for a track's video while it has none, and says why. */
export function TrackPlaceholder({ state, trackName, error, onRetry }: TrackPlaceholderProps) {
  const label = labels[state];
  return (
    <div
      role={state === 'error' ? 'alert' : 'status'}
      aria-label={`${trackName}: ${label}`}
      data-placeholder={state}
      style={{
        position: 'absolute',
        inset: 0,
        display: 'flex',
        flexDirection: 'column',
        alignItems: 'center',
        justifyContent: 'center',
        gap: 4,
        padding: 4,
        boxSizing: 'border-box',
        font: '12px system-ui, sans-serif',
        color: state === 'error' ? '#ffd7d7' : '#e8e8e8',
        background: state === 'hidden' || state === 'off-composite' ? 'transparent' : state === 'error' ? 'rgba(90, 0, 0, 0.8)' : 'rgba(30, 30, 30, 0.8)',
        border: state === 'hidden' || state === 'off-composite' ? '1px dashed rgba(255, 255, 255, 0.4)' : 'none',
        pointerEvents: state === 'hidden' || state === 'off-composite' ? 'none' : 'auto',
        textAlign: 'center',
      }}
    >
      <strong>{label}</strong>
      <span>{trackName}</span>
      {state === 'error' && error && <span>{error.message}</span>}
      {state === 'error' && onRetry && (
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
