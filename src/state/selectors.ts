import { createSelector } from '@reduxjs/toolkit';
import { clipAt, clipEndMs } from './clipTiming';
import { initialTrackLoadState, isTransientLoadError, reconnectLimit, type TrackLoadState } from './loadSlice';
import { compositorReducerPath, initialCompositorState, type CompositorRootState } from './compositorReducer';
import type { LoadStatus } from './loadMachine';
import { madeKinds, tracksAdapter, type Track } from './tracksSlice';
import type { CompositionState } from './compositionSlice';
import type { TimelineMarks } from './playbackSlice';
import { defaultChannel, gainOfDb, type ChannelSettings } from './mixerSlice';
import { clipMotion, hides, planTrackLayer, seenOnComposite, type PlannedLayer } from './compositePlan';
import { animatesLook } from './keyframes';

const selectCompositor = (state: CompositorRootState) => state[compositorReducerPath] ?? initialCompositorState;

/** The mix: every track's channel and the master fader. */
export const selectMixer = (state: CompositorRootState) => selectCompositor(state).mixer;

const selectChannels = (state: CompositorRootState) => selectMixer(state).channels;

export const selectChannel = (state: CompositorRootState, trackId: string): ChannelSettings =>
  selectChannels(state)[trackId] ?? defaultChannel;

/** Whether any track is soloed: then only soloed tracks sound. */
const selectAnySoloed = createSelector([selectChannels], (channels) => Object.values(channels).some((channel) => channel.soloed));

/**
 * The usual rule of what a person hears: when any track is soloed only soloed ones sound, and a
 * muted track never does (soloed or not). What holds audio follows this, as what holds a picture
 * follows what can be seen.
 */
const heard = (channel: ChannelSettings | undefined, anySoloed: boolean) => channel !== undefined && !channel.muted && (!anySoloed || channel.soloed);

/** Whether a track can be heard now (see `heard`); constant time, for rows and per-track readers. */
export const selectIsAudible = (state: CompositorRootState, trackId: string): boolean =>
  heard(selectChannels(state)[trackId], selectAnySoloed(state));

/** The tracks a person can hear. */
export const selectAudibleTrackIds = createSelector([selectChannels, selectAnySoloed], (channels, anySoloed) =>
  Object.keys(channels).filter((trackId) => heard(channels[trackId], anySoloed)),
);

/** The linear gain a track's sound gets now: its fader, or 0 when muted or soloed out. */
export function selectChannelGain(state: CompositorRootState, trackId: string): number {
  return selectIsAudible(state, trackId) ? gainOfDb(selectChannel(state, trackId).volumeDb) : 0;
}

const trackSelectors = tracksAdapter.getSelectors((state: CompositorRootState) => selectCompositor(state).tracks);

export const selectTrackById = trackSelectors.selectById;
export const selectTrackIds = trackSelectors.selectIds;

/** Every track, bottom layer first (the adapter keeps them sorted by `layout.order`). */
export const selectTracksInPaintOrder = trackSelectors.selectAll;

/**
 * Visible tracks with a picture, bottom layer first. An audio track has none: it is never drawn
 * on the composite nor loaded as a picture (what holds its sound follows what can be heard).
 */
export const selectVisibleTracksInPaintOrder = createSelector([selectTracksInPaintOrder], (tracks) =>
  tracks.filter((track) => track.visible && track.kind !== 'audio'),
);

export const selectCompositionSize = (state: CompositorRootState) => selectCompositor(state).composition;

/** The composition's background colour as the host set it, or undefined for the theme's. */
export const selectCompositionBackground = (state: CompositorRootState) => selectCompositor(state).composition.background;

/**
 * Whether a track's layer can be seen on a `width` x `height` composition: some of its box, as its
 * look places, scales and rotates it, lies on the composite, with area and an opacity above 0
 * (`seenOnComposite` of the composite plan). The track's own look decides, not a clip's: a layer
 * that is off the composite holds no media, so what loads cannot wait on the clip under the
 * playhead; a clip whose look moves it off is left out of the plan at its time instead.
 */
export function trackOnComposite(track: Track, size: CompositionState): boolean {
  return seenOnComposite(planTrackLayer(track), size);
}

/** Visible tracks some of whose picture is on the composite (`trackOnComposite`), bottom first. */
const selectOnCompositeTracksInPaintOrder = createSelector([selectVisibleTracksInPaintOrder, selectCompositionSize], (tracks, size) =>
  tracks.filter((track) => trackOnComposite(track, size)),
);

/** The spans a track's clips take on the timeline, merged, in order; an open-ended clip runs on for ever. */
function clipSpans(track: Track): [number, number][] {
  const spans = track.clips.map((clip): [number, number] => [clip.startMs, clipEndMs(clip) ?? Number.POSITIVE_INFINITY]).sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const [start, end] of spans) {
    const last = merged.at(-1);
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged;
}

/** Whether `upper` has a clip wherever `lower` has one: it is there to cover it all along. */
const spansAll = (upper: Track, lower: Track) => {
  const over = clipSpans(upper);
  return clipSpans(lower).every(([start, end]) => over.some(([from, to]) => from <= start && end <= to));
};

/**
 * The tracks wholly covered by an opaque layer above them, one id a line (a string, so what
 * depends on it is not worked out again when loading moves on without changing it). Covered:
 * a layer above, by the tracks' own looks and what is known of the pictures' sizes, holds every
 * corner of its picture at opacity 1 in the normal blend (`hides`), and has a clip wherever it
 * has one. A clip with a look of its own or look keyframes (on either) may move out from under,
 * so neither covers nor is covered. A layer above covers only once its picture's size is measured (so its bands,
 * a 4:3 picture in a 16:9 box, are known) and while it has not failed, and only on a composite of
 * known size (a view shows it): until then every layer loads, top first, and a covered one lets
 * go once it is known to be. Video pictures are taken as opaque, colours by their alpha, images
 * and titles as not (`planTrackLayer`); a colour's or a title's size is its box's.
 */
const selectCoveredTrackKey = createSelector(
  [selectOnCompositeTracksInPaintOrder, selectCompositionSize, (state: CompositorRootState) => selectCompositor(state).load],
  (tracks, size, load) => {
    if (size.width === undefined || size.height === undefined) return '';
    const looksFixed = tracks.filter((track) => track.clips.every((clip) => clip.look === undefined && !animatesLook(clip.animation)));
    const planned = new Map(looksFixed.map((track) => [track.id, planTrackLayer(track, undefined, load[track.id]?.media)]));
    // A picture's bands are known once it is measured; a colour's or a title's box is its picture.
    const sized = (track: Track) => madeKinds.has(track.kind) || load[track.id]?.media !== undefined;
    return looksFixed
      .filter((lower, index) =>
        looksFixed
          .slice(index + 1)
          .some((upper) => sized(upper) && load[upper.id]?.status !== 'error' && hides(planned.get(upper.id)!, planned.get(lower.id)!) && spansAll(upper, lower)),
      )
      .map((track) => track.id)
      .join('\n');
  },
);

/** The tracks an opaque layer above covers wholly (see `selectCoveredTrackKey`): they hold nothing. */
export const selectCoveredTrackIds = createSelector([selectCoveredTrackKey], (key) => new Set(key === '' ? [] : key.split('\n')));

/**
 * Visible tracks that can be seen: on the composite (`trackOnComposite`) and not covered by an
 * opaque layer above (`selectCoveredTrackIds`). Only these load; a layer placed wholly outside the
 * composite, rotated off it, at opacity 0 or under an opaque layer holds nothing, like a hidden one.
 */
export const selectSeenTracksInPaintOrder = createSelector([selectOnCompositeTracksInPaintOrder, selectCoveredTrackIds], (tracks, covered) =>
  tracks.filter((track) => !covered.has(track.id)),
);

/** Visible tracks that cannot be seen on the composite: they hold nothing. */
export const selectOffCompositeTrackIds = createSelector([selectVisibleTracksInPaintOrder, selectCompositionSize], (visible, size) =>
  visible.filter((track) => !trackOnComposite(track, size)).map((track) => track.id),
);

/**
 * The look of a track's clip under the store's playhead, which overrides the track's. The store's
 * playhead moves at clip edges (not every frame), which is when a clip's look takes over.
 */
export const selectClipLookAtPlayhead = (state: CompositorRootState, track: Track) => selectClipAtPlayhead(state, track)?.look;

/** The track's clip under the store's playhead (which moves at clip edges): whose look and keyframes its layer has. */
export const selectClipAtPlayhead = (state: CompositorRootState, track: Track) => clipAt(track.clips, selectPlayheadMs(state));

/**
 * The composite plan at `playheadMs`: how every picture layer that can be seen is drawn, bottom
 * first. A layer is in it when its track is shown, a clip of it is under the playhead (whose look
 * it has, over the track's, moved by its keyframes to `playheadMs`), some of its picture is on the composite at an opacity above 0, and no
 * opaque layer above it holds all of it. Before the media's size is known a picture fills its box.
 */
export function selectCompositePlan(state: CompositorRootState, playheadMs: number): PlannedLayer[] {
  const size = selectCompositionSize(state);
  const planned: PlannedLayer[] = [];
  for (const track of selectVisibleTracksInPaintOrder(state)) {
    const clip = clipAt(track.clips, playheadMs);
    if (!clip) continue;
    const layer = planTrackLayer(track, clip.look, selectLoadState(state, track.id).media, clipMotion(clip, playheadMs));
    if (seenOnComposite(layer, size)) planned.push(layer);
  }
  return planned.filter((layer, index) => !planned.slice(index + 1).some((upper) => hides(upper, layer)));
}

/**
 * What a track's layer is as a person sees it: hidden, off the composite, reconnecting (failed with
 * a fault that may pass and trying again by itself, until it is ready), or its load status.
 */
export type LayerStatus = LoadStatus | 'hidden' | 'off-composite' | 'covered' | 'muted' | 'reconnecting';

export function selectLayerStatus(state: CompositorRootState, track: Track): LayerStatus {
  // An audio track is heard or not: muted (or soloed out), it holds nothing, as a hidden one.
  if (track.kind === 'audio') {
    if (!selectIsAudible(state, track.id)) return 'muted';
  } else if (!track.visible) return 'hidden';
  else if (!trackOnComposite(track, selectCompositionSize(state))) return 'off-composite';
  else if (selectCoveredTrackIds(state).has(track.id)) return 'covered';
  const load = selectLoadState(state, track.id);
  const tries = load.reconnects ?? 0;
  if (load.status === 'error' && isTransientLoadError(load.error) && tries < reconnectLimit) return 'reconnecting';
  if ((load.status === 'queued' || load.status === 'loading') && tries > 0) return 'reconnecting';
  return load.status;
}

/** Whether a layer status is of a track someone can see (visible, on the composite, not covered). */
export const isSeenStatus = (status: LayerStatus) => status !== 'hidden' && status !== 'off-composite' && status !== 'covered' && status !== 'muted';

/**
 * The tracks whose media must be held now. Lazy loading in one line: a hidden track, or one laid
 * out off the composite, never loads, so its memory is free.
 */
export const selectTrackIdsToLoad = createSelector([(state: CompositorRootState) => selectTracksToLoadInPaintOrder(state)], (tracks) =>
  tracks.map((track) => track.id),
);

/**
 * Audio tracks a person can hear (not muted, not soloed out), bottom first: their sound is what
 * they hold, as a seen track holds its picture. A muted audio track holds nothing.
 */
export const selectHeardTracksInPaintOrder = createSelector(
  [selectTracksInPaintOrder, selectChannels, selectAnySoloed],
  (tracks, channels, anySoloed) => tracks.filter((track) => track.kind === 'audio' && heard(channels[track.id], anySoloed)),
);

/** The tracks whose media must be held now: seen pictures and heard sound, in paint order. */
export const selectTracksToLoadInPaintOrder = createSelector([selectTracksInPaintOrder, selectSeenTracksInPaintOrder, selectHeardTracksInPaintOrder], (all, seen, heard) => {
  const wanted = new Set([...seen, ...heard]);
  return all.filter((track) => wanted.has(track));
});

/** Every track's load state by id. */
export const selectLoadStates = (state: CompositorRootState) => selectCompositor(state).load;

export const selectLoadState = (state: CompositorRootState, trackId: string): TrackLoadState =>
  selectCompositor(state).load[trackId] ?? initialTrackLoadState;

export const selectSelectedTrackId = (state: CompositorRootState) => selectCompositor(state).selection.selectedTrackId;

export const selectPlayback = (state: CompositorRootState) => selectCompositor(state).playback;
export const selectPlayheadMs = (state: CompositorRootState) => selectCompositor(state).playback.playheadMs;
export const selectIsPlaying = (state: CompositorRootState) => selectCompositor(state).playback.playing;
const noMarks: TimelineMarks = {};
export const selectTimelineMarks = (state: CompositorRootState): TimelineMarks => selectCompositor(state).playback.marks ?? noMarks;
export const selectSeekRevision = (state: CompositorRootState) => selectCompositor(state).playback.seekRevision;

/** The end of the last clip with a known out point, in ms; 0 when no clip has one. */
export const selectTimelineDurationMs = createSelector([trackSelectors.selectAll], (tracks) =>
  tracks.reduce((end, track) => Math.max(end, ...track.clips.map((clip) => clipEndMs(clip) ?? 0)), 0),
);

/**
 * Seen or heard tracks that cannot keep up (a layer's frames, a sound not yet ready to play):
 * while any is listed, the composite waits for it.
 */
export const selectBufferingTrackIds = createSelector(
  [selectSeenTracksInPaintOrder, trackSelectors.selectAll, selectAudibleTrackIds, (state: CompositorRootState) => selectCompositor(state).load],
  (seen, tracks, heardIds, load) => {
    const heardSound = tracks.filter((track) => track.kind === 'audio' && heardIds.includes(track.id));
    return [...seen, ...heardSound].filter((track) => load[track.id]?.status === 'buffering').map((track) => track.id);
  },
);

/** Names of the tracks the composite waits for, for a person. */
export const selectBufferingTrackNames = createSelector(
  [trackSelectors.selectAll, selectBufferingTrackIds],
  (tracks, ids) => tracks.filter((track) => ids.includes(track.id)).map((track) => track.name),
);

export const selectFrameRate = (state: CompositorRootState) => selectCompositor(state).playback.frameRate;

/**
 * Whether the composite moves: the user pressed play and, unless told not to wait, no visible
 * track is buffering. The clock and every element follow this, never `playing` alone.
 */
export const selectCompositeRunning = (state: CompositorRootState) => {
  const { playing, waitForBuffering } = selectCompositor(state).playback;
  return playing && !(waitForBuffering && selectBufferingTrackIds(state).length > 0);
};

/**
 * Seen and heard tracks in the order their media should load: the selected track, then tracks
 * under the playhead, then the rest of the timeline; top layer first within each. Hidden tracks,
 * layers off the composite and muted sound are not in it: they never load.
 */
export const selectLoadOrder = createSelector(
  [selectTracksToLoadInPaintOrder, selectSelectedTrackId, (state: CompositorRootState) => tracksToLoadUnderPlayheadKey(state)],
  (tracks, selectedId, underPlayheadKey) => {
    const underPlayhead = new Set(underPlayheadKey.split('\n'));
    const rank = (track: (typeof tracks)[number]) => (track.id === selectedId ? 0 : underPlayhead.has(track.id) ? 1 : 2);
    return [...tracks].sort((a, b) => rank(a) - rank(b) || b.layout.order - a.layout.order);
  },
);

/**
 * The seen tracks with a clip under the playhead, as one string: equal from one clock tick to
 * the next until a clip edge is crossed, so what depends on it is not worked out again every frame.
 */
export function selectTracksUnderPlayheadKey(state: CompositorRootState): string {
  return underPlayheadKey(selectSeenTracksInPaintOrder(state), selectPlayheadMs(state));
}

/** The same for every track to load, sound included: what ranks the load order. */
function tracksToLoadUnderPlayheadKey(state: CompositorRootState): string {
  return underPlayheadKey(selectTracksToLoadInPaintOrder(state), selectPlayheadMs(state));
}

function underPlayheadKey(tracks: readonly Track[], playheadMs: number): string {
  return tracks
    .filter((track) => clipAt(track.clips, playheadMs))
    .map((track) => track.id)
    .join('\n');
}

/** Media players the browser allows at once, once it has refused one; `undefined` before. */
export const selectPlayerLimit = (state: CompositorRootState) => selectCompositor(state).limits.players;
