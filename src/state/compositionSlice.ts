import { createSlice, type PayloadAction } from '@reduxjs/toolkit';

/**
 * The size of the composition, in the pixels track layouts use, once a view says it. Until then
 * every layer counts as on the composite.
 */
export interface CompositionState {
  width?: number;
  height?: number;
}

export const compositionSlice = createSlice({
  name: 'composition',
  initialState: {} as CompositionState,
  reducers: {
    /** The composite view is this size: layers wholly outside it are not seen, and hold nothing. */
    compositionResized(state, action: PayloadAction<{ width: number; height: number }>) {
      const { width, height } = action.payload;
      if (!(width > 0 && height > 0)) return;
      state.width = width;
      state.height = height;
    },
  },
});

export const { compositionResized } = compositionSlice.actions;
