// @vitest-environment happy-dom
import { QueryClient } from '@tanstack/react-query';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CompositorProvider, Timeline, createCompositorStore, playheadSeeked, selectTrackById, trackSelected, tracksAdded, withLinkedSound } from '../src';
import { trackDurationLearnt } from '../src/state';
import { createRecordingRenderer } from './support/recordingRenderer';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const frame = 1000 / 30;

/** A 10 s timeline of two tracks, drawn 1000 px wide: 10 ms a pixel. */
function renderProject(editable: Parameters<typeof Timeline>[0]['editable'] = true) {
  const store = createCompositorStore();
  store.dispatch(
    tracksAdded([
      // Hidden and muted: nothing is loaded (the test has no media), the timeline shows them all the same.
      ...withLinkedSound({ id: 'cam', name: 'Camera', source: { url: '/cam.mp4' }, clips: [{ startMs: 1000, inMs: 2000, outMs: 5000 }], visible: false }).map((track) => ({ ...track, mix: { muted: true } })),
      { id: 'b', name: 'B-roll', source: { url: '/b.mp4' }, clips: [{ startMs: 6000, inMs: 0, outMs: 4000 }], visible: false },
    ]),
  );
  const actions: string[] = [];
  const dispatch = store.dispatch;
  vi.spyOn(store, 'dispatch').mockImplementation(((action: { type: string }) => {
    actions.push(action.type);
    return dispatch(action as never);
  }) as typeof store.dispatch);
  // A test DOM has no layout: the lane is 1000 px wide from x = 100.
  vi.spyOn(HTMLElement.prototype, 'getBoundingClientRect').mockReturnValue({ left: 100, width: 1000, top: 0, height: 100, right: 1100, bottom: 100, x: 100, y: 0, toJSON: () => ({}) });
  render(
    <CompositorProvider store={store} queryClient={new QueryClient()} config={{ renderer: createRecordingRenderer().renderer }}>
      <Timeline editable={editable} waveforms={false} />
    </CompositorProvider>,
  );
  return { store, actions, clipsOf: (id: string) => selectTrackById(store.getState(), id)?.clips };
}

function drag(element: HTMLElement, fromX: number, toX: number) {
  fireEvent.pointerDown(element, { button: 0, pointerId: 1, clientX: fromX });
  fireEvent.pointerMove(element, { pointerId: 1, clientX: (fromX + toX) / 2 });
  fireEvent.pointerMove(element, { pointerId: 1, clientX: toX });
  fireEvent.pointerUp(element, { pointerId: 1, clientX: toX });
}

describe('an editable timeline', () => {
  it('moves a dragged clip, its linked sound with it, in one action when the pointer lets go', () => {
    const { actions, clipsOf } = renderProject({ snapPx: 0 });
    const clip = screen.getByRole('button', { name: 'Camera clip 1, 0:01.0 to 0:04.0' });
    fireEvent.pointerDown(clip, { button: 0, pointerId: 1, clientX: 300 });
    fireEvent.pointerMove(clip, { pointerId: 1, clientX: 350 });
    // Under way: the row shows where it would go, the store is as it was.
    expect(screen.getByRole('button', { name: 'Camera clip 1, 0:01.5 to 0:04.5' })).toBeTruthy();
    expect(clipsOf('cam')).toEqual([{ startMs: 1000, inMs: 2000, outMs: 5000 }]);
    fireEvent.pointerUp(clip, { pointerId: 1, clientX: 350 });
    const moved = [{ startMs: 1500, inMs: 2000, outMs: 5000 }];
    expect(clipsOf('cam')).toEqual(moved);
    expect(clipsOf('cam.sound')).toEqual(moved);
    expect(actions.filter((type) => type.endsWith('ClipsChanged'))).toEqual(['tracks/trackClipsChanged']);
  });

  it('snaps a dragged clip onto another clip edge within reach, and lands on frames', () => {
    const { clipsOf } = renderProject();
    // The camera clip ends at 4 s; dragged 1.96 s on, it would end at 5.96 s: pulled onto B-roll's 6 s.
    drag(screen.getByRole('button', { name: /^Camera clip 1/ }), 300, 496);
    expect(clipsOf('cam')).toEqual([{ startMs: expect.closeTo(3000, 6), inMs: 2000, outMs: 5000 }]);
    // Far from any edge: on the nearest frame.
    drag(screen.getByRole('button', { name: /^B-roll clip 1/ }), 700, 903);
    expect(clipsOf('b')?.[0].startMs).toBeCloseTo(Math.round(8030 / frame) * frame, 6);
  });

  it('trims by its edges against the media, and puts a drag back on Escape', () => {
    const { clipsOf, store } = renderProject({ snapPx: 0 });
    // The camera's media is 12 s long once known: its end cannot pass 12 s of source.
    act(() => {
      store.dispatch(trackDurationLearnt({ id: 'cam', durationMs: 12_000 }));
    });
    drag(screen.getByRole('slider', { name: 'End of Camera clip 1' }), 500, 2000);
    expect(clipsOf('cam')).toEqual([{ startMs: 1000, inMs: 2000, outMs: 12_000 }]);
    drag(screen.getByRole('slider', { name: 'Start of Camera clip 1' }), 200, 0);
    // Back to the start of its source (2 s before) would be before the timeline's: stopped at 0.
    expect(clipsOf('cam')).toEqual([{ startMs: 0, inMs: 1000, outMs: 12_000 }]);

    const start = screen.getByRole('slider', { name: 'Start of Camera clip 1' });
    fireEvent.pointerDown(start, { button: 0, pointerId: 2, clientX: 100 });
    fireEvent.pointerMove(start, { pointerId: 2, clientX: 400 });
    fireEvent.keyDown(start, { key: 'Escape' });
    fireEvent.pointerUp(start, { pointerId: 2, clientX: 400 });
    expect(clipsOf('cam')).toEqual([{ startMs: 0, inMs: 1000, outMs: 12_000 }]);
  });

  it('moves, trims and removes from the keyboard', () => {
    const { clipsOf } = renderProject();
    const clip = screen.getByRole('button', { name: /^B-roll clip 1/ });
    fireEvent.keyDown(clip, { key: 'ArrowRight', shiftKey: true });
    expect(clipsOf('b')).toEqual([{ startMs: expect.closeTo(7000, 6), inMs: 0, outMs: 4000 }]);
    fireEvent.keyDown(screen.getByRole('slider', { name: 'End of B-roll clip 1' }), { key: 'ArrowLeft' });
    expect(clipsOf('b')?.[0].outMs).toBeCloseTo(4000 - frame, 6);
    fireEvent.keyDown(screen.getByRole('button', { name: /^B-roll clip 1/ }), { key: 'Delete' });
    expect(clipsOf('b')).toEqual([]);
  });

  it('splits the clip under the playhead, of the selected track or of every track, in one action', () => {
    const { store, actions, clipsOf } = renderProject();
    act(() => {
      store.dispatch(playheadSeeked(2000));
    });
    act(() => {
      screen.getByRole('button', { name: 'Split' }).click();
    });
    expect(clipsOf('cam')).toEqual([
      { startMs: 1000, inMs: 2000, outMs: 3000 },
      { startMs: 2000, inMs: 3000, outMs: 5000 },
    ]);
    expect(clipsOf('cam.sound')).toEqual(clipsOf('cam'));
    // B-roll has no clip at 2 s: untouched.
    expect(clipsOf('b')).toEqual([{ startMs: 6000, inMs: 0, outMs: 4000 }]);
    expect(actions.filter((type) => type.endsWith('ClipsChanged'))).toEqual(['tracks/tracksClipsChanged']);

    act(() => {
      store.dispatch(playheadSeeked(7000));
      store.dispatch(trackSelected('cam'));
    });
    act(() => {
      screen.getByRole('button', { name: 'Split' }).click();
    });
    // Only the selected track is cut, and it has nothing at 7 s.
    expect(clipsOf('b')).toEqual([{ startMs: 6000, inMs: 0, outMs: 4000 }]);
  });

  it('is not editable unless asked', () => {
    renderProject(false);
    expect(screen.queryByRole('button', { name: /clip 1/ })).toBeNull();
    expect(screen.queryByRole('slider', { name: /Start of/ })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Split' })).toBeNull();
  });
});
