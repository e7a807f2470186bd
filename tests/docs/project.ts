import { createSlice } from '@reduxjs/toolkit';

// A host's own slice, as the integration docs' store combines it with the kit's.
export const projectSlice = createSlice({ name: 'project', initialState: { title: 'Untitled' }, reducers: {} });
