import { createSlice, type PayloadAction } from '@reduxjs/toolkit';

export interface PlaybackState {
  /** The master clock's reading: the one time every visible track shows. */
  playheadMs: number;
  /** Whether the user asked to play. The composite may still wait for a buffering track. */
  playing: boolean;
  /**
   * Counts explicit seeks. The clock moves the playhead many times a second while playing; a
   * layer re-seeks its video only when this changes, not on every clock tick.
   */
  seekRevision: number;
  /** Frames a second of the composition: frame steps, timecode and the scrub grid use it. */
  frameRate: number;
  /** Stop the whole composite while any visible track buffers, so no track falls behind the others. */
  waitForBuffering: boolean;
  /**
   * The in and out marks a person set on the timeline (I and O), in ms: the part of it they mean
   * to play or export. Either may be unset; when both are, in comes before out.
   */
  marks: TimelineMarks;
}

export interface TimelineMarks {
  inMs?: number;
  outMs?: number;
}

export interface PlaybackSettings {
  frameRate: number;
  waitForBuffering: boolean;
}

const initialState: PlaybackState = {
  playheadMs: 0,
  playing: false,
  seekRevision: 0,
  frameRate: 30,
  waitForBuffering: true,
  marks: {},
};

const clampTime = (ms: number) => (Number.isFinite(ms) ? Math.max(0, ms) : 0);

/** The start of the frame `frames` away from the one that holds `ms`, at `frameRate`. */
export function frameStepMs(ms: number, frames: number, frameRate: number): number {
  const frameMs = 1000 / frameRate;
  // A small epsilon keeps a time that sits exactly on a frame boundary in that frame despite float error.
  const frame = Math.floor(ms / frameMs + 1e-6);
  return clampTime((frame + frames) * frameMs);
}

export const playbackSlice = createSlice({
  name: 'playback',
  initialState,
  reducers: {
    playbackStarted(state) {
      state.playing = true;
    },
    playbackPaused(state) {
      state.playing = false;
    },
    playheadSeeked(state, action: PayloadAction<number>) {
      state.playheadMs = clampTime(action.payload);
      state.seekRevision += 1;
    },
    /** The clock's tick while playing; not a seek. */
    playheadAdvanced(state, action: PayloadAction<number>) {
      state.playheadMs = clampTime(action.payload);
    },
    /** Pauses and moves the playhead whole frames (negative: back), onto the frame grid. */
    frameStepped(state, action: PayloadAction<number>) {
      state.playing = false;
      state.playheadMs = frameStepMs(state.playheadMs, action.payload, state.frameRate);
      state.seekRevision += 1;
    },
    /** Sets the in mark at `ms`; an out mark before it is cleared (a mark pair never runs backwards). */
    markInSet(state, action: PayloadAction<number>) {
      const inMs = clampTime(action.payload);
      // A state saved before marks existed has none.
      const { outMs } = state.marks ?? {};
      state.marks = { inMs, ...(outMs !== undefined && outMs > inMs ? { outMs } : {}) };
    },
    /** Sets the out mark at `ms`; an in mark after it is cleared. */
    markOutSet(state, action: PayloadAction<number>) {
      const outMs = clampTime(action.payload);
      const { inMs } = state.marks ?? {};
      state.marks = { ...(inMs !== undefined && inMs < outMs ? { inMs } : {}), outMs };
    },
    marksCleared(state) {
      state.marks = {};
    },
    playbackSettingsChanged(state, action: PayloadAction<Partial<PlaybackSettings>>) {
      const { frameRate, waitForBuffering } = action.payload;
      if (frameRate !== undefined && Number.isFinite(frameRate) && frameRate > 0) state.frameRate = frameRate;
      if (waitForBuffering !== undefined) state.waitForBuffering = waitForBuffering;
    },
  },
});

export const {
  playbackStarted,
  playbackPaused,
  playheadSeeked,
  playheadAdvanced,
  frameStepped,
  markInSet,
  markOutSet,
  marksCleared,
  playbackSettingsChanged,
} = playbackSlice.actions;
