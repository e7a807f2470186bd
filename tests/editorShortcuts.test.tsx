// @vitest-environment happy-dom
import { QueryClient } from '@tanstack/react-query';
import { act, cleanup, fireEvent, render } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CompositorProvider, Timeline, createCompositorStore, selectTimelineMarks, tracksAdded } from '../src';
import { selectPlayheadMs } from '../src/renderer';
import { selectIsPlaying } from '../src/state';
import { createRecordingRenderer } from './support/recordingRenderer';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

/** A 20 s project (one hidden track: nothing loads) with the editing timeline. */
function renderEditor(props: Parameters<typeof Timeline>[0] = { editable: true }) {
  const store = createCompositorStore();
  store.dispatch(tracksAdded([{ id: 'a', name: 'A', source: { url: '/a.mp4' }, clip: { startMs: 0, inMs: 0, outMs: 20_000 }, visible: false }]));
  const view = render(
    <CompositorProvider store={store} queryClient={new QueryClient()} config={{ renderer: createRecordingRenderer().renderer }}>
      <input aria-label="Title" />
      <button type="button">Elsewhere</button>
      <Timeline {...props} waveforms={false} />
    </CompositorProvider>,
  );
  const press = (key: string, init: KeyboardEventInit = {}, target: Element = document.body) => act(() => void fireEvent.keyDown(target, { key, ...init }));
  return { store, view, press, playhead: () => selectPlayheadMs(store.getState()), playing: () => selectIsPlaying(store.getState()) };
}

describe("an editor's page-wide keys", () => {
  it('step a frame, a second with Shift, and go to either end', () => {
    const { press, playhead } = renderEditor();
    press('ArrowRight');
    expect(playhead()).toBeCloseTo(1000 / 30, 6);
    press('ArrowRight', { shiftKey: true });
    expect(playhead()).toBeCloseTo(1000 + 1000 / 30, 6);
    press('ArrowLeft');
    expect(playhead()).toBeCloseTo(1000, 6);
    press('End');
    expect(playhead()).toBe(20_000);
    press('Home');
    expect(playhead()).toBe(0);
  });

  it('play and pause with Space, K stops, L plays', () => {
    const { press, playing } = renderEditor();
    press(' ');
    expect(playing()).toBe(true);
    press(' ');
    expect(playing()).toBe(false);
    press('l');
    expect(playing()).toBe(true);
    press('k');
    expect(playing()).toBe(false);
  });

  it('shuttle faster with each L, backwards with J, by seeking while paused', () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'setTimeout', 'clearTimeout', 'performance', 'Date'] });
    const { press, playhead, playing } = renderEditor();
    press('l');
    press('l');
    // 2x: not playing, the playhead moved by seeks.
    expect(playing()).toBe(false);
    act(() => void vi.advanceTimersByTime(1000));
    expect(playhead()).toBeGreaterThan(1900);
    expect(playhead()).toBeLessThanOrEqual(2000);
    press('j');
    // From 2x forward, J goes to 1x backwards.
    act(() => void vi.advanceTimersByTime(500));
    expect(playhead()).toBeGreaterThan(1400);
    expect(playhead()).toBeLessThan(1600);
    press('k');
    const stopped = playhead();
    act(() => void vi.advanceTimersByTime(1000));
    expect(playhead()).toBe(stopped);
  });

  it('set in and out marks at the playhead, and go to them with Shift', () => {
    const { store, press, playhead } = renderEditor();
    press('ArrowRight', { shiftKey: true });
    press('i');
    press('ArrowRight', { shiftKey: true });
    press('ArrowRight', { shiftKey: true });
    press('o');
    expect(selectTimelineMarks(store.getState())).toEqual({ inMs: expect.closeTo(1000, 6), outMs: expect.closeTo(3000, 6) });
    press('I', { shiftKey: true });
    expect(playhead()).toBeCloseTo(1000, 6);
    press('O', { shiftKey: true });
    expect(playhead()).toBeCloseTo(3000, 6);
    // An in mark after the out mark clears it: a pair never runs backwards.
    press('End');
    press('i');
    expect(selectTimelineMarks(store.getState())).toEqual({ inMs: 20_000 });
  });

  it('leave keys typed in a field, or that a focused control answers, to it', () => {
    const { view, press, playhead, playing } = renderEditor();
    press('ArrowRight', {}, view.getByRole('textbox', { name: 'Title' }));
    press(' ', {}, view.getByRole('textbox', { name: 'Title' }));
    press(' ', {}, view.getByRole('button', { name: 'Elsewhere' }));
    press('ArrowRight', { ctrlKey: true });
    expect(playhead()).toBe(0);
    expect(playing()).toBe(false);
  });

  it('are off where a host turns them off, and on a timeline that does not edit', () => {
    for (const props of [{ editable: true, shortcuts: false }, {}]) {
      const { press, playhead, view } = renderEditor(props);
      press('ArrowRight');
      press('l');
      expect(playhead()).toBe(0);
      view.unmount();
    }
  });
});
