import { describe, expect, it } from 'vitest';
import { planLoads, type HeldSource, type LoadPlanSettings } from '../src/sources/loadPlan';
import {
  channelMuted,
  channelSoloed,
  createCompositorStore,
  selectLayerStatus,
  selectTrackById,
  type Track,
  trackAdded,
  trackHidden,
  trackLoadFailed,
  trackLoadRequested,
  trackLoadStarted,
  trackLoadSucceeded,
  trackProxyChanged,
  trackSelected,
  tracksAdded,
  type NewTrack,
} from '../src/state';

const settings: LoadPlanSettings = { concurrency: 2, decoderBudget: { maxDecoders: 16, maxBytes: Number.POSITIVE_INFINITY }, proxies: 'auto' };
const none = new Map<string, HeldSource>();
const noFailures = new Map<string, Set<string>>();
const track = (id: string, extra: Partial<NewTrack> = {}): NewTrack => ({ id, name: id, source: { url: `/${id}.mp4` }, ...extra });

function readyStore(...tracks: NewTrack[]) {
  const store = createCompositorStore();
  store.dispatch(tracksAdded(tracks));
  for (const { id } of tracks) {
    store.dispatch(trackLoadRequested(id));
    store.dispatch(trackLoadStarted(id));
    store.dispatch(trackLoadSucceeded({ id, attempt: 1, source: { kind: 'range', rendition: 'original' } }));
  }
  return store;
}

describe('the load planner', () => {
  it('given three new tracks, queues all and starts as many as the concurrency allows, top layer first', () => {
    const store = createCompositorStore();
    store.dispatch(tracksAdded([track('a'), track('b'), track('c')]));
    expect(planLoads(store.getState(), none, settings, noFailures)).toEqual([
      { do: 'request', trackId: 'a' },
      { do: 'request', trackId: 'b' },
      { do: 'request', trackId: 'c' },
      { do: 'start', trackId: 'c', rendition: 'original' },
      { do: 'start', trackId: 'b', rendition: 'original' },
    ]);
  });

  it('given a held track that was hidden, lets go of it and says it is released', () => {
    const store = readyStore(track('a'));
    store.dispatch(trackHidden('a'));
    const holds = new Map([['a', { sourceUrl: '/a.mp4', rendition: 'original' as const }]]);
    expect(planLoads(store.getState(), holds, settings, noFailures)).toEqual([
      { do: 'drop', trackId: 'a' },
      { do: 'release', trackId: 'a' },
    ]);
  });

  it('given a held track whose element failed, lets go of it, and starts it again when retried', () => {
    const store = readyStore(track('a'));
    // The source resolved, then its element failed (the file went away while playing).
    store.dispatch(trackLoadFailed({ id: 'a', attempt: 1, error: { kind: 'network', message: 'The media stopped arriving.' } }));
    const holds = new Map([['a', { sourceUrl: '/a.mp4', rendition: 'original' as const }]]);
    expect(planLoads(store.getState(), holds, settings, noFailures)).toEqual([{ do: 'drop', trackId: 'a' }]);
    // Retry, with the stale hold still there: it is dropped and the track starts over.
    store.dispatch(trackLoadRequested('a'));
    expect(planLoads(store.getState(), holds, settings, noFailures)).toEqual([
      { do: 'drop', trackId: 'a' },
      { do: 'start', trackId: 'a', rendition: 'original' },
    ]);
  });

  it('given nothing changed, has nothing to do', () => {
    const store = readyStore(track('a'), track('b'));
    const holds = new Map(['a', 'b'].map((id) => [id, { sourceUrl: `/${id}.mp4`, rendition: 'original' as const }]));
    expect(planLoads(store.getState(), holds, settings, noFailures)).toEqual([]);
  });

  it('given a ready track left by an earlier loader, loads it again', () => {
    const store = readyStore(track('a'));
    expect(planLoads(store.getState(), none, settings, noFailures)).toEqual([
      { do: 'release', trackId: 'a' },
      { do: 'request', trackId: 'a' },
      { do: 'start', trackId: 'a', rendition: 'original' },
    ]);
  });

  it('given a selected track drawn taller than its proxy, switches it to the original, and cancels a switch no longer wanted', () => {
    const store = readyStore(track('a', { layout: { height: 1080 } }));
    store.dispatch(trackProxyChanged({ id: 'a', proxy: { url: '/a-proxy.mp4', height: 360 } }));
    const playingProxy = new Map([['a', { sourceUrl: '/a-proxy.mp4', rendition: 'proxy' as const }]]);
    expect(planLoads(store.getState(), playingProxy, settings, noFailures)).toEqual([]);
    store.dispatch(trackSelected('a'));
    expect(planLoads(store.getState(), playingProxy, settings, noFailures)).toEqual([{ do: 'switch', trackId: 'a', rendition: 'original' }]);
    store.dispatch(trackSelected(null));
    const switching = new Map([['a', { sourceUrl: '/a-proxy.mp4', rendition: 'proxy' as const, switchingTo: 'original' as const }]]);
    expect(planLoads(store.getState(), switching, settings, noFailures)).toEqual([{ do: 'cancel-switch', trackId: 'a' }]);
  });

  it('given a proxy that failed before, plays the original', () => {
    const store = createCompositorStore();
    store.dispatch(trackAdded(track('a', { source: { url: '/a.mp4', proxy: { url: '/a-proxy.mp4' } } })));
    const failed = new Map([['a', new Set(['/a-proxy.mp4'])]]);
    expect(planLoads(store.getState(), none, settings, failed).at(-1)).toEqual({ do: 'start', trackId: 'a', rendition: 'original' });
    expect(planLoads(store.getState(), none, settings, noFailures).at(-1)).toEqual({ do: 'start', trackId: 'a', rendition: 'proxy' });
  });

  it('given more tracks under the playhead than the decoder budget, suspends the least important and starts none of them', () => {
    const store = createCompositorStore();
    store.dispatch(tracksAdded([track('a'), track('b'), track('c')]));
    const steps = planLoads(store.getState(), none, { ...settings, decoderBudget: { maxDecoders: 2, maxBytes: Number.POSITIVE_INFINITY } }, noFailures);
    expect(steps.filter((step) => step.trackId === 'a')).toEqual([
      { do: 'request', trackId: 'a' },
      { do: 'suspend', trackId: 'a' },
    ]);
    expect(steps.filter((step) => step.do === 'start').map((step) => step.trackId)).toEqual(['c', 'b']);
  });
});

describe('the load planner, for sound', () => {
  const audio = (id: string): NewTrack => ({ id, name: id, kind: 'audio', source: { url: `/${id}.m4a` } });

  it('loads the audio tracks a person can hear, and lets go of one muted or soloed out', () => {
    const store = createCompositorStore();
    store.dispatch(tracksAdded([audio('dialogue'), audio('music')]));
    expect(planLoads(store.getState(), none, settings, noFailures)).toEqual([
      { do: 'request', trackId: 'dialogue' },
      { do: 'request', trackId: 'music' },
      { do: 'start', trackId: 'music', rendition: 'original' },
      { do: 'start', trackId: 'dialogue', rendition: 'original' },
    ]);
    const ready = readyStore(audio('dialogue'), audio('music'));
    const holds = new Map(['dialogue', 'music'].map((id) => [id, { sourceUrl: `/${id}.m4a`, rendition: 'original' as const }]));
    ready.dispatch(channelMuted({ id: 'music', muted: true }));
    expect(planLoads(ready.getState(), holds, settings, noFailures)).toEqual([
      { do: 'drop', trackId: 'music' },
      { do: 'release', trackId: 'music' },
    ]);
    expect(selectLayerStatus(ready.getState(), selectTrackById(ready.getState(), 'music') as Track)).toBe('muted');
    ready.dispatch(channelMuted({ id: 'music', muted: false }));
    ready.dispatch(channelSoloed({ id: 'music', soloed: true }));
    expect(planLoads(ready.getState(), holds, settings, noFailures)).toEqual([
      { do: 'drop', trackId: 'dialogue' },
      { do: 'release', trackId: 'dialogue' },
    ]);
  });
});
