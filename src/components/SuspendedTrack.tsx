import { useEffect, useRef } from 'react';
import { partClass, useRenderer, type StyleProps } from '../render';

export interface SuspendedTrackProps extends StyleProps {
  trackId: string;
  trackName: string;
  /** Why it is suspended, in words, e.g. "Over the decoder budget (4 decoders)". */
  reason: string;
  onLoadAnyway: () => void;
}

/**
 * A track over the decoder budget: a still of its last frame (when the renderer kept one) under a
 * badge that says why, and a button to load it anyway.
 */
export function SuspendedTrack({ trackId, trackName, reason, onLoadAnyway, className, style }: SuspendedTrackProps) {
  const { session } = useRenderer();
  const holder = useRef<HTMLDivElement>(null);

  // The still is captured as the track's picture goes away, in the same commit: show it after.
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
      data-state="suspended"
      className={partClass('mtk-suspended', className)}
      style={style}
    >
      <div ref={holder} data-still-of={trackId} className="mtk-suspended-still" />
      <div className="mtk-suspended-bar">
        <strong className="mtk-suspended-badge">Suspended</strong>
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
