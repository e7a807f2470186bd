// @vitest-environment happy-dom
import { combineSlices, configureStore, type Middleware } from '@reduxjs/toolkit';
import { QueryClient } from '@tanstack/react-query';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { clipAnimationChanged, CompositeView, compositorSlice, CompositorProvider, playheadSeeked, selectSelectedTrackId, selectTrackById, trackAdded, trackLayoutChanged, trackLookChanged } from '../src';
import { createMediaHandlers } from '../src/mocks';
import { clipBytes, serveMediaDuringTests } from './support/compositorHarness';
import { createRecordingRenderer } from './support/recordingRenderer';

const server = serveMediaDuringTests();
afterEach(() => cleanup());

/** A 1280 x 720 composition drawn 640 x 360 on screen: a screen pixel is two of the composition's. */
function editor() {
  // Sixteen by nine, as the layers' boxes: the pictures fill them, before and after they load.
  const served = createMediaHandlers({ baseUrl: 'http://handles.test', files: { 'clip.mp4': { bytes: clipBytes } } });
  server.use(...served.handlers);
  const actions: string[] = [];
  const log: Middleware = () => (next) => (action) => {
    actions.push((action as { type: string }).type.replace(/^[^/]+\//, ''));
    return next(action);
  };
  const store = configureStore({
    reducer: combineSlices(compositorSlice),
    middleware: (defaults) => defaults().concat(log),
  });
  render(
    <CompositorProvider store={store} queryClient={new QueryClient()} config={{ renderer: createRecordingRenderer().renderer }}>
      <CompositeView width={1280} height={720} handles />
    </CompositorProvider>,
  );
  act(() => {
    store.dispatch(trackAdded({ id: 'wide', name: 'Wide', source: { url: 'http://handles.test/clip.mp4' }, clip: { startMs: 0, outMs: 4000 } }));
    store.dispatch(trackLayoutChanged({ id: 'wide', layout: { x: 0, y: 0, width: 640, height: 360 } }));
    store.dispatch(trackAdded({ id: 'inset', name: 'Inset', source: { url: 'http://handles.test/clip.mp4' }, clip: { startMs: 0, outMs: 4000 } }));
    store.dispatch(trackLayoutChanged({ id: 'inset', layout: { x: 320, y: 180, width: 640, height: 360 } }));
  });
  const composite = screen.getByRole('region', { name: 'Composite' });
  composite.getBoundingClientRect = () => ({ left: 0, top: 0, right: 640, bottom: 360, width: 640, height: 360, x: 0, y: 0, toJSON: () => ({}) });
  const edits = () => actions.filter((type) => !['trackAdded', 'trackLayoutChanged', 'lookPreviewed'].includes(type) && !type.startsWith('composition'));
  const track = (id: string) => selectTrackById(store.getState(), id)!;
  actions.length = 0;
  return { store, composite, actions, edits, track };
}

const press = (element: Element, x: number, y: number) => fireEvent.pointerDown(element, { clientX: x, clientY: y, button: 0, pointerId: 1 });
const drag = (element: Element, x: number, y: number, init: object = {}) => fireEvent.pointerMove(element, { clientX: x, clientY: y, pointerId: 1, ...init });
const release = (element: Element, x: number, y: number) => fireEvent.pointerUp(element, { clientX: x, clientY: y, pointerId: 1 });

describe('handles on the composite', () => {
  it('select the topmost layer under a press and move it by a drag, as one edit', () => {
    const { store, composite, actions, edits, track } = editor();
    // (250, 150) on screen is (500, 300): inside both; the inset is drawn above.
    press(composite, 250, 150);
    expect(selectSelectedTrackId(store.getState())).toBe('inset');
    drag(composite, 260, 160);
    // The layer moves while the drag runs (every renderer reads the store)...
    expect(track('inset').look).toMatchObject({ x: 340, y: 200 });
    drag(composite, 275, 170);
    release(composite, 275, 170);
    expect(track('inset').look).toMatchObject({ x: 370, y: 220 });
    // ...and the drag is one edit of the look, the previews between aside.
    expect(edits()).toEqual(['trackSelected', 'trackLookChanged']);
    expect(actions.filter((type) => type === 'lookPreviewed').length).toBeGreaterThanOrEqual(2);
    expect(screen.getByRole('button', { name: 'Move Inset' })).toBeTruthy();
  });

  it('hit a layer through its transform, and a press on nothing clears the selection', () => {
    const { store, composite } = editor();
    // The inset turned 45 degrees about its centre (640, 360).
    act(() => {
      store.dispatch(trackLookChanged({ id: 'inset', look: { rotation: 45 } }));
    });
    // (350, 85) on screen is (700, 170): outside the inset's box as laid out, inside it turned.
    press(composite, 350, 85);
    release(composite, 350, 85);
    expect(selectSelectedTrackId(store.getState())).toBe('inset');
    // (170, 100) is (340, 200): inside the box as laid out, outside it turned: the wide layer's.
    press(composite, 170, 100);
    release(composite, 170, 100);
    expect(selectSelectedTrackId(store.getState())).toBe('wide');
    // A press where nothing is drawn lets go of the selection.
    press(composite, 100, 340);
    expect(selectSelectedTrackId(store.getState())).toBeNull();
  });

  it('catch a moved layer’s edge on the composite’s edge', () => {
    const { composite, track } = editor();
    press(composite, 250, 150);
    // Moved 316 left in the composition: its left edge at 4, within 8 screen pixels of 0.
    drag(composite, 92, 150);
    release(composite, 92, 150);
    expect(track('inset').look).toMatchObject({ x: 0, y: 180 });
  });

  it('put a gesture back on Escape, with no edit', () => {
    const { composite, edits, track } = editor();
    press(composite, 250, 150);
    drag(composite, 300, 200);
    expect(track('inset').look).toMatchObject({ x: 420 });
    fireEvent.keyDown(document, { key: 'Escape' });
    release(composite, 300, 200);
    expect(track('inset').look).toBeUndefined();
    expect(edits()).toEqual(['trackSelected']);
  });

  it('scale from a corner and turn from the handle, and nudge, scale and turn from the keyboard', () => {
    const { composite, edits, track } = editor();
    press(composite, 250, 150);
    release(composite, 250, 150);
    // The bottom-right corner is at (960, 540), (480, 270) on screen; the anchor at the centre (640, 360).
    const corner = screen.getByRole('button', { name: 'Scale Inset from its bottom-right corner' });
    press(corner, 480, 270);
    drag(composite, 640, 315);
    release(composite, 640, 315);
    // From 320 across and 180 down of the anchor to 640 and 270: twice as wide, half as tall again.
    expect(track('inset').look?.scale).toEqual({ x: 2, y: 1.5 });

    const move = screen.getByRole('button', { name: 'Move Inset' });
    fireEvent.keyDown(move, { key: 'ArrowRight', shiftKey: true });
    fireEvent.keyDown(move, { key: 'ArrowUp' });
    expect(track('inset').look).toMatchObject({ x: 330, y: 179 });
    fireEvent.keyDown(screen.getByRole('button', { name: 'Rotate Inset' }), { key: 'ArrowRight', shiftKey: true });
    expect(track('inset').look?.rotation).toBe(10);
    fireEvent.keyDown(corner, { key: 'ArrowDown' });
    expect(track('inset').look?.scale?.x).toBeCloseTo(1.98, 9);
    expect(track('inset').look?.scale?.y).toBeCloseTo(1.485, 9);
    expect(edits()).toEqual(['trackSelected', 'trackLookChanged', 'trackLookChanged', 'trackLookChanged', 'trackLookChanged', 'trackLookChanged']);
  });

  it('set keyframes at the playhead where the clip animates what the handle moves, as one edit', () => {
    const { store, composite, edits, track } = editor();
    // The inset slides right from x 320 to 520 over its first two seconds; the playhead at 1 s (x 420).
    act(() => {
      store.dispatch(clipAnimationChanged({ id: 'inset', clip: 0, animation: { x: [{ atMs: 0, value: 320, easing: 'ease-in' }, { atMs: 2000, value: 520 }] } }));
      store.dispatch(playheadSeeked(1000));
    });
    const before = track('inset').clips[0].animation;
    // (250, 150) on screen is (500, 300): inside the inset, now at x 420.
    press(composite, 250, 150);
    drag(composite, 260, 160);
    // Under way, the layer shows the drag: a keyframe previewed at 1 s.
    expect(track('inset').clips[0].animation?.x?.[1]).toMatchObject({ atMs: 1000 });
    drag(composite, 275, 170);
    release(composite, 275, 170);
    // Where the layer was at 1 s: ease-in (CSS's cubic-bezier(0.42, 0, 1, 1)) half way is 0.31536 of the way.
    const eased = 320 + 200 * 0.3153568126;
    const keyframes = track('inset').clips[0].animation;
    expect(keyframes?.x?.map((keyframe) => keyframe.atMs)).toEqual([0, 1000, 2000]);
    expect(keyframes?.x?.[1].value).toBeCloseTo(eased + 50, 3);
    // Put in between two keyframes, it eases on as the segment it landed in did.
    expect(keyframes?.x?.[1].easing).toBe('ease-in');
    // y had no keyframes: the gesture starts them (moved 40 down).
    expect(keyframes?.y).toEqual([{ atMs: 1000, value: 220 }]);
    // The track's look is untouched; the drag was one edit of the clip's keyframes.
    expect(track('inset').look).toBeUndefined();
    expect(edits()).toEqual(['clipAnimationChanged', 'playheadSeeked', 'trackSelected', 'clipAnimationChanged']);

    // Escape puts a gesture's keyframes back as they were.
    press(composite, 300, 150);
    drag(composite, 320, 150);
    fireEvent.keyDown(document, { key: 'Escape' });
    release(composite, 320, 150);
    expect(track('inset').clips[0].animation).toEqual(keyframes);
    expect(before?.x).toHaveLength(2);
  });
});
