import { memo, useCallback, useEffect, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useWaveformPeaks } from '../audio';
import { formatTimecode, usePlayheadMs } from '../playback';
import { partClass, type StyleProps } from '../render';
import { clipEndMs, formatClock, mediaOf, trackDurationLearnt, useCompositorDispatch, type ClipTiming, type Track } from '../state';
import { ClipFilmstrip } from './ClipFilmstrip';
import { ClipWaveform } from './ClipWaveform';
import { useClipEditing, type ClipEditing, type ClipEditingOptions, type ClipPart } from './useClipEditing';
import { useRowWindow } from './useRowWindow';
import { useTimeline, type TimelineOptions } from './useTimeline';

export interface TimelineProps extends TimelineOptions, StyleProps {
  /** Above this many tracks only the rows in view are drawn (the rows scroll); 100 by default. */
  windowAbove?: number;
  /** A row's height in px while windowed; the default look's `--mtk-row-height` is 22. */
  rowHeight?: number;
  /**
   * Whether audio clips draw their waveforms (from the media server's pipeline, else made once per
   * file in a worker); true by default.
   */
  waveforms?: boolean;
  /**
   * Whether video clips draw filmstrips: thumbnails of the part on screen at the timeline's zoom,
   * from the media server's pipeline, else made in a worker from the file's keyframes. False by
   * default: without the pipeline each sheet costs the browser up to 100 keyframe decodes, which
   * a host playing many tracks on a small machine may not want to spend. Video rows are then
   * `--mtk-filmstrip-row-height` tall.
   */
  filmstrips?: boolean;
  /**
   * Whether clips can be edited here: dragged along their track, trimmed by their edges, split at
   * the playhead, removed; each edit one action (`trackClipsChanged`), so a host's undo works.
   * False by default, for hosts with a timeline of their own; an object sets ripple and snapping.
   */
  editable?: boolean | ClipEditingOptions;
}

const percent = (ms: number, spanMs: number) => `${(ms / spanMs) * 100}%`;

/**
 * The timeline: a ruler, one row per track with its clips, and the playhead. Drag anywhere on it
 * to scrub; focus the playhead and use the arrow keys to step frames, Home and End to jump. Built
 * on `useTimeline`, which a host can use to draw its own.
 */
export function Timeline({ minimumSpanMs, className, style, windowAbove = 100, rowHeight = 22, waveforms = true, filmstrips = false, editable = false }: TimelineProps) {
  const timeline = useTimeline({ minimumSpanMs });
  const { rows, spanMs, durationMs, frameRate, ticks, dragMs, laneRef, scrubHandlers, onKeyDown } = timeline;
  const { viewportRef, onScroll, windowed, start, end, spaceBefore, spaceAfter } = useRowWindow(rows.length, rowHeight, windowAbove);
  const clipEditing = useClipEditing(spanMs, frameRate, laneRef, typeof editable === 'object' ? editable : {});
  const editing = editable === false ? undefined : clipEditing;
  return (
    <div
      role="group"
      aria-label="Timeline"
      {...scrubHandlers}
      data-scrubbing={dragMs !== undefined || undefined}
      className={partClass('mtk-timeline', className)}
      style={style}
    >
      <div className="mtk-ruler">
        <div className="mtk-ruler-gap">
          {editing && (
            <button type="button" className="mtk-timeline-split" onClick={() => editing.splitAtPlayhead()} onPointerDown={(event) => event.stopPropagation()} title="Split at playhead (the selected track, or every track)">
              Split
            </button>
          )}
        </div>
        <div aria-hidden className="mtk-ruler-marks">
          {ticks.map((ms) => (
            <span key={ms} className="mtk-ruler-mark" style={{ left: percent(ms, spanMs) }}>
              {ms % 1000 === 0 ? formatClock(ms) : ''}
            </span>
          ))}
        </div>
      </div>
      <div ref={viewportRef} onScroll={onScroll} className="mtk-scroll" data-windowed={rows.length > windowAbove || undefined}>
        {spaceBefore > 0 && <div style={{ height: spaceBefore }} />}
        {rows.slice(start, end).map((track) => (
          <ClipRow
            key={track.id}
            track={track}
            spanMs={spanMs}
            height={windowed ? rowHeight : undefined}
            waveforms={waveforms}
            filmstrips={filmstrips}
            editing={editing}
          />
        ))}
        {spaceAfter > 0 && <div style={{ height: spaceAfter }} />}
      </div>
      {/* Spans the clip area only: pointer positions map to time through its box. */}
      <div ref={laneRef} data-timeline-lane="" className="mtk-timeline-lane">
        <TimelinePlayhead dragMs={dragMs} spanMs={spanMs} durationMs={durationMs} frameRate={frameRate} onKeyDown={onKeyDown} />
      </div>
    </div>
  );
}

interface ClipRowProps {
  track: Track;
  spanMs: number;
  height?: number;
  waveforms: boolean;
  filmstrips: boolean;
  editing?: ClipEditing;
}

// Memoised: rows that stay in the window keep their clip boxes when the window or the playhead moves.
const ClipRow = memo(function ClipRow({ track: stored, spanMs, height, waveforms, filmstrips, editing }: ClipRowProps) {
  // While a clip of it (or of a track linked with it) is dragged, the row shows where it would go.
  const preview = editing?.previewOf(stored);
  const track = preview ? { ...stored, clips: preview } : stored;
  const withFilmstrip = filmstrips && track.kind === 'video';
  return (
    <div
      className="mtk-timeline-row"
      data-track-id={track.id}
      data-kind={track.kind}
      data-visible={track.visible}
      data-filmstrip={withFilmstrip || undefined}
      style={height === undefined ? undefined : { height }}
    >
      <div className="mtk-timeline-label">{track.name}</div>
      <div className="mtk-timeline-clips">
        {track.kind === 'audio' && waveforms ? (
          <AudioClips track={track} spanMs={spanMs} editing={editing} />
        ) : withFilmstrip ? (
          track.clips.map((clip, index) => <FilmstripClip key={index} track={track} index={index} clip={clip} spanMs={spanMs} editing={editing} />)
        ) : (
          track.clips.map((clip, index) => <ClipBox key={index} track={track} index={index} clip={clip} spanMs={spanMs} editing={editing} />)
        )}
      </div>
    </div>
  );
});

interface ClipBoxProps {
  track: Track;
  index: number;
  clip: ClipTiming;
  spanMs: number;
  waveform?: string;
  filmstrip?: string;
  editing?: ClipEditing;
  children?: ReactNode;
}

function ClipBox({ track, index, clip, spanMs, waveform, filmstrip, editing, children }: ClipBoxProps) {
  const end = clipEndMs(clip) ?? spanMs;
  const name = `${track.name} clip ${index + 1}`;
  const span = `${formatClockTenths(clip.startMs)} to ${formatClockTenths(end)}`;
  return (
    <div
      data-clip-of={track.id}
      data-waveform={waveform}
      data-filmstrip={filmstrip}
      className="mtk-clip"
      title={`${track.name}: ${(clip.startMs / 1000).toFixed(2)} s to ${(end / 1000).toFixed(2)} s`}
      style={{ left: percent(clip.startMs, spanMs), width: percent(Math.max(0, end - clip.startMs), spanMs) }}
      {...(editing && {
        role: 'button',
        tabIndex: 0,
        'aria-roledescription': 'clip',
        'aria-label': `${name}, ${span}`,
        'data-editable': '',
        ...editing.handlersFor(track, index, 'body'),
      })}
    >
      {children}
      {editing && (['start', 'end'] as const).map((part) => <ClipEdge key={part} part={part} name={name} ms={part === 'start' ? clip.startMs : end} spanMs={spanMs} handlers={editing.handlersFor(track, index, part)} />)}
    </div>
  );
}

/** `m:ss.t`: where a clip starts and ends, as its name reads to a person. */
const formatClockTenths = (ms: number) => `${formatClock(ms)}.${Math.floor((Math.max(0, ms) % 1000) / 100)}`;

/** A clip's edge, a handle that trims it: a slider for assistive technology, its value the edge's time. */
function ClipEdge({ part, name, ms, spanMs, handlers }: { part: Exclude<ClipPart, 'body'>; name: string; ms: number; spanMs: number; handlers: ReturnType<ClipEditing['handlersFor']> }) {
  return (
    <div
      role="slider"
      tabIndex={0}
      aria-label={`${part === 'start' ? 'Start' : 'End'} of ${name}`}
      aria-valuemin={0}
      aria-valuemax={Math.round(spanMs)}
      aria-valuenow={Math.round(ms)}
      aria-valuetext={formatClockTenths(ms)}
      data-edge={part}
      className="mtk-clip-edge"
      {...handlers}
    />
  );
}

/**
 * An audio track's clips with the waveform of the part of the file each plays. The peaks are made
 * once per file (`useWaveformPeaks`) and shared by its clips and tracks; the clip says meanwhile
 * that they are being made (`data-waveform="computing"`), or why there are none.
 */
function AudioClips({ track, spanMs, editing }: { track: Track; spanMs: number; editing?: ClipEditing }) {
  const { peaks, computing, error } = useWaveformPeaks(mediaOf(track));
  // The peaks know the sound's length: a muted track, which loads nothing, gets its clips' ends
  // and its place on the timeline from them.
  const dispatch = useCompositorDispatch();
  const durationMs = peaks?.durationMs;
  useEffect(() => {
    if (durationMs !== undefined) dispatch(trackDurationLearnt({ id: track.id, durationMs }));
  }, [dispatch, track.id, durationMs]);
  const state = peaks ? 'drawn' : computing ? 'computing' : 'failed';
  return track.clips.map((clip, index) => (
    <ClipBox key={index} track={track} index={index} clip={clip} spanMs={spanMs} waveform={state} editing={editing}>
      {peaks && <ClipWaveform peaks={peaks} fromMs={clip.inMs} toMs={clip.outMs ?? peaks.durationMs} label={`Waveform of ${track.name}`} />}
      {error && <span className="mtk-clip-note">{`No waveform: ${error.message}`}</span>}
    </ClipBox>
  ));
}

/**
 * A video clip with the filmstrip of the part of the file it plays. The clip says how it stands
 * (`data-filmstrip`: `loading`, `drawn`, `failed`), and why there is none.
 */
function FilmstripClip({ track, index, clip, spanMs, editing }: { track: Track; index: number; clip: ClipTiming; spanMs: number; editing?: ClipEditing }) {
  const [state, setState] = useState<{ state: string; reason?: string }>({ state: 'loading' });
  const onState = useCallback((next: string, reason?: string) => setState({ state: next, reason }), []);
  // Until the clip's end is known (its file's length, once loaded) its box is a guess: a strip
  // planned for it would fetch thumbnails at a zoom the clip does not have.
  const end = clipEndMs(clip);
  return (
    <ClipBox track={track} index={index} clip={clip} spanMs={spanMs} filmstrip={end === undefined ? 'loading' : state.state} editing={editing}>
      {end !== undefined && (
        <ClipFilmstrip source={mediaOf(track)} fromMs={clip.inMs} toMs={clip.outMs ?? clip.inMs + (end - clip.startMs)} label={`Filmstrip of ${track.name}`} onState={onState} />
      )}
      {state.reason && <span className="mtk-clip-note">{`No filmstrip: ${state.reason}`}</span>}
    </ClipBox>
  );
}

interface TimelinePlayheadProps {
  dragMs: number | undefined;
  spanMs: number;
  durationMs: number;
  frameRate: number;
  onKeyDown: (event: KeyboardEvent) => void;
}

/** The playhead line, the only part of the timeline that redraws as the clock moves. */
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
      className="mtk-playhead"
      style={{ left: percent(Math.min(shownMs, spanMs), spanMs) }}
    />
  );
}
