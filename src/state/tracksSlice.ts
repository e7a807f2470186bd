import { createEntityAdapter, createSlice, type PayloadAction } from '@reduxjs/toolkit';
import { normalizeClips, type ClipTiming } from './clipTiming';

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

export interface Track {
  id: string;
  name: string;
  source: MediaReference;
  layout: TrackLayout;
  /**
   * Where parts of the track's media play on the timeline, sorted by start. Several clips of the
   * one source may follow each other (cuts); outside every clip the layer shows nothing.
   */
  clips: ClipTiming[];
  visible: boolean;
}

export interface NewTrack {
  id: string;
  name: string;
  source: MediaReference;
  layout?: Partial<TrackLayout>;
  /** One clip; shorthand for `clips: [clip]`. Without either, the whole media plays from 0. */
  clip?: Partial<ClipTiming>;
  clips?: Partial<ClipTiming>[];
  visible?: boolean;
}

export const defaultLayout: Omit<TrackLayout, 'order'> = { x: 0, y: 0, width: 640, height: 360 };

export const tracksAdapter = createEntityAdapter<Track>();

function paintOrder(tracks: Track[]): Track[] {
  return [...tracks].sort((a, b) => a.layout.order - b.layout.order);
}

function renumber(ordered: Track[]): void {
  ordered.forEach((track, index) => {
    track.layout.order = index;
  });
}

export const tracksSlice = createSlice({
  name: 'tracks',
  initialState: tracksAdapter.getInitialState(),
  reducers: {
    trackAdded(state, action: PayloadAction<NewTrack>) {
      const { id, name, source, layout, clip, clips, visible } = action.payload;
      if (state.entities[id]) return;
      const topOrder = Math.max(-1, ...Object.values(state.entities).map((t) => t.layout.order));
      tracksAdapter.addOne(state, {
        id,
        name,
        source,
        layout: { ...defaultLayout, order: topOrder + 1, ...layout },
        clips: normalizeClips(clips ?? [clip ?? {}]),
        visible: visible ?? true,
      });
    },
    trackRemoved(state, action: PayloadAction<string>) {
      tracksAdapter.removeOne(state, action.payload);
      renumber(paintOrder(Object.values(state.entities)));
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
      const ordered = paintOrder(Object.values(state.entities));
      const from = ordered.findIndex((t) => t.id === action.payload.id);
      const to = from + (action.payload.direction === 'up' ? 1 : -1);
      if (from < 0 || to < 0 || to >= ordered.length) return;
      [ordered[from], ordered[to]] = [ordered[to], ordered[from]];
      renumber(ordered);
    },
    trackLayoutChanged(
      state,
      action: PayloadAction<{ id: string; layout: Partial<Omit<TrackLayout, 'order'>> }>,
    ) {
      const track = state.entities[action.payload.id];
      if (track) Object.assign(track.layout, action.payload.layout);
    },
    /** Gives a track's media a preview proxy (one made since the track was added), or takes it away. */
    trackProxyChanged(state, action: PayloadAction<{ id: string; proxy: ProxyReference | undefined }>) {
      const track = state.entities[action.payload.id];
      if (!track) return;
      if (action.payload.proxy) track.source.proxy = action.payload.proxy;
      else delete track.source.proxy;
    },
    /** Replaces a track's clips, as an editor does after a trim, a split or a move. */
    trackClipsChanged(state, action: PayloadAction<{ id: string; clips: Partial<ClipTiming>[] }>) {
      const track = state.entities[action.payload.id];
      if (track) track.clips = normalizeClips(action.payload.clips);
    },
  },
});

export const {
  trackAdded,
  trackRemoved,
  trackShown,
  trackHidden,
  trackMoved,
  trackLayoutChanged,
  trackClipsChanged,
  trackProxyChanged,
} = tracksSlice.actions;
