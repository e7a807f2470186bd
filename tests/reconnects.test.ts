import { afterEach, describe, expect, it, vi } from 'vitest';
import { rangeResolver, reconnectDelayMs, reconnectSettleMs, watchReconnects } from '../src/sources';
import {
  createCompositorStore,
  reconnectLimit,
  selectLayerStatus,
  selectLoadState,
  selectTrackById,
  trackAdded,
  trackLoadFailed,
  trackLoadRequested,
  trackLoadStarted,
  trackLoadSucceeded,
  type CompositorStoreLike,
} from '../src/state';
import { createHarness, serveMediaDuringTests, waitFor } from './support/compositorHarness';

serveMediaDuringTests();

const layerStatus = (store: CompositorStoreLike, id: string) => selectLayerStatus(store.getState(), selectTrackById(store.getState(), id));
const droppedConnection = { kind: 'network', message: 'clip.mp4 could not be fetched: the connection failed.' };

/** A store whose track `a` failed with a dropped connection, as the loader would leave it. */
function failedTrack() {
  const store = createCompositorStore();
  store.dispatch(trackAdded({ id: 'a', name: 'A', source: { url: '/a.mp4' } }));
  const fail = () => {
    store.dispatch(trackLoadStarted('a'));
    store.dispatch(trackLoadFailed({ id: 'a', attempt: selectLoadState(store.getState(), 'a').attempt, error: droppedConnection }));
  };
  store.dispatch(trackLoadRequested('a'));
  fail();
  return { store, fail };
}

describe('a track that failed with a fault that may pass', () => {
  afterEach(() => vi.useRealTimers());

  it('tries again by itself after 1, 2, 4, 8, 8 and 8 s, saying Reconnecting, then waits for Retry', () => {
    vi.useFakeTimers();
    const { store, fail } = failedTrack();
    const stop = watchReconnects(store, undefined);
    expect(layerStatus(store, 'a')).toBe('reconnecting');
    const waits = [1000, 2000, 4000, 8000, 8000, 8000];
    expect(waits.map((_, tries) => reconnectDelayMs(tries))).toEqual(waits);
    for (const [tries, wait] of waits.entries()) {
      vi.advanceTimersByTime(wait - 1);
      expect(selectLoadState(store.getState(), 'a').status, `try ${tries + 1} not before ${wait} ms`).toBe('error');
      vi.advanceTimersByTime(1);
      expect(selectLoadState(store.getState(), 'a')).toMatchObject({ status: 'queued', reconnects: tries + 1 });
      // Queued and loading again, it still says Reconnecting, not Queued.
      expect(layerStatus(store, 'a')).toBe('reconnecting');
      fail();
    }
    expect(selectLoadState(store.getState(), 'a').reconnects).toBe(reconnectLimit);
    // Out of tries: an error with Retry, and no more timers.
    expect(layerStatus(store, 'a')).toBe('error');
    vi.advanceTimersByTime(60_000);
    expect(selectLoadState(store.getState(), 'a').status).toBe('error');
    // A person's Retry starts the count again.
    store.dispatch(trackLoadRequested('a'));
    expect(selectLoadState(store.getState(), 'a').reconnects).toBeUndefined();
    stop();
  });

  it('tries again at once when the browser is back online', () => {
    vi.useFakeTimers();
    const { store } = failedTrack();
    const browser = new EventTarget();
    const stop = watchReconnects(store, browser);
    browser.dispatchEvent(new Event('online'));
    expect(selectLoadState(store.getState(), 'a')).toMatchObject({ status: 'queued', reconnects: 1 });
    stop();
    // Stopped: no timer left to fire.
    expect(vi.getTimerCount()).toBe(0);
  });

  it('is ready once a try succeeds, and its count of tries starts again once it has held its media a while', () => {
    vi.useFakeTimers();
    const { store, fail } = failedTrack();
    const stop = watchReconnects(store, undefined);
    vi.advanceTimersByTime(1000);
    store.dispatch(trackLoadStarted('a'));
    store.dispatch(trackLoadSucceeded({ id: 'a', attempt: selectLoadState(store.getState(), 'a').attempt }));
    expect(layerStatus(store, 'a')).toBe('ready');
    // A server that answers and hangs again spends the same tries: it cannot reconnect for ever.
    expect(selectLoadState(store.getState(), 'a').reconnects).toBe(1);
    vi.advanceTimersByTime(reconnectSettleMs);
    expect(selectLoadState(store.getState(), 'a').reconnects).toBeUndefined();
    // Failing again later starts from the first wait.
    fail();
    vi.advanceTimersByTime(1000);
    expect(selectLoadState(store.getState(), 'a')).toMatchObject({ status: 'queued', reconnects: 1 });
    stop();
  });

  it('is not retried by itself when the fault will not pass (a missing file)', () => {
    vi.useFakeTimers();
    const store = createCompositorStore();
    store.dispatch(trackAdded({ id: 'a', name: 'A', source: { url: '/a.mp4' } }));
    store.dispatch(trackLoadRequested('a'));
    store.dispatch(trackLoadStarted('a'));
    store.dispatch(trackLoadFailed({ id: 'a', attempt: 1, error: { kind: 'not-found', message: 'a.mp4 was not found (404).' } }));
    const stop = watchReconnects(store, undefined);
    expect(layerStatus(store, 'a')).toBe('error');
    vi.advanceTimersByTime(60_000);
    expect(selectLoadState(store.getState(), 'a').status).toBe('error');
    stop();
  });
});

describe('a server that accepts and then sends nothing', () => {
  it('fails the first load as a network error after the no-bytes timeout, then reconnects once it answers', async () => {
    const harness = createHarness({
      faults: { 'clip.mp4': { kind: 'delay', ms: 60_000 } },
      sourceOptions: { resolvers: [rangeResolver], noBytesTimeoutMs: 200 },
    });
    const [id] = harness.addTracks(1);
    await waitFor(() => harness.status(id) === 'error', 'the stalled probe to fail', 3000);
    expect(selectLoadState(harness.store.getState(), id).error).toMatchObject({ kind: 'network', message: expect.stringMatching(/sent nothing for 0\.2 s/) });
    expect(layerStatus(harness.store, id)).toBe('reconnecting');
    harness.media.setFault('clip.mp4', undefined);
    await waitFor(() => harness.status(id) === 'ready', 'ready after reconnecting', 3000);
    expect(layerStatus(harness.store, id)).toBe('ready');
    harness.stop();
  });

  it('fails a whole-file load whose body stops arriving', async () => {
    const harness = createHarness({ faults: { 'clip.mp4': { kind: 'stall', afterBytes: 1000 } }, sourceOptions: { noBytesTimeoutMs: 200 } });
    const [id] = harness.addTracks(1);
    await waitFor(() => harness.status(id) === 'error', 'the stalled download to fail', 3000);
    expect(selectLoadState(harness.store.getState(), id).error?.kind).toBe('network');
    expect(harness.usage().sourcesHeld).toBe(0);
    harness.stop();
  });
});
