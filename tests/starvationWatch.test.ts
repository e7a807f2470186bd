import { afterEach, describe, expect, it, vi } from 'vitest';
import { watchStarvation, type StarvingLayer } from '../src/render/starvationWatch';
import {
  createCompositorStore,
  playbackStarted,
  selectCompositeRunning,
  selectLoadState,
  trackAdded,
  trackLoadRequested,
  trackLoadStarted,
  trackLoadSucceeded,
} from '../src/state';

/** A store with one ready track, playing; and a layer whose state the test sets. */
function setUp() {
  const store = createCompositorStore();
  store.dispatch(trackAdded({ id: 't', name: 'T', source: { url: '/t.mp4' } }));
  store.dispatch(trackLoadRequested('t'));
  store.dispatch(trackLoadStarted('t'));
  const { attempt } = selectLoadState(store.getState(), 't');
  store.dispatch(trackLoadSucceeded({ id: 't', attempt }));
  store.dispatch(playbackStarted());
  const state = { canPlayOn: true, fetching: false, listening: 0 };
  const heard: { changed?: () => void; bytes?: () => void } = {};
  const layer: StarvingLayer = {
    canPlayOn: () => state.canPlayOn,
    fetching: () => state.fetching,
    listen(changed, bytes) {
      heard.changed = changed;
      heard.bytes = bytes;
      state.listening += 1;
      return () => (state.listening -= 1);
    },
  };
  const onStarved = vi.fn();
  const watch = watchStarvation(store, { trackId: 't', attempt: () => attempt, url: '/t.mp4', graceMs: 250, noBytesMs: 1000, layer, onStarved });
  const status = () => selectLoadState(store.getState(), 't').status;
  return { store, state, heard, watch, status, onStarved };
}

afterEach(() => vi.useRealTimers());

describe('a playing layer that cannot keep up', () => {
  it('says Buffering once starved past the grace, the composite waits, and it plays on once it can', () => {
    vi.useFakeTimers();
    const { store, state, heard, status, onStarved } = setUp();
    state.canPlayOn = false;
    heard.changed?.();
    vi.advanceTimersByTime(200);
    // A hiccup shorter than the grace is nobody's business.
    expect(status()).toBe('ready');
    vi.advanceTimersByTime(100);
    expect(status()).toBe('buffering');
    expect(onStarved).toHaveBeenCalledOnce();
    expect(selectCompositeRunning(store.getState())).toBe(false);
    state.canPlayOn = true;
    heard.changed?.();
    expect(status()).toBe('ready');
    expect(selectCompositeRunning(store.getState())).toBe(true);
  });

  it('fails as a network fault when it buffers while its reader waits for bytes that never come', () => {
    vi.useFakeTimers();
    const { store, state, heard, status } = setUp();
    state.canPlayOn = false;
    state.fetching = true;
    heard.changed?.();
    vi.advanceTimersByTime(250);
    expect(status()).toBe('buffering');
    vi.advanceTimersByTime(900);
    // Bytes arrive: the wait starts again.
    heard.bytes?.();
    vi.advanceTimersByTime(900);
    expect(status()).toBe('buffering');
    vi.advanceTimersByTime(100);
    expect(status()).toBe('error');
    expect(selectLoadState(store.getState(), 't').error?.kind).toBe('network');
  });

  it('stopped, holds the composite back no longer and stops listening', () => {
    vi.useFakeTimers();
    const { store, state, heard, watch, status } = setUp();
    expect(state.listening).toBe(1);
    state.canPlayOn = false;
    heard.changed?.();
    vi.advanceTimersByTime(250);
    expect(status()).toBe('buffering');
    watch.stop();
    expect(status()).toBe('ready');
    expect(selectCompositeRunning(store.getState())).toBe(true);
    expect(state.listening).toBe(0);
    // Nothing is left to fire later.
    vi.advanceTimersByTime(5000);
    expect(status()).toBe('ready');
  });
});
