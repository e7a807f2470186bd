import { memo, useCallback, useEffect, useLayoutEffect, useState, type CSSProperties, type KeyboardEvent, type PointerEvent, type ReactNode, type RefObject } from 'react';
import { useWaveformPeaks } from '../audio';
import { formatTimecode, usePlaybackClock, usePlayheadMs } from '../playback';
import { partClass, type StyleProps } from '../render';
import { clipEndMs, formatClock, mediaOf, selectTimelineMarks, trackDurationLearnt, useCompositorDispatch, useCompositorSelector, type ClipTiming, type Track } from '../state';
import { ClipAutomation } from './ClipAutomation';
import { ClipFilmstrip } from './ClipFilmstrip';
import { ClipWaveform } from './ClipWaveform';
import { TrackHeader } from './TrackHeader';
import { useClipEditing, type ClipEditing, type ClipEditingOptions, type ClipPart } from './useClipEditing';
import { useEditorShortcuts } from './useEditorShortcuts';
import { rulerStepMs, rulerTicks } from './timelineRuler';
import { useTimelineZoom, type TimelineZoom } from './useTimelineZoom';
import { themeValue } from './defaultStylesheet';
import { useRowWindow } from './useRowWindow';
import { useTimeline, type TimelineOptions } from './useTimeline';

export interface TimelineProps extends TimelineOptions, StyleProps {
  /** Above this many tracks only the rows in view are drawn (the rows scroll); 100 by default. */
  windowAbove?: number;
  /** A row's height in px while windowed; the default look's `--mtk-row-height` is 22 (28 with `headers`). */
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
  /**
   * Whether the page's keys drive the editor (`useEditorShortcuts`: Space, J/K/L, arrows, Home/End,
   * I/O marks). On where the timeline is `editable`, else off; a host with its own keys sets false.
   */
  shortcuts?: boolean;
  /**
   * Whether each row starts with its track's header (`TrackHeader`: kind, name, state, show or
   * hide, mute and solo, lock, and a menu for the rest) instead of its name alone: the row's
   * controls beside its clips, for a host that shows no `TrackList`. False by default. Headers are
   * `--mtk-header-width` wide (232 px).
   */
  headers?: boolean;
}

const percent = (ms: number, spanMs: number) => `${(ms / spanMs) * 100}%`;

/**
 * The timeline: a ruler, one row per track with its clips, and the playhead. Drag anywhere on it
 * to scrub; focus the playhead and use the arrow keys to step frames, Home and End to jump. Built
 * on `useTimeline`, which a host can use to draw its own.
 */
export function Timeline({
  minimumSpanMs,
  className,
  style,
  windowAbove = 100,
  headers = false,
  rowHeight = headers ? 28 : 22,
  waveforms = true,
  filmstrips = false,
  editable = false,
  shortcuts = editable !== false,
}: TimelineProps) {
  const timeline = useTimeline({ minimumSpanMs });
  const { rows, spanMs, durationMs, frameRate, ticks, dragMs, laneRef, scrubHandlers, onKeyDown } = timeline;
  const { viewportRef, onScroll, windowed, start, end, spaceBefore, spaceAfter } = useRowWindow(rows.length, rowHeight, windowAbove);
  const clipEditing = useClipEditing(spanMs, frameRate, laneRef, typeof editable === 'object' ? editable : {});
  const editing = editable === false ? undefined : clipEditing;
  useEditorShortcuts({ enabled: shortcuts });
  const marks = useCompositorSelector(selectTimelineMarks);
  const clock = usePlaybackClock();
  const { viewRef, ...zoom } = useTimelineZoom(spanMs, frameRate, laneRef, clock.playheadAt);
  // Zoomed, only the marks in view (and a step beyond) are drawn: an hour at frame steps is
  // more marks than anyone sees.
  const shownTicks = zoom.msPerPx > 0 ? rulerTicks(zoom.visibleMs.from - 2 * rulerStepMs(zoom.msPerPx, frameRate), zoom.visibleMs.to, zoom.msPerPx, frameRate) : ticks.map((ms) => ({ ms, label: ms % 1000 === 0 ? formatClock(ms) : '' }));
  const stopScrub = (event: PointerEvent) => event.stopPropagation();
  return (
    <div
      role="group"
      aria-label="Timeline"
      {...scrubHandlers}
      data-scrubbing={dragMs !== undefined || undefined}
      className={partClass('mtk-timeline', className)}
      data-headers={headers || undefined}
      style={headers ? { ['--mtk-label-width' as string]: themeValue('header-width'), ...style } : style}
    >
      <div role="toolbar" aria-label="Timeline tools" className="mtk-timeline-tools" onPointerDown={stopScrub}>
        {editing && (
          <button type="button" className="mtk-timeline-split" onClick={() => editing.splitAtPlayhead()} title="Split at playhead (the selected track, or every track)">
            Split
          </button>
        )}
        <ZoomControl zoom={zoom} />
      </div>
      <div ref={viewRef} className="mtk-timeline-view">
        <div className="mtk-timeline-content" style={zoom.zoom === 1 ? undefined : { width: `calc(${zoom.zoom} * 100% - ${zoom.zoom - 1} * ${themeValue('label-width')})` }}>
          <div className="mtk-ruler">
            <div className="mtk-ruler-gap" />
            <div aria-hidden className="mtk-ruler-marks">
              {marks.inMs !== undefined && marks.outMs !== undefined && (
                <span className="mtk-marked" style={{ left: percent(marks.inMs, spanMs), width: percent(marks.outMs - marks.inMs, spanMs) }} />
              )}
              {(['in', 'out'] as const).map((mark) => {
                const ms = mark === 'in' ? marks.inMs : marks.outMs;
                return ms === undefined ? null : <span key={mark} data-mark={mark} className="mtk-mark" title={`${mark === 'in' ? 'In' : 'Out'} mark: ${formatTimecode(ms, frameRate)}`} style={{ left: percent(ms, spanMs) }} />;
              })}
              {shownTicks.map(({ ms, label }) => (
                <span key={ms} className="mtk-ruler-mark" style={{ left: percent(ms, spanMs) }}>
                  {label}
                </span>
              ))}
            </div>
          </div>
          <div ref={viewportRef} onScroll={onScroll} className="mtk-scroll" data-windowed={rows.length > windowAbove || undefined}>
            {spaceBefore > 0 && <div style={{ height: spaceBefore }} />}
            {rows.slice(start, end).map((track, offset) => (
              <ClipRow
                key={track.id}
                track={track}
                header={headers}
                isTop={start + offset === 0}
                isBottom={start + offset === rows.length - 1}
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
            <TimelinePlayhead dragMs={dragMs} spanMs={spanMs} durationMs={durationMs} frameRate={frameRate} onKeyDown={onKeyDown} laneRef={laneRef} />
          </div>
        </div>
      </div>
    </div>
  );
}

/**
 * The zoom: out, a slider (a log scale from the whole span to a frame a dozen px wide), in. Ctrl or
 * Cmd with the wheel, and a pinch, zoom around the pointer (`useTimelineZoom`).
 */
function ZoomControl({ zoom }: { zoom: Omit<TimelineZoom, 'viewRef'> }) {
  const steps = 100;
  const position = zoom.maxZoom > 1 ? Math.round((Math.log(zoom.zoom) / Math.log(zoom.maxZoom)) * steps) : 0;
  const at = (step: number) => zoom.zoomTo(zoom.maxZoom ** (Math.min(steps, Math.max(0, step)) / steps));
  return (
    <>
      <button type="button" aria-label="Zoom out" className="mtk-timeline-zoom-out" disabled={zoom.zoom <= 1} onClick={() => at(position - 10)}>
        −
      </button>
      <input
        type="range"
        aria-label="Zoom"
        aria-valuetext={`${zoom.zoom.toFixed(1)}x`}
        min={0}
        max={steps}
        value={position}
        disabled={zoom.maxZoom <= 1}
        onChange={(event) => at(Number(event.currentTarget.value))}
        className="mtk-timeline-zoom"
      />
      <button type="button" aria-label="Zoom in" className="mtk-timeline-zoom-in" disabled={zoom.zoom >= zoom.maxZoom} onClick={() => at(position + 10)}>
        +
      </button>
    </>
  );
}

interface ClipRowProps {
  track: Track;
  spanMs: number;
  height?: number;
  waveforms: boolean;
  filmstrips: boolean;
  editing?: ClipEditing;
  /** Whether the row starts with the track's header; and where it sits (its menu moves it up or down). */
  header: boolean;
  isTop: boolean;
  isBottom: boolean;
}

// Memoised: rows that stay in the window keep their clip boxes when the window or the playhead moves.
const ClipRow = memo(function ClipRow({ track: stored, spanMs, height, waveforms, filmstrips, editing, header, isTop, isBottom }: ClipRowProps) {
  // While a clip of it (or of a track linked with it) is dragged, the row shows where it would go.
  const editable = editing?.canEdit(stored) ? editing : undefined;
  const preview = editable?.previewOf(stored);
  const track = preview ? { ...stored, clips: preview } : stored;
  const withFilmstrip = filmstrips && track.kind === 'video';
  return (
    <div
      className="mtk-timeline-row"
      data-track-id={track.id}
      data-kind={track.kind}
      data-visible={track.visible}
      data-filmstrip={withFilmstrip || undefined}
      data-locked={track.locked || undefined}
      style={height === undefined ? undefined : { height }}
    >
      <div className="mtk-timeline-label">{header ? <TrackHeader track={stored} isTop={isTop} isBottom={isBottom} /> : track.name}</div>
      <div className="mtk-timeline-clips">
        {track.kind === 'audio' && waveforms ? (
          <AudioClips track={track} spanMs={spanMs} editing={editable} />
        ) : withFilmstrip ? (
          track.clips.map((clip, index) => <FilmstripClip key={index} track={track} index={index} clip={clip} spanMs={spanMs} editing={editable} />)
        ) : (
          track.clips.map((clip, index) => <ClipBox key={index} track={track} index={index} clip={clip} spanMs={spanMs} editing={editable} />)
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
      <ClipAutomation clip={clip} lengthMs={Math.max(0, end - clip.startMs)} name={name} level={track.kind === 'audio'} />
      {editing && (['start', 'end'] as const).map((part) => <ClipEdge key={part} part={part} name={name} ms={part === 'start' ? clip.startMs : end} spanMs={spanMs} handlers={editing.handlersFor(track, index, part)} />)}
      {editing &&
        track.kind === 'audio' &&
        (['fade-in', 'fade-out'] as const).map((part) => (
          <ClipFadeHandle key={part} part={part} name={name} clip={clip} lengthMs={Math.max(0, end - clip.startMs)} handlers={editing.handlersFor(track, index, part)} />
        ))}
    </div>
  );
}

/** `m:ss.t`: where a clip starts and ends, as its name reads to a person. */
const formatClockTenths = (ms: number) => `${formatClock(ms)}.${Math.floor((Math.max(0, ms) % 1000) / 100)}`;

type Handlers = ReturnType<ClipEditing['handlersFor']>;

/**
 * A handle on a clip (an edge, a fade): a slider for assistive technology, from 0 to `maxMs`, its
 * value `ms` read as `valueText`; what a drag or a key does is `handlers`' (`useClipEditing`).
 */
function ClipHandle({ label, maxMs, ms, valueText, part, className, style, handlers }: { label: string; maxMs: number; ms: number; valueText: string; part: Exclude<ClipPart, 'body'>; className: string; style?: CSSProperties; handlers: Handlers }) {
  return (
    <div
      role="slider"
      tabIndex={0}
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={Math.round(maxMs)}
      aria-valuenow={Math.round(ms)}
      aria-valuetext={valueText}
      data-part={part}
      className={className}
      style={style}
      {...handlers}
    />
  );
}

/** A clip's edge, a handle that trims it: its value the edge's time on the timeline. */
function ClipEdge({ part, name, ms, spanMs, handlers }: { part: 'start' | 'end'; name: string; ms: number; spanMs: number; handlers: Handlers }) {
  return <ClipHandle label={`${part === 'start' ? 'Start' : 'End'} of ${name}`} maxMs={spanMs} ms={ms} valueText={formatClockTenths(ms)} part={part} className="mtk-clip-edge" handlers={handlers} />;
}

/** The handle of an audio clip's fade, at the fade's inner end along the clip's top: its value the fade's length. */
function ClipFadeHandle({ part, name, clip, lengthMs, handlers }: { part: 'fade-in' | 'fade-out'; name: string; clip: ClipTiming; lengthMs: number; handlers: Handlers }) {
  const durationMs = clip.fades?.[part === 'fade-in' ? 'in' : 'out']?.durationMs ?? 0;
  const at = lengthMs > 0 ? (part === 'fade-in' ? durationMs : lengthMs - durationMs) / lengthMs : 0;
  return (
    <ClipHandle
      label={`${part === 'fade-in' ? 'Fade in' : 'Fade out'} of ${name}`}
      maxMs={lengthMs}
      ms={durationMs}
      valueText={`${(durationMs / 1000).toFixed(2)} s`}
      part={part}
      className="mtk-clip-fade-handle"
      style={{ left: `${at * 100}%` }}
      handlers={handlers}
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
  laneRef: RefObject<HTMLDivElement | null>;
  dragMs: number | undefined;
  spanMs: number;
  durationMs: number;
  frameRate: number;
  onKeyDown: (event: KeyboardEvent) => void;
}

/**
 * The playhead line, the only part of the timeline that changes as the clock moves. It moves by a
 * transform of a track as wide as the lane (a percentage of its own width is one of the lane's),
 * on a layer of its own: a change the compositor applies alone. Moved by `left`, it changed the
 * layer's place in the page's layout each frame, and Chromium layerised the whole timeline again
 * each frame (with 22 rows of 20 clips in view, most of the page's work while playing).
 */
function TimelinePlayhead({ laneRef, dragMs, spanMs, durationMs, frameRate, onKeyDown }: TimelinePlayheadProps) {
  const playheadMs = usePlayheadMs();
  const shownMs = dragMs ?? playheadMs;
  const laneWidth = useElementWidth(laneRef);
  return (
    <div className="mtk-playhead-track" style={{ transform: `translate3d(${(Math.min(shownMs, spanMs) / spanMs) * laneWidth}px, 0, 0)` }}>
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
      />
    </div>
  );
}

/** An element's width in CSS px, kept current as it resizes (0 before it is measured). */
function useElementWidth(ref: RefObject<HTMLElement | null>): number {
  const [width, setWidth] = useState(0);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    setWidth(element.getBoundingClientRect().width);
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => setWidth(element.getBoundingClientRect().width));
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref]);
  return width;
}
