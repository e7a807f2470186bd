import { combineSlices, configureStore, createSlice, type PayloadAction } from '@reduxjs/toolkit';
import { compositorSlice, type CompositorRootState } from 'multitrack-kit';

/** The editor's own state: what its project is called. The kit's state is injected beside it. */
export const projectSlice = createSlice({
  name: 'project',
  initialState: { title: 'Untitled project' },
  reducers: {
    projectRenamed(state, action: PayloadAction<string>) {
      state.title = action.payload;
    },
  },
});

const rootReducer = combineSlices(projectSlice).withLazyLoadedSlices<CompositorRootState>();

export const store = configureStore({ reducer: rootReducer });
// Injected when the editor starts, as a code-split host would when the compositor's route loads.
rootReducer.inject(compositorSlice);

export type EditorState = ReturnType<typeof store.getState>;
