// @vitest-environment happy-dom
import { combineSlices, configureStore, createSlice } from '@reduxjs/toolkit';
import { QueryClient } from '@tanstack/react-query';
import { act, cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  blobResolver,
  compositorSlice,
  CompositorProvider,
  selectLoadState,
  selectTimelineDurationMs,
  selectTrackById,
  selectTracksInPaintOrder,
  trackAdded,
  trackHidden,
  type CompositorConfig,
  type CompositorRootState,
  type TrackLoadChange,
} from '../src';
import { selectCompositeRunning, sourceKeys } from '../src/renderer';
import { clipBytes, serveMediaDuringTests, waitFor } from './support/compositorHarness';
import { createMediaHandlers } from '../src/mocks';
import { watchObjectUrls } from './support/objectUrls';

/** The host's own state, beside which the kit is injected. */
const projectSlice = createSlice({
  name: 'project',
  initialState: { title: 'Untitled' },
  reducers: { renamed: (state, action: { payload: string }) => ({ ...state, title: action.payload }) },
});

function hostStore() {
  const rootReducer = combineSlices(projectSlice).withLazyLoadedSlices<CompositorRootState>();
  const store = configureStore({ reducer: rootReducer });
  return { store, rootReducer };
}

const server = serveMediaDuringTests();
let run = 0;
function media(files: Record<string, Uint8Array<ArrayBuffer>>, faults = {}) {
  run += 1;
  const served = createMediaHandlers({
    baseUrl: `http://host.test/run-${run}`,
    files: Object.fromEntries(Object.entries(files).map(([name, bytes]) => [name, { bytes }])),
    faults,
  });
  server.use(...served.handlers);
  return served;
}

afterEach(() => cleanup());

describe('given a host store that injects the kit lazily', () => {
  it('reads empty kit state through the kit selectors before the kit is injected', () => {
    const { store } = hostStore();
    const state = store.getState();
    expect(selectTracksInPaintOrder(state)).toEqual([]);
    expect(selectLoadState(state, 'any').status).toBe('idle');
    expect(selectTimelineDurationMs(state)).toBe(0);
    expect(selectCompositeRunning(state)).toBe(false);
  });

  it("takes the kit's actions once injected, beside the host's own state", () => {
    const { store, rootReducer } = hostStore();
    rootReducer.inject(compositorSlice);
    store.dispatch(trackAdded({ id: 'a', name: 'Camera A', source: { url: '/a.mp4' } }));
    store.dispatch(projectSlice.actions.renamed('Cut 1'));
    expect(selectTrackById(store.getState(), 'a')?.name).toBe('Camera A');
    expect(store.getState().project.title).toBe('Cut 1');
  });
});

describe('given a host store and a host QueryClient', () => {
  it("loads through the host's client, tells the host, and releases what it held when a track is hidden", async () => {
    const urls = watchObjectUrls();
    const served = media({ 'a.mp4': clipBytes });
    const { store, rootReducer } = hostStore();
    rootReducer.inject(compositorSlice);
    const queryClient = new QueryClient();
    const changes: TrackLoadChange[] = [];
    const config: CompositorConfig = {
      sources: { resolvers: [blobResolver], maxRetries: 0 },
      onTrackLoadStateChange: (change) => changes.push(change),
    };
    render(
      <CompositorProvider store={store} queryClient={queryClient} config={config}>
        {null}
      </CompositorProvider>,
    );
    act(() => {
      store.dispatch(trackAdded({ id: 'a', name: 'Camera A', source: { url: served.urlOf('a.mp4') } }));
    });
    await waitFor(() => selectLoadState(store.getState(), 'a').status === 'ready', 'track ready');
    expect(changes.filter((change) => change.trackId === 'a').map((change) => change.state.status)).toEqual(['idle', 'queued', 'loading', 'ready']);
    expect(queryClient.getQueryCache().findAll({ queryKey: sourceKeys.all })).toHaveLength(1);
    expect(urls.live.size).toBe(1);

    act(() => {
      store.dispatch(trackHidden('a'));
    });
    await waitFor(() => urls.live.size === 0, 'object URL revoked');
    expect(queryClient.getQueryCache().findAll({ queryKey: sourceKeys.all })).toHaveLength(0);
    expect(selectLoadState(store.getState(), 'a').status).toBe('released');
  });

  it('reports a track that fails, with the reason, once', async () => {
    const served = media({ 'gone.mp4': clipBytes }, { 'gone.mp4': { kind: 'status', status: 404 } });
    const onTrackError = vi.fn();
    const config: CompositorConfig = { sources: { resolvers: [blobResolver], maxRetries: 0 }, onTrackError };
    const { store, rootReducer } = hostStore();
    rootReducer.inject(compositorSlice);
    render(
      <CompositorProvider store={store} queryClient={new QueryClient()} config={config}>
        {null}
      </CompositorProvider>,
    );
    act(() => {
      store.dispatch(trackAdded({ id: 'gone', name: 'Gone', source: { url: served.urlOf('gone.mp4') } }));
    });
    await waitFor(() => onTrackError.mock.calls.length > 0, 'error reported');
    await act(() => new Promise((resolve) => setTimeout(resolve, 50)));
    expect(onTrackError).toHaveBeenCalledTimes(1);
    expect(onTrackError.mock.calls[0][0]).toBe('gone');
    expect(onTrackError.mock.calls[0][1]).toMatchObject({ kind: 'not-found' });
  });
});
