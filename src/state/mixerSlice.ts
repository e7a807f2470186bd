import { createSlice, type PayloadAction } from '@reduxjs/toolkit';
import { trackAdded, trackRemoved, tracksAdded, type NewTrack } from './tracksSlice';

/** One track's place in the mix: what a mixer strip shows. */
export interface ChannelSettings {
  /** Fader level in dB; `minVolumeDb` and below is silence. */
  volumeDb: number;
  /** -1 (left) to 1 (right). */
  pan: number;
  muted: boolean;
  soloed: boolean;
}

export interface MixerState {
  masterVolumeDb: number;
  channels: Record<string, ChannelSettings>;
}

/** The bottom of a fader: silence. */
export const minVolumeDb = -60;
/** The top of a fader: a little gain above unity, as mixing desks allow. */
export const maxVolumeDb = 6;

export const defaultChannel: ChannelSettings = { volumeDb: 0, pan: 0, muted: false, soloed: false };

/** The linear gain of a fader level: 0 at the bottom of the fader, 1 at 0 dB. */
export function gainOfDb(volumeDb: number): number {
  return volumeDb <= minVolumeDb ? 0 : 10 ** (Math.min(maxVolumeDb, volumeDb) / 20);
}

const clamp = (value: number, low: number, high: number) => (Number.isFinite(value) ? Math.min(high, Math.max(low, value)) : undefined);

function channelOf(track: NewTrack): ChannelSettings {
  const given = track.mix ?? {};
  return {
    volumeDb: clamp(given.volumeDb ?? 0, minVolumeDb, maxVolumeDb) ?? 0,
    pan: clamp(given.pan ?? 0, -1, 1) ?? 0,
    muted: given.muted ?? false,
    soloed: given.soloed ?? false,
  };
}

/**
 * The mix: per track a fader, a pan, mute and solo, and a master fader. Kept apart from the
 * tracks so a fader being dragged changes nothing the picture reads.
 */
export const mixerSlice = createSlice({
  name: 'mixer',
  initialState: { masterVolumeDb: 0, channels: {} } as MixerState,
  reducers: {
    channelVolumeChanged(state, action: PayloadAction<{ id: string; volumeDb: number }>) {
      const channel = state.channels[action.payload.id];
      const volumeDb = clamp(action.payload.volumeDb, minVolumeDb, maxVolumeDb);
      if (channel && volumeDb !== undefined) channel.volumeDb = volumeDb;
    },
    channelPanChanged(state, action: PayloadAction<{ id: string; pan: number }>) {
      const channel = state.channels[action.payload.id];
      const pan = clamp(action.payload.pan, -1, 1);
      if (channel && pan !== undefined) channel.pan = pan;
    },
    channelMuted(state, action: PayloadAction<{ id: string; muted: boolean }>) {
      const channel = state.channels[action.payload.id];
      if (channel) channel.muted = action.payload.muted;
    },
    channelSoloed(state, action: PayloadAction<{ id: string; soloed: boolean }>) {
      const channel = state.channels[action.payload.id];
      if (channel) channel.soloed = action.payload.soloed;
    },
    masterVolumeChanged(state, action: PayloadAction<number>) {
      const volumeDb = clamp(action.payload, minVolumeDb, maxVolumeDb);
      if (volumeDb !== undefined) state.masterVolumeDb = volumeDb;
    },
  },
  extraReducers: (builder) => {
    builder
      .addCase(trackAdded, (state, action) => {
        state.channels[action.payload.id] ??= channelOf(action.payload);
      })
      .addCase(tracksAdded, (state, action) => {
        for (const track of action.payload) state.channels[track.id] ??= channelOf(track);
      })
      .addCase(trackRemoved, (state, action) => {
        delete state.channels[action.payload];
      });
  },
});

export const { channelVolumeChanged, channelPanChanged, channelMuted, channelSoloed, masterVolumeChanged } = mixerSlice.actions;
