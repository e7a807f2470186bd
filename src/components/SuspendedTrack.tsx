import { useEffect, useRef } from 'react';
import { useRenderer } from '../render';

export interface SuspendedTrackProps {
  trackId: string;
  trackName: string;
  /** Why it is suspended, in words, e.g. "4 of 4 decoders in use". */
  reason: string;
  onLoadAnyway: () => void;
}

/**
 * A track over the decoder budget: a still of its last frame (when it had one) under a badge that
 * says why, and a button to load it anyway.
 */
export function SuspendedTrack({ trackId, trackName, reason, onLoadAnyway }: SuspendedTrackProps) {
  const { session } = useRenderer();
  const holder = useRef<HTMLDivElement>(null);

  // The still is captured as the track's element goes away, in the same commit: show it after.
  useEffect(() => {
    const still = session.stillOf(trackId);
    const box = holder.current;
    if (!still || !box) return;
    Object.assign(still.style, { width: '100%', height: '100%', objectFit: 'contain', display: 'block' });
    box.append(still);
    return () => still.remove();
  }, [session, trackId]);

  return (
    <div
      role="status"
      aria-label={`${trackName}: Suspended`}
      data-placeholder="suspended"
      style={{ position: 'absolute', inset: 0, background: '#111', font: '12px system-ui, sans-serif', color: '#f3f3f3' }}
    >
      <div ref={holder} data-still-of={trackId} style={{ position: 'absolute', inset: 0, opacity: 0.6 }} />
      <div style={{ position: 'absolute', left: 4, top: 4, right: 4, display: 'flex', flexWrap: 'wrap', gap: 4, alignItems: 'center' }}>
        <strong style={{ background: '#8a5a00', padding: '1px 4px', borderRadius: 3 }}>Suspended</strong>
        <span>{reason}</span>
        <button
          type="button"
          aria-label={`Load ${trackName} anyway`}
          onClick={(event) => {
            event.stopPropagation();
            onLoadAnyway();
          }}
        >
          Load anyway
        </button>
      </div>
    </div>
  );
}
