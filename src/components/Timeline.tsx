import { useEffect, useMemo, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { createScrubThrottle, formatTimecode, usePlaybackContext, usePlayheadMs } from '../playback';
import {
  clipEndMs,
  frameStepMs,
  playbackPaused,
  playbackStarted,
  playheadSeeked,
  selectIsPlaying,
  selectTracksInPaintOrder,
  useCompositorDispatch,
  useCompositorSelector,
  useCompositorStore,
  type Track,
} from '../state';
import { useTransport } from './useTransport';

export interface TimelineProps {
  /** Shortest span the ruler shows, in ms, while the clips are shorter or their ends unknown. */
  minimumSpanMs?: number;
}

const labelWidth = 96;
const rowHeight = 22;
const rulerHeight = 20;

/** Ruler marks every 1, 2, 5, 10, ... seconds: about eight across the span. */
function tickStepMs(spanMs: number): number {
  const steps = [100, 250, 500, 1000, 2000, 5000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000, 600_000];
  return steps.find((step) => spanMs / step <= 8) ?? 1_800_000;
}

/**
 * The timeline: a ruler, one row per track with its clips, and the playhead. Drag anywhere on it
 * to scrub (seeks wait for the decoders, the last position always lands); focus the playhead and
 * use the arrow keys to step frames, Home and End to jump.
 */
export function Timeline({ minimumSpanMs = 1000 }: TimelineProps) {
  const dispatch = useCompositorDispatch();
  const store = useCompositorStore();
  const { seeks } = usePlaybackContext();
  const tracks = useCompositorSelector(selectTracksInPaintOrder);
  const transport = useTransport();
  const { durationMs, frameRate } = transport;
  const spanMs = Math.max(durationMs, minimumSpanMs);
  const lane = useRef<HTMLDivElement>(null);
  // Where the pointer holds the playhead while dragging; the store follows as seeks allow.
  const [dragMs, setDragMs] = useState<number | undefined>();
  const resumeAfterDrag = useRef(false);

  const throttle = useMemo(() => createScrubThrottle(seeks, (ms) => dispatch(playheadSeeked(ms))), [seeks, dispatch]);
  useEffect(() => () => throttle.stop(), [throttle]);

  const msAt = (clientX: number) => {
    const box = lane.current?.getBoundingClientRect();
    if (!box || box.width === 0) return 0;
    const fraction = Math.min(1, Math.max(0, (clientX - box.left) / box.width));
    return Math.min(spanMs, frameStepMs(fraction * spanMs, 0, frameRate));
  };

  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    if (event.button !== 0) return;
    event.currentTarget.setPointerCapture?.(event.pointerId);
    resumeAfterDrag.current = selectIsPlaying(store.getState());
    if (resumeAfterDrag.current) dispatch(playbackPaused());
    const ms = msAt(event.clientX);
    setDragMs(ms);
    throttle.request(ms);
  };
  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    if (dragMs === undefined) return;
    const ms = msAt(event.clientX);
    setDragMs(ms);
    throttle.request(ms);
  };
  const endDrag = () => {
    if (dragMs === undefined) return;
    throttle.flush();
    setDragMs(undefined);
    if (resumeAfterDrag.current) dispatch(playbackStarted());
    resumeAfterDrag.current = false;
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Home') transport.seek(0);
    else if (event.key === 'End') transport.seek(durationMs);
    else return transport.onKeyDown(event);
    event.preventDefault();
  };

  const tick = tickStepMs(spanMs);
  const ticks = Array.from({ length: Math.floor(spanMs / tick) + 1 }, (_, index) => index * tick);
  const percent = (ms: number) => `${(ms / spanMs) * 100}%`;

  return (
    <div
      role="group"
      aria-label="Timeline"
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={endDrag}
      onPointerCancel={endDrag}
      style={{ position: 'relative', font: '11px system-ui, sans-serif', userSelect: 'none', touchAction: 'none', cursor: 'ew-resize' }}
    >
      <div aria-hidden style={{ display: 'flex', height: rulerHeight, borderBottom: '1px solid #999' }}>
        <div style={{ width: labelWidth, flex: 'none' }} />
        <div style={{ position: 'relative', flex: 1 }}>
          {ticks.map((ms) => (
            <span key={ms} style={{ position: 'absolute', left: percent(ms), bottom: 0, borderLeft: '1px solid #999', paddingLeft: 2, height: 10, lineHeight: '10px' }}>
              {ms % 1000 === 0 ? `${ms / 1000}s` : ''}
            </span>
          ))}
        </div>
      </div>
      {[...tracks].reverse().map((track) => (
        <ClipRow key={track.id} track={track} spanMs={spanMs} />
      ))}
      {/* Spans the clip area only: pointer positions map to time through its box. */}
      <div ref={lane} data-timeline-lane="" style={{ position: 'absolute', top: 0, bottom: 0, left: labelWidth, right: 0, pointerEvents: 'none' }}>
        <TimelinePlayhead dragMs={dragMs} spanMs={spanMs} durationMs={durationMs} frameRate={frameRate} onKeyDown={onKeyDown} />
      </div>
    </div>
  );
}

function ClipRow({ track, spanMs }: { track: Track; spanMs: number }) {
  return (
    <div style={{ display: 'flex', height: rowHeight, opacity: track.visible ? 1 : 0.45 }}>
      <div style={{ width: labelWidth, flex: 'none', lineHeight: `${rowHeight}px`, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
        {track.name}
      </div>
      <div style={{ position: 'relative', flex: 1 }}>
        {track.clips.map((clip, index) => {
          const end = clipEndMs(clip) ?? spanMs;
          return (
            <div
              key={index}
              data-clip-of={track.id}
              title={`${track.name}: ${(clip.startMs / 1000).toFixed(2)} s to ${(end / 1000).toFixed(2)} s`}
              style={{
                position: 'absolute',
                left: `${(clip.startMs / spanMs) * 100}%`,
                width: `${(Math.max(0, end - clip.startMs) / spanMs) * 100}%`,
                top: 3,
                bottom: 3,
                boxSizing: 'border-box',
                border: '1px solid #2c6db3',
                borderRadius: 3,
                background: '#9cc3ef',
              }}
            />
          );
        })}
      </div>
    </div>
  );
}

interface TimelinePlayheadProps {
  dragMs: number | undefined;
  spanMs: number;
  durationMs: number;
  frameRate: number;
  onKeyDown: (event: KeyboardEvent) => void;
}

/** The playhead line, the only part of the timeline that redraws on every clock tick. */
function TimelinePlayhead({ dragMs, spanMs, durationMs, frameRate, onKeyDown }: TimelinePlayheadProps) {
  const playheadMs = usePlayheadMs();
  const shownMs = dragMs ?? playheadMs;
  return (
    <div
      role="slider"
      tabIndex={0}
      aria-label="Playhead"
      aria-valuemin={0}
      aria-valuemax={durationMs}
      // Whole ms, rounded down: rounding up could name the next clip a fraction of a ms before the
      // compositor shows it, so a reader would see the wrong clip's source time at a cut.
      aria-valuenow={Math.floor(shownMs)}
      aria-valuetext={formatTimecode(shownMs, frameRate)}
      onKeyDown={onKeyDown}
      style={{
        position: 'absolute',
        top: 0,
        bottom: 0,
        left: `${(Math.min(shownMs, spanMs) / spanMs) * 100}%`,
        width: 2,
        marginLeft: -1,
        background: '#e0245e',
        outlineOffset: 2,
        pointerEvents: 'auto',
      }}
    />
  );
}
