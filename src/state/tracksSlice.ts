import { createEntityAdapter, createSlice, type PayloadAction } from '@reduxjs/toolkit';
import { maxClipSpeed, minClipSpeed, normalizeClips, type ClipTiming } from './clipTiming';
import { checkColour, checkText, mergeText, type TextChange, type TextContent } from './layerContent';
import { checkAnimation, type Animation } from './keyframes';
import { checkLook, LookError, mergeLook, resolveLook, type LookChange } from './layerLook';
import { checkFades, type ClipFades } from './soundFades';
import { checkTransition, transitionEdits, type Transition } from './transitions';

/** Where a track's media lives: a URL (or a path a host resolver maps to one) and its type. */
export interface MediaReference {
  url: string;
  mimeType?: string;
  /** Frames a second of the media, when known; sync learns it from the frames otherwise. */
  frameRate?: number;
  /**
   * A lighter rendition of the same media (same timing, smaller picture, short keyframe
   * interval) that previews play instead of the original where a person cannot tell the
   * difference. The reference itself, which a host reads for export, stays the original.
   */
  proxy?: ProxyReference;
}

/** Where a media file's preview proxy lives. */
export interface ProxyReference {
  url: string;
  mimeType?: string;
  /** The proxy's picture height, 720 when not given: a layer drawn taller than this needs the original. */
  height?: number;
}

/** Position and stacking of a layer, in composition pixels. Higher `order` paints on top. */
export interface TrackLayout {
  x: number;
  y: number;
  width: number;
  height: number;
  order: number;
}

/**
 * What a track shows: a video's picture on the composite (and no sound, until linked), sound only,
 * or a still layer: an image file, a solid colour or a title. Still layers hold no decoder (the
 * decoder budget never suspends them) and play no sound.
 */
export type TrackKind = 'video' | 'audio' | 'image' | 'color' | 'text';

/** The kinds whose layer is made, not read from a file: they have no `source`. */
export const madeKinds: ReadonlySet<TrackKind> = new Set(['color', 'text']);

/** Whether a track's picture is a still (an image, a colour, a title) rather than a video's frames. */
export const isStillKind = (kind: TrackKind) => kind === 'image' || kind === 'color' || kind === 'text';

export interface Track {
  id: string;
  name: string;
  kind: TrackKind;
  /** The media file (video, audio, image); absent for a colour or a text layer. */
  source?: MediaReference;
  /** A colour layer's colour. */
  color?: string;
  /** A text layer's words and their style, every field given (`mergeText`). */
  text?: TextContent;
  layout: TrackLayout;
  /** How the track's layer looks, for every clip that does not say otherwise (`layerLook.ts`); the box is `layout`'s. */
  look?: LookChange;
  /**
   * Where parts of the track's media play on the timeline, sorted by start. Several clips of the
   * one source may follow each other (cuts); outside every clip the layer shows nothing.
   */
  clips: ClipTiming[];
  visible: boolean;
  /**
   * Tracks with the same `linkId` are one piece of media on the timeline (a video file's picture
   * and its sound): moving or trimming one moves the others, removing one removes them all.
   * `trackUnlinked` takes a track out of its link.
   */
  linkId?: string;
  /**
   * The media's duration once an element has read it. Clips the host gave without `outMs` end
   * there: the learnt end is written into them, so every reader of clip timing sees a length.
   */
  mediaDurationMs?: number;
  /**
   * The file is cut short: its media ends here, in ms, before the length its header states (a
   * download or copy that stopped). It is the media's duration (what an element reads later is
   * not taken) and no clip plays past it; the track's row says so.
   */
  cutShortAtMs?: number;
  /**
   * Locked: the timeline does not move, trim, split or remove its clips (a person's guard on a
   * track that is done). Edits dispatched by the host still apply.
   */
  locked?: boolean;
}

export interface NewTrack {
  id: string;
  name: string;
  /** `video` unless given: an `audio` track is heard, not drawn; `image`, `color` and `text` are still layers. */
  kind?: TrackKind;
  /** Where it starts in the mix; every field has a default (0 dB, centre, not muted or soloed). */
  mix?: Partial<{ volumeDb: number; pan: number; muted: boolean; soloed: boolean }>;
  /** The media file; required for `video`, `audio` and `image`, none for `color` and `text`. */
  source?: MediaReference;
  /** A `color` layer's colour (a CSS colour: `#rrggbb`, `rgb(...)`, `hsl(...)` or a name). */
  color?: string;
  /** A `text` layer's words (`content`) and any style that differs from `defaultText`. */
  text?: TextChange;
  layout?: Partial<TrackLayout>;
  look?: LookChange;
  /** One clip; shorthand for `clips: [clip]`. Without either, the whole media plays from 0. */
  clip?: Partial<ClipTiming>;
  clips?: Partial<ClipTiming>[];
  visible?: boolean;
  /** Links it with the other tracks given the same id (see `Track.linkId`; `withLinkedSound` makes a pair). */
  linkId?: string;
  /** The file ends here, in ms, before the length its header states (`useAddMedia` reads it): see `Track.cutShortAtMs`. */
  cutShortAtMs?: number;
  /** Locked against edits on the timeline (see `Track.locked`). */
  locked?: boolean;
}

/**
 * A video file's tracks: its picture, and its sound as an audio track linked to it, with the same
 * clips (`<id>.sound`, named "<name> sound"). The sound plays the original even where the picture
 * plays a proxy: sound decodes cheaply, and proxies are made without it.
 */
export function withLinkedSound(track: NewTrack & { source: MediaReference }): [NewTrack, NewTrack] {
  const original = { ...track.source };
  delete original.proxy;
  return [
    { ...track, kind: 'video', linkId: track.id },
    {
      id: `${track.id}.sound`,
      name: `${track.name} sound`,
      kind: 'audio',
      source: original,
      clip: track.clip,
      clips: track.clips,
      linkId: track.id,
      ...(track.cutShortAtMs === undefined ? {} : { cutShortAtMs: track.cutShortAtMs }),
      ...(track.locked ? { locked: true } : {}),
    },
  ];
}

/** The ids of the tracks linked with `id` (itself included), or just `id`. */
export function linkedTrackIds(state: { ids: readonly string[]; entities: Record<string, Track | undefined> }, id: string): string[] {
  const linkId = state.entities[id]?.linkId;
  if (linkId === undefined) return [id];
  return state.ids.filter((other) => state.entities[other]?.linkId === linkId);
}

/** A track's media file; a colour or a text layer has none, and asking is a `LookError`. */
export function mediaOf(track: Pick<Track, 'kind' | 'source'>): MediaReference {
  if (!track.source) throw new LookError('source', `a ${track.kind} layer has no media file`);
  return track.source;
}

export const defaultLayout: Omit<TrackLayout, 'order'> = { x: 0, y: 0, width: 640, height: 360 };

/** Tracks kept in paint order, bottom layer first: the one place that order is sorted. */
/**
 * Sets a track's look (none: its layout and the defaults), once it and each clip's look over it
 * pass `checkLook`: a `LookError` leaves the track as it was.
 */
function setTrackLook(track: Track, look: LookChange | undefined): void {
  for (const clip of track.clips) checkLook(resolveLook(track.layout, look, clip.look));
  checkLook(resolveLook(track.layout, look));
  if (look) track.look = look;
  else delete track.look;
}

/** Sets one clip's look over its track's, once it passes `checkLook`. */
function setClipLook(track: Track, clip: Track['clips'][number], look: LookChange | undefined): void {
  checkLook(resolveLook(track.layout, track.look, look));
  if (look) clip.look = look;
  else delete clip.look;
}

export const tracksAdapter = createEntityAdapter<Track>({ sortComparer: (a, b) => a.layout.order - b.layout.order });

type TracksState = ReturnType<typeof tracksAdapter.getInitialState>;

function paintOrder(state: TracksState): Track[] {
  return state.ids.map((id) => state.entities[id]);
}

/** Gives `ordered` the orders 0, 1, 2...; through the adapter, so its sorted ids follow. */
function renumber(state: TracksState, ordered: Track[]): void {
  const changes = ordered
    .map((track, index) => ({ id: track.id, changes: { layout: { ...track.layout, order: index } } }))
    .filter(({ id, changes }) => state.entities[id].layout.order !== changes.layout.order);
  if (changes.length > 0) tracksAdapter.updateMany(state, changes);
}

/**
 * Freezes a new track as the store would. Immer walks every plain object put into a draft to look
 * for drafts inside before freezing it, and leaves frozen ones alone: a batch of a thousand tracks
 * (twenty thousand clips) costs a freeze each instead of that walk (in Node, the first such batch:
 * about 160 ms before, 30 ms after).
 */
function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  for (const child of Object.values(value)) deepFreeze(child);
  return Object.freeze(value);
}

/**
 * What a new track of `kind` shows, checked: a file for video, audio and image tracks, a colour for
 * a colour layer, words for a text layer. Throws a `LookError` naming the field otherwise.
 */
function checkedContent(kind: TrackKind, source: MediaReference | undefined, color: string | undefined, text: TextChange | undefined): Pick<Track, 'source' | 'color' | 'text'> {
  switch (kind) {
    case 'color':
      checkColour('color', color);
      return { color: color.trim() };
    case 'text':
      if (typeof text?.content !== 'string') throw new LookError('text.content', 'a text layer needs its words');
      return { text: mergeText(undefined, text) };
    case 'video':
    case 'audio':
    case 'image':
      if (typeof source?.url !== 'string' || source.url === '') throw new LookError('source', `a ${kind} track needs its media's URL`);
      return { source };
    default:
      throw new LookError('kind', `${String(kind)} is not a kind of track (video, audio, image, color, text)`);
  }
}

/** Clips of a file cut short at `endMs`: none plays past it (one that would starts no later than it, and ends there). */
function endedBy(clips: ClipTiming[], endMs: number): ClipTiming[] {
  return clips.map((clip) => {
    const inMs = Math.min(clip.inMs, endMs);
    return { ...clip, inMs, outMs: Math.min(clip.outMs ?? endMs, endMs) };
  });
}

/**
 * Throws a `LookError` for a clip's keyframes or fades no clip could have, whichever action
 * brings them (a track added, its clips replaced), as `clipAnimationChanged` and
 * `clipFadesChanged` refuse them; thrown in the reducer, it leaves the state as it was.
 */
function checkClipChanges(clips: readonly Partial<ClipTiming>[]): void {
  for (const clip of clips) {
    if (clip.animation) checkAnimation(clip.animation);
    if (clip.fades) checkFades(clip.fades);
    if (clip.speed !== undefined) checkSpeed(clip.speed);
  }
}

/** Throws a `LookError` for a speed no clip plays at: not a number, or outside a quarter to four times. */
function checkSpeed(speed: number): void {
  if (typeof speed !== 'number' || !Number.isFinite(speed) || speed < minClipSpeed || speed > maxClipSpeed) {
    throw new LookError('speed', `${String(speed)} is not a speed from ${minClipSpeed} to ${maxClipSpeed}`);
  }
}

function setClips(state: TracksState, { id: changed, clips }: { id: string; clips: Partial<ClipTiming>[] }): void {
  if (!state.entities[changed]) return;
  checkClipChanges(clips);
  for (const id of linkedTrackIds(state, changed)) {
    const track = state.entities[id];
    track.clips = normalizeClips(clips, track.mediaDurationMs);
  }
}

function addTracks(state: TracksState, added: NewTrack[]): void {
  const top = state.ids.at(-1);
  let topOrder = top === undefined ? -1 : state.entities[top].layout.order;
  const fresh: Track[] = [];
  const ids = new Set<string>();
  for (const { id, name, kind = 'video', source, color, text, layout, look, clip, clips, visible, linkId, cutShortAtMs, locked } of added) {
    if (state.entities[id] || ids.has(id)) continue;
    if (look) checkLook(look);
    checkClipChanges(clips ?? (clip ? [clip] : []));
    const content = checkedContent(kind, source, color, text);
    const cut = (kind === 'video' || kind === 'audio') && cutShortAtMs !== undefined && Number.isFinite(cutShortAtMs) && cutShortAtMs > 0 ? cutShortAtMs : undefined;
    ids.add(id);
    topOrder += 1;
    fresh.push(
      deepFreeze({
        id,
        name,
        kind,
        ...content,
        layout: { ...defaultLayout, order: topOrder, ...layout },
        clips: cut === undefined ? normalizeClips(clips ?? [clip ?? {}]) : endedBy(normalizeClips(clips ?? [clip ?? {}], cut), cut),
        visible: visible ?? true,
        ...(look === undefined ? {} : { look }),
        ...(linkId === undefined ? {} : { linkId }),
        ...(cut === undefined ? {} : { mediaDurationMs: cut, cutShortAtMs: cut }),
        ...(locked ? { locked: true } : {}),
      }),
    );
  }
  tracksAdapter.addMany(state, fresh);
}

export const tracksSlice = createSlice({
  name: 'tracks',
  initialState: tracksAdapter.getInitialState(),
  reducers: {
    trackAdded(state, action: PayloadAction<NewTrack>) {
      addTracks(state, [action.payload]);
    },
    /** Many tracks in one action, stacked in the order given (the last on top): one store update, one render. */
    tracksAdded(state, action: PayloadAction<NewTrack[]>) {
      addTracks(state, action.payload);
    },
    /** Removes a track, and the tracks linked with it (the compositor's reducer removes each one, so every slice hears of it). */
    trackRemoved(state, action: PayloadAction<string>) {
      tracksAdapter.removeOne(state, action.payload);
      renumber(state, paintOrder(state));
    },
    /** Takes a track out of its link: it moves and goes alone from now on (as does a last one left). */
    trackUnlinked(state, action: PayloadAction<string>) {
      const group = linkedTrackIds(state, action.payload);
      const rest = group.filter((id) => id !== action.payload);
      delete state.entities[action.payload]?.linkId;
      if (rest.length === 1) delete state.entities[rest[0]]?.linkId;
    },
    trackShown(state, action: PayloadAction<string>) {
      const track = state.entities[action.payload];
      if (track) track.visible = true;
    },
    trackHidden(state, action: PayloadAction<string>) {
      const track = state.entities[action.payload];
      if (track) track.visible = false;
    },
    /** Moves a track one step up (towards the top of the paint order) or down. */
    trackMoved(state, action: PayloadAction<{ id: string; direction: 'up' | 'down' }>) {
      const ordered = paintOrder(state);
      const from = ordered.findIndex((t) => t.id === action.payload.id);
      const to = from + (action.payload.direction === 'up' ? 1 : -1);
      if (from < 0 || to < 0 || to >= ordered.length) return;
      [ordered[from], ordered[to]] = [ordered[to], ordered[from]];
      renumber(state, ordered);
    },
    /**
     * Moves or resizes a track's box on the composite, field by field. A value no box can have
     * (NaN, Infinity, a negative size) throws a `LookError` naming the field, and nothing changes.
     */
    trackLayoutChanged: {
      reducer(state, action: PayloadAction<{ id: string; layout: Partial<Omit<TrackLayout, 'order'>> }>) {
        const track = state.entities[action.payload.id];
        if (!track) return;
        // The order is left alone whatever a caller sends: it changes through trackMoved, so the
        // adapter's sorted ids stay in paint order.
        const { x = track.layout.x, y = track.layout.y, width = track.layout.width, height = track.layout.height } = action.payload.layout;
        Object.assign(track.layout, { x, y, width, height });
      },
      prepare(payload: { id: string; layout: Partial<Omit<TrackLayout, 'order'>> }) {
        const { x, y, width, height } = payload.layout;
        checkLook({ x, y, width, height });
        return { payload };
      },
    },
    /**
     * Changes how a track's layer looks, field by field (`{ opacity: 0.5 }` leaves the rest). A
     * value no layer can have (NaN, a negative size, an unknown blend mode, a crop that leaves
     * nothing with the clips' own) throws a `LookError` naming the field, and nothing changes.
     */
    trackLookChanged: {
      reducer(state, action: PayloadAction<{ id: string; look: LookChange }>) {
        const track = state.entities[action.payload.id];
        if (track) setTrackLook(track, mergeLook(track.look, action.payload.look));
      },
      prepare(payload: { id: string; look: LookChange }) {
        checkLook(payload.look);
        return { payload };
      },
    },
    /** Changes how a layer looks while one of its clips plays (by its index in the track's clips), over the track's look; refused as `trackLookChanged` is. */
    clipLookChanged: {
      reducer(state, action: PayloadAction<{ id: string; clip: number; look: LookChange }>) {
        const track = state.entities[action.payload.id];
        const clip = track?.clips[action.payload.clip];
        if (track && clip) setClipLook(track, clip, mergeLook(clip.look, action.payload.look));
      },
      prepare(payload: { id: string; clip: number; look: LookChange }) {
        checkLook(payload.look);
        return { payload };
      },
    },
    /**
     * Sets a clip's keyframes (the clip by its index in the track's clips): each property given
     * replaces that property's keyframes, an empty list removes them, the others stay. Keyframes
     * no clip could have (`checkAnimation`) throw a `LookError` naming the keyframe, and nothing
     * changes.
     */
    clipAnimationChanged: {
      reducer(state, action: PayloadAction<{ id: string; clip: number; animation: Animation }>) {
        const clip = state.entities[action.payload.id]?.clips[action.payload.clip];
        if (!clip) return;
        const merged: Animation = { ...clip.animation, ...action.payload.animation };
        for (const [property, keyframes] of Object.entries(merged)) if (!keyframes?.length) delete merged[property as keyof Animation];
        if (Object.keys(merged).length > 0) clip.animation = merged;
        else delete clip.animation;
      },
      prepare(payload: { id: string; clip: number; animation: Animation }) {
        checkAnimation(payload.animation);
        return { payload };
      },
    },
    /**
     * Sets a clip's sound fades (the clip by its index in the track's clips): each side given
     * replaces that side's fade, a duration of 0 removes it, the other side stays. Fades no clip
     * could have (`checkFades`) throw a `LookError` naming the field, and nothing changes. A fade
     * longer than the clip is kept as given (a clip trimmed longer again gets it back whole); where
     * the two overlap both apply.
     */
    clipFadesChanged: {
      reducer(state, action: PayloadAction<{ id: string; clip: number; fades: ClipFades }>) {
        const clip = state.entities[action.payload.id]?.clips[action.payload.clip];
        if (!clip) return;
        const merged: ClipFades = { ...clip.fades, ...action.payload.fades };
        for (const side of ['in', 'out'] as const) if (!merged[side] || merged[side].durationMs === 0) delete merged[side];
        if (merged.in || merged.out) clip.fades = merged;
        else delete clip.fades;
      },
      prepare(payload: { id: string; clip: number; fades: ClipFades }) {
        checkFades(payload.fades);
        return { payload };
      },
    },
    /**
     * Plays a clip (by its index in the track's clips) at `speed` times its source's own pace, a
     * quarter to four times (1 is as recorded): it keeps its start and the part of the source it
     * plays, so it lasts (out - in) / speed; its linked tracks take the same speed. A speed out of
     * that range, or not a number, throws a `LookError` and nothing changes.
     */
    clipSpeedChanged: {
      reducer(state, action: PayloadAction<{ id: string; clip: number; speed: number }>) {
        const { id, clip: index, speed } = action.payload;
        const track = state.entities[id];
        const clip = track?.clips[index];
        if (!track || !clip) return;
        // (A speed of 1 is no speed: `normalizeClips` leaves it out.)
        setClips(state, { id, clips: track.clips.map((other, at) => (at === index ? { ...other, speed } : other)) });
      },
      prepare(payload: { id: string; clip: number; speed: number }) {
        checkSpeed(payload.speed);
        return { payload };
      },
    },
    /**
     * Draws a transition from clip `from.clip` of track `from.id` into clip `to.clip` of track
     * `to.id`, which starts inside it (`transitionEdits`): both clips' keyframes and fades are set
     * (on their linked tracks too), the outgoing clip is trimmed to end with the transition, and
     * the incoming clip keeps the transition (`transitionIn`) for the timeline. One action. What
     * does not fit (one track, two linked tracks, clips that do not overlap by the transition's
     * length, a bad transition) throws a `LookError` naming it, and nothing changes.
     */
    transitionAdded: {
      reducer(state, action: PayloadAction<{ from: { id: string; clip: number }; to: { id: string; clip: number }; transition: Transition }>) {
        const { from, to, transition } = action.payload;
        const outgoing = state.entities[from.id];
        const incoming = state.entities[to.id];
        if (!outgoing) throw new LookError('from.id', `there is no track ${from.id}`);
        if (!incoming) throw new LookError('to.id', `there is no track ${to.id}`);
        if (from.id !== to.id && linkedTrackIds(state, from.id).includes(to.id)) {
          throw new LookError('to.id', `is linked with ${from.id}: a video and its own sound share their clips`);
        }
        const { fromClips, toClips } = transitionEdits(outgoing, from.clip, incoming, to.clip, transition);
        setClips(state, { id: from.id, clips: fromClips });
        setClips(state, { id: to.id, clips: toClips });
      },
      prepare(payload: { from: { id: string; clip: number }; to: { id: string; clip: number }; transition: Transition }) {
        checkTransition(payload.transition);
        return { payload };
      },
    },
    /**
     * A look shown while a gesture on the composite is under way (a drag of a layer's handles):
     * sets the track's look, or a clip's (by index) when `clip` is given, to `look` as it is, or
     * clears it with `undefined`; with `animation` (a clip's), sets that clip's keyframes as they
     * are too (a drag of a layer whose clip animates what it moves). Every renderer draws it at
     * once, yet it is not an edit: the gesture ends with one `trackLookChanged`,
     * `clipLookChanged` or `clipAnimationChanged` carrying the whole change (or, cancelled, with
     * what it began from here), so a host's history skips this action. Refused as
     * `trackLookChanged` and `clipAnimationChanged` are.
     */
    lookPreviewed: {
      reducer(state, action: PayloadAction<{ id: string; clip?: number; look: LookChange | undefined; animation?: Animation }>) {
        const { id, clip: index, look } = action.payload;
        const track = state.entities[id];
        if (!track) return;
        if (index === undefined) {
          setTrackLook(track, look);
          return;
        }
        const clip = track.clips[index];
        if (!clip) return;
        setClipLook(track, clip, look);
        if (!('animation' in action.payload)) return;
        if (action.payload.animation && Object.keys(action.payload.animation).length > 0) clip.animation = action.payload.animation;
        else delete clip.animation;
      },
      prepare(payload: { id: string; clip?: number; look: LookChange | undefined; animation?: Animation }) {
        if (payload.look) checkLook(payload.look);
        if (payload.animation) checkAnimation(payload.animation);
        return { payload };
      },
    },
    /** A colour layer's colour is now this one; anything but a colour is refused with a `LookError`. */
    trackColorChanged: {
      reducer(state, action: PayloadAction<{ id: string; color: string }>) {
        const track = state.entities[action.payload.id];
        if (track?.kind === 'color') track.color = action.payload.color.trim();
      },
      prepare(payload: { id: string; color: string }) {
        checkColour('color', payload.color);
        return { payload };
      },
    },
    /** A text layer's words or style change, field by field; a value no title can have is refused with a `LookError`. */
    trackTextChanged: {
      reducer(state, action: PayloadAction<{ id: string; text: TextChange }>) {
        const track = state.entities[action.payload.id];
        if (track?.kind === 'text') track.text = mergeText(track.text, action.payload.text);
      },
      prepare(payload: { id: string; text: TextChange }) {
        checkText(payload.text);
        return { payload };
      },
    },
    /** Gives a track's media a preview proxy (one made since the track was added), or takes it away. */
    trackProxyChanged(state, action: PayloadAction<{ id: string; proxy: ProxyReference | undefined }>) {
      const track = state.entities[action.payload.id];
      if (!track?.source) return;
      if (action.payload.proxy) track.source.proxy = action.payload.proxy;
      else delete track.source.proxy;
    },
    /** Replaces a track's clips, as an editor does after a trim, a split or a move; linked tracks get the same. */
    trackClipsChanged(state, action: PayloadAction<{ id: string; clips: Partial<ClipTiming>[] }>) {
      setClips(state, action.payload);
    },
    /** Locks a track against edits on the timeline, or unlocks it; the tracks linked with it too (they edit together). */
    trackLockChanged(state, action: PayloadAction<{ id: string; locked: boolean }>) {
      if (!state.entities[action.payload.id]) return;
      for (const id of linkedTrackIds(state, action.payload.id)) {
        const track = state.entities[id];
        if (action.payload.locked) track.locked = true;
        else delete track.locked;
      }
    },
    /** One edit of several tracks' clips (a split at the playhead across them): one action, so a host's undo takes it back whole. */
    tracksClipsChanged(state, action: PayloadAction<{ id: string; clips: Partial<ClipTiming>[] }[]>) {
      for (const change of action.payload) setClips(state, change);
    },
    /**
     * An element read the media's duration: clips without an out point end there from now on
     * (the timeline, the timecode and the playhead slider span them). Clips with one keep it.
     */
    trackDurationLearnt(state, action: PayloadAction<{ id: string; durationMs: number }>) {
      const track = state.entities[action.payload.id];
      const { durationMs } = action.payload;
      if (!track || !Number.isFinite(durationMs) || durationMs <= 0 || track.mediaDurationMs !== undefined) return;
      track.mediaDurationMs = durationMs;
      if (track.clips.some((clip) => clip.outMs === undefined)) track.clips = normalizeClips(track.clips, durationMs);
    },
  },
});

export const {
  trackLookChanged,
  clipLookChanged,
  clipAnimationChanged,
  clipFadesChanged,
  transitionAdded,
  clipSpeedChanged,
  lookPreviewed,
  trackAdded,
  tracksAdded,
  trackRemoved,
  trackUnlinked,
  trackShown,
  trackHidden,
  trackMoved,
  trackLayoutChanged,
  trackClipsChanged,
  tracksClipsChanged,
  trackLockChanged,
  trackProxyChanged,
  trackColorChanged,
  trackTextChanged,
  trackDurationLearnt,
} = tracksSlice.actions;
