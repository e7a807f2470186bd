import { createSlice, type PayloadAction } from '@reduxjs/toolkit';

/** What the browser turned out to allow, learnt when it refused; the decoder budget stays under it. */
export interface LimitsState {
  /** Media players the browser allows at once, once it has refused one. */
  players?: number;
}

export const limitsSlice = createSlice({
  name: 'limits',
  initialState: {} as LimitsState,
  reducers: {
    /**
     * The browser refused a media player to a track while `livePlayers` others were alive: the
     * budget backs off to that many, and the track is suspended until there is room.
     */
    playerLimitReached(state, action: PayloadAction<{ id: string; attempt: number; livePlayers: number }>) {
      state.players = Math.max(1, Math.min(state.players ?? Number.POSITIVE_INFINITY, action.payload.livePlayers));
    },
  },
});

export const { playerLimitReached } = limitsSlice.actions;
