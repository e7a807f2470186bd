// @vitest-environment happy-dom
import { QueryClient } from '@tanstack/react-query';
import { act } from 'react';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CompositorProvider, Timeline, clipAnimationChanged, clipFadesChanged, createCompositorStore, selectTrackById, tracksAdded, transitionAdded } from '../src';
import { keyframeMarks, levelShape } from '../src/components/clipAutomationShape';
import { createRecordingRenderer } from './support/recordingRenderer';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

/** A muted voice track (nothing loads; no waveform is asked for) and a hidden picture track, 4 s clips. */
function renderProject(editable = false) {
  const store = createCompositorStore();
  store.dispatch(
    tracksAdded([
      { id: 'voice', name: 'Voice', kind: 'audio', source: { url: '/voice.m4a' }, clips: [{ startMs: 0, inMs: 0, outMs: 4000 }], mix: { muted: true } },
      { id: 'cam', name: 'Camera', source: { url: '/cam.mp4' }, clips: [{ startMs: 0, inMs: 0, outMs: 4000 }], visible: false },
    ]),
  );
  render(
    <CompositorProvider store={store} queryClient={new QueryClient()} config={{ renderer: createRecordingRenderer().renderer }}>
      <Timeline waveforms={false} editable={editable && { snapPx: 0 }} />
    </CompositorProvider>,
  );
  return store;
}

describe("a clip's changes over its life on the timeline", () => {
  it('draws an audio clip\'s fades and level, named for assistive technology, once it has them', () => {
    const store = renderProject();
    expect(screen.queryByRole('img', { name: /^Level of Voice clip 1/ })).toBeNull();
    act(() => {
      store.dispatch(clipFadesChanged({ id: 'voice', clip: 0, fades: { in: { durationMs: 500 }, out: { durationMs: 1000, curve: 's-curve' } } }));
    });
    const level = screen.getByRole('img', { name: 'Level of Voice clip 1: fade in 0.5 s equal power, fade out 1.0 s s curve' });
    // One shaded area a fade, under one line.
    expect(level.querySelectorAll('polygon')).toHaveLength(2);
    expect(level.querySelectorAll('polyline')).toHaveLength(1);
  });

  it('marks each time a clip has keyframes, with the properties they set', () => {
    const store = renderProject();
    act(() => {
      store.dispatch(clipAnimationChanged({ id: 'cam', clip: 0, animation: { opacity: [{ atMs: 0, value: 0 }, { atMs: 1000, value: 1 }], rotation: [{ atMs: 1000, value: 90 }] } }));
    });
    const marks = screen.getByRole('img', { name: 'Keyframes of Camera clip 1: 0.0 s opacity; 1.0 s rotation, opacity' });
    const diamonds = [...marks.querySelectorAll<HTMLElement>('.mtk-keyframe')];
    expect(diamonds.map((diamond) => diamond.style.left)).toEqual(['0%', '25%']);
    // A picture clip draws no level line.
    expect(screen.queryByRole('img', { name: /^Level of Camera/ })).toBeNull();
  });

  it('draws the transition a clip comes in by as a band over its start, named', () => {
    const store = renderProject();
    act(() => {
      store.dispatch(tracksAdded([{ id: 'b', name: 'B-roll', source: { url: '/b.mp4' }, clip: { startMs: 3000, inMs: 0, outMs: 2000 }, visible: false }]));
      store.dispatch(transitionAdded({ from: { id: 'cam', clip: 0 }, to: { id: 'b', clip: 0 }, transition: { kind: 'wipe', durationMs: 500, from: 'right' } }));
    });
    const band = screen.getByRole('img', { name: 'Wipe from the right out of Camera, 0.5 s' });
    // A quarter of the incoming clip's 2 s.
    expect(band.style.width).toBe('25%');
  });
});

describe("an audio clip's fade handles", () => {
  /** The voice clip's fades, and the actions dispatched, with the lane 1000 px wide for the 4 s timeline (4 ms a pixel). */
  function renderEditable() {
    vi.spyOn(HTMLElement.prototype, 'getBoundingClientRect').mockReturnValue({ left: 100, width: 1000, top: 0, height: 100, right: 1100, bottom: 100, x: 100, y: 0, toJSON: () => ({}) });
    const store = renderProject(true);
    const actions: string[] = [];
    store.subscribe(() => actions.push('changed'));
    return { store, actions, fadesOf: () => selectTrackById(store.getState(), 'voice')?.clips[0].fades };
  }

  it('sets a fade-in by dragging its handle right, in one change when the pointer lets go, on a frame', () => {
    const { actions, fadesOf } = renderEditable();
    const handle = screen.getByRole('slider', { name: 'Fade in of Voice clip 1' });
    expect(handle.getAttribute('aria-valuenow')).toBe('0');
    fireEvent.pointerDown(handle, { button: 0, pointerId: 1, clientX: 100 });
    fireEvent.pointerMove(handle, { pointerId: 1, clientX: 150 });
    // Under way the handle shows where it would go; the store is as it was.
    expect(screen.getByRole('slider', { name: 'Fade in of Voice clip 1' }).getAttribute('aria-valuenow')).toBe('200');
    expect(fadesOf()).toBeUndefined();
    fireEvent.pointerUp(handle, { pointerId: 1, clientX: 225 });
    // 125 px is 500 ms: a whole frame at 30 fps (15 frames).
    expect(fadesOf()).toEqual({ in: { durationMs: 500 } });
    expect(actions).toHaveLength(1);
  });

  it('sets a fade-out by dragging its handle left, no longer than the clip', () => {
    const { fadesOf } = renderEditable();
    const handle = screen.getByRole('slider', { name: 'Fade out of Voice clip 1' });
    fireEvent.pointerDown(handle, { button: 0, pointerId: 1, clientX: 1100 });
    fireEvent.pointerUp(handle, { pointerId: 1, clientX: 0 });
    expect(fadesOf()).toEqual({ out: { durationMs: 4000 } });
  });

  it('lengthens and shortens a fade a frame at a time from the keyboard, keeping its curve', () => {
    const { store, fadesOf } = renderEditable();
    act(() => {
      store.dispatch(clipFadesChanged({ id: 'voice', clip: 0, fades: { out: { durationMs: 1000, curve: 'linear' } } }));
    });
    const handle = screen.getByRole('slider', { name: 'Fade out of Voice clip 1' });
    fireEvent.keyDown(handle, { key: 'ArrowRight' });
    expect(fadesOf()?.out?.durationMs).toBeCloseTo(1000 + 1000 / 30, 9);
    fireEvent.keyDown(handle, { key: 'ArrowLeft', shiftKey: true });
    expect(fadesOf()).toEqual({ out: { durationMs: expect.closeTo(1000 / 30, 9), curve: 'linear' } });
  });

  it('gives a picture clip no fade handles', () => {
    renderEditable();
    expect(screen.queryByRole('slider', { name: /Fade .* of Camera/ })).toBeNull();
  });
});

describe('the shapes drawn', () => {
  it('puts the level line at the gain the sound player schedules: 0 dB half way up the +6 dB scale, silence at the bottom', () => {
    const { line, fades } = levelShape({ startMs: 0, inMs: 0, outMs: 2000, fades: { in: { durationMs: 1000, curve: 'linear' } } }, 2000);
    const at = (x: number) => line.find(([pointX]) => Math.abs(pointX - x) < 1e-9)?.[1];
    expect(at(0)).toBe(1);
    // Half way through a linear fade: half the gain, a quarter of the way down from +6 dB (a gain of about 2).
    expect(at(0.25)).toBeCloseTo(1 - 0.5 / 10 ** (6 / 20), 9);
    expect(at(1)).toBeCloseTo(1 - 1 / 10 ** (6 / 20), 9);
    // The fade's area runs along the line from its start to its end, closed along the top.
    expect(fades[0][0]).toEqual([0, 0]);
    expect(fades[0].at(-1)).toEqual([0.5, 0]);
  });

  it('gives marks in time order and leaves out keyframes past a clip trimmed shorter', () => {
    const marks = keyframeMarks({ startMs: 0, inMs: 0, outMs: 1000, animation: { pan: [{ atMs: 800, value: 1 }], opacity: [{ atMs: 200, value: 0 }, { atMs: 1500, value: 1 }] } }, 1000);
    expect(marks).toEqual([
      { atMs: 200, x: 0.2, properties: ['opacity'] },
      { atMs: 800, x: 0.8, properties: ['pan'] },
    ]);
  });
});
