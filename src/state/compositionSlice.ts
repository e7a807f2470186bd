import { createSlice, type PayloadAction } from '@reduxjs/toolkit';
import { checkColour } from './layerContent';

/**
 * The size of the composition, in the pixels track layouts use, once a view says it. Until then
 * every layer counts as on the composite. Its background colour, when a host sets one (else the
 * theme's `--mtk-composite-background`), is what shows where no layer covers it and around a
 * layer's picture in its box, in both renderers and in exported frames.
 */
export interface CompositionState {
  width?: number;
  height?: number;
  background?: string;
}

/** Throws a `LookError` for a background that is not a CSS colour (`checkColour`). */
export function checkBackground(background: unknown): asserts background is string {
  checkColour('background', background);
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
    /** The composition's background colour is now this one; anything but a colour is refused with a `LookError`. */
    compositionBackgroundChanged: {
      reducer(state, action: PayloadAction<{ background: string }>) {
        state.background = action.payload.background.trim();
      },
      prepare(payload: { background: string }) {
        checkBackground(payload.background);
        return { payload };
      },
    },
  },
});

export const { compositionResized, compositionBackgroundChanged } = compositionSlice.actions;
