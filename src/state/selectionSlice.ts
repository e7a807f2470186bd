import { createSlice, type PayloadAction } from '@reduxjs/toolkit';
import { trackRemoved } from './tracksSlice';

export interface SelectionState {
  selectedTrackId: string | null;
}

const initialState: SelectionState = { selectedTrackId: null };

export const selectionSlice = createSlice({
  name: 'selection',
  initialState,
  reducers: {
    /** Selects a track, or clears the selection with `null`. */
    trackSelected(state, action: PayloadAction<string | null>) {
      state.selectedTrackId = action.payload;
    },
  },
  extraReducers: (builder) => {
    builder.addCase(trackRemoved, (state, action) => {
      if (state.selectedTrackId === action.payload) state.selectedTrackId = null;
    });
  },
});

export const { trackSelected } = selectionSlice.actions;
