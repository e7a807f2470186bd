// @vitest-environment happy-dom
import { combineSlices, configureStore } from '@reduxjs/toolkit';
import { QueryClient } from '@tanstack/react-query';
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { clipAnimationChanged, CompositeView, compositorSlice, CompositorProvider, playheadSeeked, trackAdded } from '../src';
import { createMediaHandlers } from '../src/mocks';
import { clipBytes, serveMediaDuringTests } from './support/compositorHarness';
import { createRecordingRenderer } from './support/recordingRenderer';

const server = serveMediaDuringTests();
afterEach(() => cleanup());

/**
 * One layer of two clips on a 1280 x 720 composite: the first fades in over its first two seconds
 * and turns a quarter, the second has no keyframes. The track's own look is at opacity 0.8.
 */
function editor() {
  const served = createMediaHandlers({ baseUrl: 'http://motion.test', files: { 'clip.mp4': { bytes: clipBytes } } });
  server.use(...served.handlers);
  const store = configureStore({ reducer: combineSlices(compositorSlice) });
  render(
    <CompositorProvider store={store} queryClient={new QueryClient()} config={{ renderer: createRecordingRenderer().renderer }}>
      <CompositeView width={1280} height={720} />
    </CompositorProvider>,
  );
  act(() => {
    store.dispatch(
      trackAdded({
        id: 'v',
        name: 'V',
        source: { url: 'http://motion.test/clip.mp4' },
        look: { opacity: 0.8 },
        clips: [
          { startMs: 0, inMs: 0, outMs: 4000 },
          { startMs: 4000, inMs: 0, outMs: 4000 },
        ],
      }),
    );
    store.dispatch(
      clipAnimationChanged({
        id: 'v',
        clip: 0,
        animation: {
          opacity: [
            { atMs: 0, value: 0 },
            { atMs: 2000, value: 1 },
          ],
          rotation: [
            { atMs: 0, value: 0, easing: 'hold' },
            { atMs: 1000, value: 90 },
          ],
        },
      }),
    );
  });
  const seek = (ms: number) => act(() => void store.dispatch(playheadSeeked(ms)));
  const box = () => screen.getByRole('group', { name: 'V layer' });
  return { seek, box };
}

describe("a layer's box under a clip with keyframes", () => {
  it('takes the look its keyframes give at the playhead, wherever the playhead lands', () => {
    const { seek, box } = editor();
    seek(500);
    expect(Number(box().style.opacity)).toBeCloseTo(0.25, 9);
    // Held at 0 degrees until the keyframe at 1 s.
    expect(box().style.transform).toContain('matrix(1, 0, 0, 1, 0, 0)');
    seek(1500);
    expect(Number(box().style.opacity)).toBeCloseTo(0.75, 9);
    expect(box().style.transform).toMatch(/matrix\((6\.1\d*e-17|0), 1, -1, (6\.1\d*e-17|0), 0, 0\)/);
  });

  it('goes back to the look as set where the next clip has no keyframes, and on returning moves again', () => {
    const { seek, box } = editor();
    seek(1000);
    expect(Number(box().style.opacity)).toBeCloseTo(0.5, 9);
    seek(5000);
    expect(Number(box().style.opacity)).toBeCloseTo(0.8, 9);
    expect(box().style.transform).toContain('matrix(1, 0, 0, 1, 0, 0)');
    seek(100);
    expect(Number(box().style.opacity)).toBeCloseTo(0.05, 9);
  });
});
