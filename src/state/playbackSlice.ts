import { createSlice, type PayloadAction } from '@reduxjs/toolkit';

export interface PlaybackState {
  playheadMs: number;
  playing: boolean;
  /**
   * Counts explicit seeks. The clock moves the playhead many times a second while playing; a
   * layer re-seeks its video only when this changes, not on every clock tick.
   */
  seekRevision: number;
}

const initialState: PlaybackState = { playheadMs: 0, playing: false, seekRevision: 0 };

const clampTime = (ms: number) => (Number.isFinite(ms) ? Math.max(0, ms) : 0);

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
  },
});

export const { playbackStarted, playbackPaused, playheadSeeked, playheadAdvanced } = playbackSlice.actions;
