import { describe, expect, it } from 'vitest';
import {
  createCompositorStore,
  loadEvents,
  loadStatuses,
  nextLoadStatus,
  selectLoadState,
  trackAdded,
  trackBufferingEnded,
  trackBufferingStarted,
  trackLoadFailed,
  trackLoadRequested,
  trackLoadStarted,
  trackLoadSucceeded,
  trackRemoved,
  trackSourceReleased,
  type LoadEvent,
  type LoadStatus,
} from '../src/state';

const legal: Array<[LoadStatus, LoadEvent, LoadStatus]> = [
  ['idle', 'requested', 'queued'],
  ['queued', 'started', 'loading'],
  ['queued', 'released', 'released'],
  ['loading', 'succeeded', 'ready'],
  ['loading', 'failed', 'error'],
  ['loading', 'released', 'released'],
  ['ready', 'failed', 'error'],
  ['ready', 'released', 'released'],
  ['ready', 'stalled', 'buffering'],
  ['buffering', 'resumed', 'ready'],
  ['buffering', 'failed', 'error'],
  ['buffering', 'released', 'released'],
  ['queued', 'suspended', 'suspended'],
  ['loading', 'suspended', 'suspended'],
  ['ready', 'suspended', 'suspended'],
  ['buffering', 'suspended', 'suspended'],
  ['suspended', 'requested', 'queued'],
  ['suspended', 'released', 'released'],
  ['error', 'requested', 'queued'],
  ['error', 'released', 'released'],
  ['released', 'requested', 'queued'],
];

describe('the load state machine', () => {
  it.each(legal)('goes from %s on %s to %s', (from, event, to) => {
    expect(nextLoadStatus(from, event)).toBe(to);
  });

  const illegal = loadStatuses.flatMap((from) =>
    loadEvents
      .filter((event) => !legal.some(([f, e]) => f === from && e === event))
      .map((event) => [from, event] as [LoadStatus, LoadEvent]),
  );

  it('rejects every other pair of state and event', () => {
    expect(illegal).toHaveLength(loadStatuses.length * loadEvents.length - legal.length);
    for (const [from, event] of illegal) expect(nextLoadStatus(from, event), `${from} on ${event}`).toBeUndefined();
  });
});

describe('given a track in the store', () => {
  function storeWithTrack() {
    const store = createCompositorStore();
    store.dispatch(trackAdded({ id: 'a', name: 'A', source: { url: '/a.mp4' } }));
    return store;
  }

  it('keeps what it loaded while buffering, and ignores a buffering report of an earlier attempt', () => {
    const store = storeWithTrack();
    store.dispatch(trackLoadRequested('a'));
    store.dispatch(trackLoadStarted('a'));
    store.dispatch(trackLoadSucceeded({ id: 'a', attempt: 1, source: { kind: 'range', rendition: 'original' } }));
    store.dispatch(trackBufferingStarted({ id: 'a', attempt: 1 }));
    expect(selectLoadState(store.getState(), 'a')).toEqual({ status: 'buffering', attempt: 1, source: { kind: 'range', rendition: 'original' } });
    store.dispatch(trackBufferingEnded({ id: 'a', attempt: 1 }));
    store.dispatch(trackBufferingStarted({ id: 'a', attempt: 0 }));
    expect(selectLoadState(store.getState(), 'a').status).toBe('ready');
  });

  it('starts idle with no attempt', () => {
    const store = storeWithTrack();
    expect(selectLoadState(store.getState(), 'a')).toEqual({ status: 'idle', attempt: 0 });
  });

  it('counts attempts and keeps the error of a failed one', () => {
    const store = storeWithTrack();
    store.dispatch(trackLoadRequested('a'));
    store.dispatch(trackLoadStarted('a'));
    store.dispatch(trackLoadFailed({ id: 'a', attempt: 1, error: { kind: 'not-found', message: 'gone' } }));
    expect(selectLoadState(store.getState(), 'a')).toEqual({
      status: 'error',
      attempt: 1,
      error: { kind: 'not-found', message: 'gone' },
    });
    store.dispatch(trackLoadRequested('a'));
    store.dispatch(trackLoadStarted('a'));
    expect(selectLoadState(store.getState(), 'a')).toEqual({ status: 'loading', attempt: 2 });
  });

  it('ignores the late result of an earlier attempt', () => {
    const store = storeWithTrack();
    store.dispatch(trackLoadRequested('a'));
    store.dispatch(trackLoadStarted('a'));
    store.dispatch(trackSourceReleased('a'));
    store.dispatch(trackLoadRequested('a'));
    store.dispatch(trackLoadStarted('a'));
    store.dispatch(trackLoadSucceeded({ id: 'a', attempt: 1 }));
    expect(selectLoadState(store.getState(), 'a').status).toBe('loading');
    store.dispatch(trackLoadSucceeded({ id: 'a', attempt: 2 }));
    expect(selectLoadState(store.getState(), 'a').status).toBe('ready');
  });

  it('leaves the state untouched on an illegal event', () => {
    const store = storeWithTrack();
    const before = store.getState();
    store.dispatch(trackLoadSucceeded({ id: 'a', attempt: 0 }));
    store.dispatch(trackLoadStarted('a'));
    store.dispatch(trackSourceReleased('a'));
    expect(store.getState()).toBe(before);
  });

  it('forgets the load state of a removed track and ignores events for it', () => {
    const store = storeWithTrack();
    store.dispatch(trackRemoved('a'));
    store.dispatch(trackLoadRequested('a'));
    store.dispatch(trackLoadSucceeded({ id: 'a', attempt: 1 }));
    expect(store.getState().multitrack.load).toEqual({});
  });
});
