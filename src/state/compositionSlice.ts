import { createSlice, type PayloadAction } from '@reduxjs/toolkit';
import { LookError } from './layerLook';

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

// The colour forms both renderers take the same way: CSS sets it as a custom property and the
// canvas reads it back from the computed style. Checked by shape, since the store has no DOM.
const colourForms = [/^#(?:[0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})$/i, /^(?:rgba?|hsla?)\([0-9.,%\s/+-]+\)$/i, /^[a-z]+$/i];

/** Throws a `LookError` for a background that is not a CSS colour of the forms above. */
export function checkBackground(background: unknown): asserts background is string {
  if (typeof background !== 'string' || !colourForms.some((form) => form.test(background.trim()))) {
    throw new LookError('background', `${String(background)} is not a colour (#rrggbb, rgb(...), hsl(...) or a name)`);
  }
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
