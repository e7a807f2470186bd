// @vitest-environment happy-dom
import { QueryClient } from '@tanstack/react-query';
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import {
  CompositeView,
  CompositorProvider,
  MemoryReadout,
  createCompositorStore,
  playheadSeeked,
  selectLoadState,
  trackAdded,
  trackHidden,
  trackShown,
  type CompositorConfig,
} from '../src';
import { createMediaHandlers } from '../src/mocks';
import { clipBytes, otherClipBytes, serveMediaDuringTests, waitFor } from './support/compositorHarness';
import { createRecordingRenderer } from './support/recordingRenderer';

const server = serveMediaDuringTests();
let run = 0;
function media(files: Record<string, Uint8Array<ArrayBuffer>>) {
  run += 1;
  const served = createMediaHandlers({
    baseUrl: `http://seam.test/run-${run}`,
    files: Object.fromEntries(Object.entries(files).map(([name, bytes]) => [name, { bytes }])),
  });
  server.use(...served.handlers);
  return served;
}

afterEach(() => cleanup());

function mountWith(recording: ReturnType<typeof createRecordingRenderer>, setUp: (store: ReturnType<typeof createCompositorStore>) => void) {
  const store = createCompositorStore();
  setUp(store);
  const config: CompositorConfig = { renderer: recording.renderer, sources: { maxRetries: 0 } };
  const view = render(
    <CompositorProvider store={store} queryClient={new QueryClient()} config={config}>
      <CompositeView width={640} height={360} />
      <MemoryReadout intervalMs={20} />
    </CompositorProvider>,
  );
  return { store, view };
}

describe('given a renderer other than the element one', () => {
  it('is asked to draw each seen track with its streamed source, and no <video> is made', async () => {
    const served = media({ 'a.mp4': clipBytes, 'b.webm': otherClipBytes });
    const recording = createRecordingRenderer();
    const { store, view } = mountWith(recording, (created) => {
      created.dispatch(trackAdded({ id: 'a', name: 'A', source: { url: served.urlOf('a.mp4') } }));
      created.dispatch(trackAdded({ id: 'b', name: 'B', source: { url: served.urlOf('b.webm') }, visible: false }));
    });
    await waitFor(() => recording.mounted.has('a'), 'the layer of track a drawn');
    expect(recording.lastDrawOf('a')).toEqual({ trackId: 'a', rendition: 'original', url: served.urlOf('a.mp4'), runs: [0] });
    // A hidden track is never handed to the renderer.
    expect(recording.draws.some((draw) => draw.trackId === 'b')).toBe(false);
    expect(view.container.querySelector('[data-recorded-layer="a"]')).not.toBeNull();
    expect(view.container.querySelector('video')).toBeNull();
    expect(selectLoadState(store.getState(), 'a').status).toBe('ready');
    // The memory monitor counts the renderer's decoders, whatever they are.
    await waitFor(() => /1 live decoder\b/.test(screen.getByLabelText('Memory').textContent ?? ''), 'one live decoder read');
  });

  it('unmounts the layer of a track that is hidden, and mounts the one shown', async () => {
    const served = media({ 'a.mp4': clipBytes, 'b.webm': otherClipBytes });
    const recording = createRecordingRenderer();
    const { store } = mountWith(recording, (created) => {
      created.dispatch(trackAdded({ id: 'a', name: 'A', source: { url: served.urlOf('a.mp4') } }));
      created.dispatch(trackAdded({ id: 'b', name: 'B', source: { url: served.urlOf('b.webm') }, visible: false }));
    });
    await waitFor(() => recording.mounted.has('a'), 'track a drawn');
    act(() => {
      store.dispatch(trackHidden('a'));
      store.dispatch(trackShown('b'));
    });
    await waitFor(() => recording.mounted.has('b') && !recording.mounted.has('a'), 'a let go, b drawn');
    expect(recording.lastDrawOf('b')?.url).toBe(served.urlOf('b.webm'));
    await waitFor(() => /1 live decoder\b/.test(screen.getByLabelText('Memory').textContent ?? ''), 'one live decoder read');
  });

  it('is told which clip run to hold as the playhead crosses a cut', async () => {
    const served = media({ 'a.mp4': clipBytes });
    const recording = createRecordingRenderer();
    const { store } = mountWith(recording, (created) => {
      created.dispatch(trackAdded({
        id: 'a',
        name: 'A',
        source: { url: served.urlOf('a.mp4') },
        clips: [{ startMs: 0, inMs: 0, outMs: 1000 }, { startMs: 1000, inMs: 3000, outMs: 4000 }],
      }));
    });
    await waitFor(() => recording.mounted.has('a'), 'track a drawn');
    expect(recording.lastDrawOf('a')?.runs).toEqual([0]);
    act(() => {
      store.dispatch(playheadSeeked(1500));
    });
    await waitFor(() => recording.lastDrawOf('a')?.runs[0] === 1, 'the second run on screen');
  });
});
