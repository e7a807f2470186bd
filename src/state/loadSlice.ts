import { createSlice, type PayloadAction } from '@reduxjs/toolkit';
import { holdsMedia, nextLoadStatus, type LoadEvent, type LoadStatus } from './loadMachine';
import { playerLimitReached } from './limitsSlice';
import type { Rendition } from './previewRendition';
import { trackAdded, trackRemoved, tracksAdded } from './tracksSlice';

/** Why a track failed, in words a person can act on. `kind` is a `MediaSourceError` code. */
export interface LoadError {
  kind: string;
  message: string;
}

/**
 * Failures of the file itself: its bytes are not media this browser plays (`unsupported`), are
 * damaged (`decode`) or cut short (`cut-short`), or hold no picture or sound where one was asked for. Asking again reads the
 * same bytes, so no Retry is offered for them; the person replaces or removes the file.
 */
const failuresOfTheFile: ReadonlySet<string> = new Set(['unsupported', 'decode', 'no-audio', 'no-video', 'cut-short']);

/**
 * Whether loading again may mend `error`: a server, the network, a file not there yet or not
 * allowed yet, a proxy or derived item not made: the world may change. Not for a failure of the
 * file itself (`failuresOfTheFile`).
 */
export function retryCanHelp(error: LoadError | undefined): boolean {
  return error !== undefined && !failuresOfTheFile.has(error.kind);
}

/** How a ready track's media is had, and why when it is not what was asked for. */
export interface LoadedSource {
  kind: string;
  /** Which rendition the track's elements play: the original, or its preview proxy. */
  rendition: Rendition;
  note?: string;
}

export interface TrackLoadState {
  status: LoadStatus;
  /** Counts load starts, so the result of an earlier attempt cannot land on a later one. */
  attempt: number;
  error?: LoadError;
  source?: LoadedSource;
  /** The media's picture size once an element has read it: what its decoder costs. */
  media?: { width: number; height: number };
  /** The user asked to load it over the decoder budget ("Load anyway"), until it is hidden. */
  forced?: boolean;
  /**
   * Tries made by themselves since a network fault, until the track is ready again (or a person
   * retries): the track says Reconnecting meanwhile.
   */
  reconnects?: number;
}

/**
 * Tries a track makes by itself after a fault that may pass (a dropped connection, a 5xx, no
 * bytes for a while), before it waits for a person's Retry; as hls.js does, 6.
 */
export const reconnectLimit = 6;

/** Whether a load error is a fault that may pass by itself (see `MediaSourceError.transient`). */
export const isTransientLoadError = (error: LoadError | undefined) => error?.kind === 'network' || error?.kind === 'server-error';

export type LoadState = Record<string, TrackLoadState>;

export const initialTrackLoadState: TrackLoadState = { status: 'idle', attempt: 0 };

function apply(state: LoadState, id: string, event: LoadEvent, attempt?: number): TrackLoadState | undefined {
  const entry = state[id];
  if (!entry) return undefined;
  if (attempt !== undefined && attempt !== entry.attempt) return undefined;
  const next = nextLoadStatus(entry.status, event);
  if (!next) return undefined;
  entry.status = next;
  if (next !== 'error') delete entry.error;
  if (!holdsMedia(next)) delete entry.source;
  return entry;
}

interface AttemptPayload {
  id: string;
  attempt: number;
}

export const loadSlice = createSlice({
  name: 'load',
  initialState: {} as LoadState,
  reducers: {
    /** A track needs its media: it waits in the load queue. Also how Retry re-queues an error. */
    trackLoadRequested(state, action: PayloadAction<string>) {
      // A person's Retry starts the count of tries by itself again.
      const entry = apply(state, action.payload, 'requested');
      if (entry) delete entry.reconnects;
    },
    /**
     * A track that reconnected has held its media long enough to call it back: its count of tries
     * starts again. (Not on the source resolving: a server that answers and then hangs again
     * would make a track reconnect for ever.)
     */
    trackReconnected(state, action: PayloadAction<string>) {
      const entry = state[action.payload];
      if (entry && holdsMedia(entry.status)) delete entry.reconnects;
    },
    /** A track that failed with a fault that may pass tries again by itself (a timer, the browser back online). */
    trackReconnectRequested(state, action: PayloadAction<string>) {
      const entry = state[action.payload];
      if (!entry || entry.status !== 'error' || !isTransientLoadError(entry.error) || (entry.reconnects ?? 0) >= reconnectLimit) return;
      const tries = entry.reconnects ?? 0;
      if (apply(state, action.payload, 'requested')) entry.reconnects = tries + 1;
    },
    trackLoadStarted(state, action: PayloadAction<string>) {
      const entry = state[action.payload];
      if (entry && nextLoadStatus(entry.status, 'started')) entry.attempt += 1;
      apply(state, action.payload, 'started');
    },
    trackLoadSucceeded(state, action: PayloadAction<AttemptPayload & { source?: LoadedSource }>) {
      const entry = apply(state, action.payload.id, 'succeeded', action.payload.attempt);
      if (entry && action.payload.source) entry.source = action.payload.source;
    },
    /** A ready track now plays another rendition of its media (loaded while the other played on). */
    trackRenditionSwitched(state, action: PayloadAction<AttemptPayload & { source: LoadedSource }>) {
      const entry = state[action.payload.id];
      if (entry && entry.attempt === action.payload.attempt && holdsMedia(entry.status)) entry.source = action.payload.source;
    },
    /** Something a person should know of a ready track's source, found while it plays (the server stopped serving ranges). */
    trackSourceNoted(state, action: PayloadAction<AttemptPayload & { note: string }>) {
      const entry = state[action.payload.id];
      if (entry?.source && entry.attempt === action.payload.attempt && holdsMedia(entry.status)) entry.source.note = action.payload.note;
    },
    trackLoadFailed(state, action: PayloadAction<AttemptPayload & { error: LoadError }>) {
      const entry = apply(state, action.payload.id, 'failed', action.payload.attempt);
      if (entry) entry.error = action.payload.error;
    },
    /** A ready track's element cannot keep up with the playhead (no data, or a seek not landed yet). */
    trackBufferingStarted(state, action: PayloadAction<AttemptPayload>) {
      apply(state, action.payload.id, 'stalled', action.payload.attempt);
    },
    trackBufferingEnded(state, action: PayloadAction<AttemptPayload>) {
      apply(state, action.payload.id, 'resumed', action.payload.attempt);
    },
    trackSourceReleased(state, action: PayloadAction<string>) {
      const entry = apply(state, action.payload, 'released');
      if (entry) {
        delete entry.forced;
        delete entry.reconnects;
      }
    },
    /** The decoder budget lets go of this track's media for more important tracks. */
    trackSuspended(state, action: PayloadAction<string>) {
      apply(state, action.payload, 'suspended');
    },
    /** "Load anyway": the track gets its media whatever the budget says, and others make room. */
    trackLoadForced(state, action: PayloadAction<string>) {
      const entry = state[action.payload];
      if (!entry) return;
      entry.forced = true;
      apply(state, action.payload, 'requested');
    },
    trackMediaMeasured(state, action: PayloadAction<{ id: string; width: number; height: number }>) {
      const entry = state[action.payload.id];
      if (entry && action.payload.width > 0 && action.payload.height > 0) {
        entry.media = { width: action.payload.width, height: action.payload.height };
      }
    },
  },
  extraReducers: (builder) => {
    builder
      .addCase(trackAdded, (state, action) => {
        state[action.payload.id] ??= { ...initialTrackLoadState };
      })
      .addCase(tracksAdded, (state, action) => {
        for (const { id } of action.payload) state[id] ??= { ...initialTrackLoadState };
      })
      .addCase(playerLimitReached, (state, action) => {
        apply(state, action.payload.id, 'suspended', action.payload.attempt);
      })
      .addCase(trackRemoved, (state, action) => {
        delete state[action.payload];
      });
  },
});

export const {
  trackLoadRequested,
  trackReconnectRequested,
  trackReconnected,
  trackLoadStarted,
  trackLoadSucceeded,
  trackLoadFailed,
  trackSourceNoted,
  trackRenditionSwitched,
  trackBufferingStarted,
  trackBufferingEnded,
  trackSourceReleased,
  trackSuspended,
  trackLoadForced,
  trackMediaMeasured,
} = loadSlice.actions;
