import { describe, expect, it } from 'vitest';
import { clipBytes, createHarness, otherClipBytes, settle, serveMediaDuringTests, waitFor } from './support/compositorHarness';
import { watchObjectUrls } from './support/objectUrls';
import { blobResolver, sourceKeys, startSourceLoader } from '../src/sources';
import {
  clipLookChanged,
  compositionResized,
  createCompositorStore,
  planDecoders,
  selectLoadOrder,
  selectLoadState,
  selectLayerStatus,
  selectOffCompositeTrackIds,
  selectTrackById,
  trackClipsChanged,
  trackHidden,
  trackLayoutChanged,
  trackLookChanged,
  trackLoadFailed,
  trackLoadRequested,
  trackLoadStarted,
  trackMediaMeasured,
  trackRemoved,
  trackSelected,
  trackShown,
  tracksAdded,
} from '../src/state';

serveMediaDuringTests();

describe('the seed checklist for lazy loading', () => {
  it('given 5 imported clips, loads all of them', async () => {
    const urls = watchObjectUrls();
    const harness = createHarness({ files: Object.fromEntries([1, 2, 3, 4, 5].map((n) => [`clip-${n}.mp4`, clipBytes])) });
    const ids = [1, 2, 3, 4, 5].flatMap((n) => harness.addTracks(1, `clip-${n}.mp4`));
    await waitFor(() => ids.every((id) => harness.status(id) === 'ready'), 'all tracks ready');
    expect(urls.live.size).toBe(5);
    expect(harness.usage()).toEqual({ sourcesHeld: 5, bytesHeld: 5 * clipBytes.byteLength });
    harness.stop();
  });

  it('after track 3 is hidden, revokes its object URL and says so in its load state', async () => {
    const urls = watchObjectUrls();
    const harness = createHarness({ files: { 'a.mp4': clipBytes, 'b.mp4': clipBytes, 'c.mp4': otherClipBytes } });
    const [, , third] = [...harness.addTracks(1, 'a.mp4'), ...harness.addTracks(1, 'b.mp4'), ...harness.addTracks(1, 'c.mp4')];
    await waitFor(() => harness.status(third) === 'ready', 'track 3 ready');
    const thirdUrl = harness.queryClient.getQueryData<{ url: string }>(sourceKeys.source({ url: harness.media.urlOf('c.mp4') }))?.url;
    expect(thirdUrl && urls.live.has(thirdUrl)).toBe(true);

    harness.store.dispatch(trackHidden(third));
    await settle();
    expect(harness.status(third)).toBe('released');
    expect(urls.live.has(thirdUrl as string)).toBe(false);
    expect(urls.live.size).toBe(2);
    expect(harness.usage().bytesHeld).toBe(2 * clipBytes.byteLength);
    harness.stop();
  });

  it('after track 3 is shown again, loads it again', async () => {
    const urls = watchObjectUrls();
    const harness = createHarness();
    const ids = harness.addTracks(3);
    await waitFor(() => harness.status(ids[2]) === 'ready', 'ready');
    harness.store.dispatch(trackHidden(ids[2]));
    await settle();
    const requestsBefore = harness.media.requests.length;
    harness.store.dispatch(trackShown(ids[2]));
    await waitFor(() => harness.status(ids[2]) === 'ready', 'ready again');
    // The other two tracks still held the shared file, so showing it again costs no request.
    expect(harness.media.requests.length).toBe(requestsBefore);
    expect(urls.live.size).toBe(1);
    harness.stop();
  });

  it('given 10 imported clips with 8 hidden, holds only 2 sources', async () => {
    const urls = watchObjectUrls();
    const files = Object.fromEntries(Array.from({ length: 10 }, (_, n) => [`clip-${n}.mp4`, clipBytes]));
    const harness = createHarness({ files });
    const ids = Array.from({ length: 10 }, (_, n) => harness.addTracks(1, `clip-${n}.mp4`, { visible: n < 2 })[0]);
    await waitFor(() => ids.slice(0, 2).every((id) => harness.status(id) === 'ready'), 'visible tracks ready');
    await settle();
    expect(ids.slice(2).map(harness.status)).toEqual(Array(8).fill('idle'));
    expect(harness.usage()).toEqual({ sourcesHeld: 2, bytesHeld: 2 * clipBytes.byteLength });
    expect(urls.live.size).toBe(2);
    expect(harness.media.requests).toHaveLength(2);
    harness.stop();
  });

  it('deletes a hidden track without an error', async () => {
    const harness = createHarness();
    const [id] = harness.addTracks(1, 'clip.mp4', { visible: false });
    harness.store.dispatch(trackRemoved(id));
    await settle();
    expect(harness.store.getState().multitrack.tracks.ids).toEqual([]);
    expect(harness.store.getState().multitrack.load).toEqual({});
    expect(harness.media.requests).toHaveLength(0);
    harness.stop();
  });
});

describe('given tracks that use the same file', () => {
  it('fetches it once and shares one Blob and one object URL', async () => {
    const urls = watchObjectUrls();
    const harness = createHarness();
    const ids = harness.addTracks(5);
    await waitFor(() => ids.every((id) => harness.status(id) === 'ready'), 'all ready');
    expect(harness.media.requests).toHaveLength(1);
    expect(urls.created).toBe(1);
    expect(harness.usage()).toEqual({ sourcesHeld: 1, bytesHeld: clipBytes.byteLength });
    harness.stop();
  });

  it('keeps the shared URL until the last of them is hidden or removed', async () => {
    const urls = watchObjectUrls();
    const harness = createHarness();
    const [a, b, c] = harness.addTracks(3);
    await waitFor(() => harness.status(c) === 'ready', 'ready');
    harness.store.dispatch(trackHidden(a));
    harness.store.dispatch(trackRemoved(b));
    await settle();
    expect(urls.live.size).toBe(1);
    harness.store.dispatch(trackHidden(c));
    await settle();
    expect(urls.live.size).toBe(0);
    harness.stop();
  });
});

describe('release paths', () => {
  it('when the loader stops (the provider unmounts), releases everything it held', async () => {
    const urls = watchObjectUrls();
    const harness = createHarness({ files: { 'a.mp4': clipBytes, 'b.mp4': otherClipBytes } });
    const ids = [...harness.addTracks(2, 'a.mp4'), ...harness.addTracks(1, 'b.mp4')];
    await waitFor(() => ids.every((id) => harness.status(id) === 'ready'), 'ready');
    expect(urls.live.size).toBe(2);
    harness.stop();
    await settle();
    expect(urls.live.size).toBe(0);
    expect(harness.usage().sourcesHeld).toBe(0);
  });

  it('with a release delay, keeps an unused source until the delay passes, then revokes it', async () => {
    const urls = watchObjectUrls();
    const harness = createHarness({ sourceOptions: { releaseAfterMs: 150 } });
    const [id] = harness.addTracks(1);
    await waitFor(() => harness.status(id) === 'ready', 'ready');
    harness.store.dispatch(trackHidden(id));
    await settle(40);
    expect(urls.live.size).toBe(1);
    // Shown within the delay: the kept source is reused without a request.
    harness.store.dispatch(trackShown(id));
    await waitFor(() => harness.status(id) === 'ready', 'ready again');
    expect(harness.media.requests).toHaveLength(1);
    harness.store.dispatch(trackHidden(id));
    await settle(300);
    expect(urls.live.size).toBe(0);
    harness.stop();
  });

  it('when the host clears its QueryClient, revokes what the cache held', async () => {
    const urls = watchObjectUrls();
    const harness = createHarness();
    const [id] = harness.addTracks(1);
    await waitFor(() => harness.status(id) === 'ready', 'ready');
    harness.stop();
    harness.queryClient.clear();
    expect(urls.live.size).toBe(0);
  });
});

describe('given a second loader on the same store', () => {
  it('takes over the tracks an earlier loader left loading or ready (Strict Mode mounts twice)', async () => {
    const urls = watchObjectUrls();
    const harness = createHarness({ files: { 'a.mp4': clipBytes, 'b.mp4': otherClipBytes }, faults: { 'b.mp4': { kind: 'delay', ms: 50 } } });
    const [ready] = harness.addTracks(1, 'a.mp4');
    await waitFor(() => harness.status(ready) === 'ready', 'ready');
    const [loading] = harness.addTracks(1, 'b.mp4');
    await waitFor(() => harness.status(loading) === 'loading', 'loading');
    harness.stop();

    const restart = startSourceLoader(harness.store, harness.queryClient, { maxRetries: 0, resolvers: [blobResolver] });
    await waitFor(() => harness.status(ready) === 'ready' && harness.status(loading) === 'ready', 'both ready');
    expect(harness.usage().sourcesHeld).toBe(2);
    restart();
    await settle();
    expect(urls.live.size).toBe(0);
  });
});

describe('given a track removed or hidden while it loads', () => {
  it('cancels the download, creates no object URL and makes no late state update', async () => {
    const urls = watchObjectUrls();
    const harness = createHarness({ faults: { 'clip.mp4': { kind: 'delay', ms: 100 } } });
    const [id] = harness.addTracks(1);
    await waitFor(() => harness.status(id) === 'loading', 'loading');
    const states: unknown[] = [];
    const unsubscribe = harness.store.subscribe(() => states.push(harness.store.getState().multitrack.load[id]));
    harness.store.dispatch(trackRemoved(id));
    await settle(250);
    unsubscribe();
    expect(states).toEqual([undefined]);
    expect(urls.created).toBe(0);
    expect(harness.queryClient.getQueryCache().findAll({ queryKey: sourceKeys.all })).toHaveLength(0);
    harness.stop();
  });

  it('when hidden mid-load and shown again, loads it from the start', async () => {
    const urls = watchObjectUrls();
    const harness = createHarness({ faults: { 'clip.mp4': { kind: 'delay', ms: 80 } } });
    const [id] = harness.addTracks(1);
    await waitFor(() => harness.status(id) === 'loading', 'loading');
    harness.store.dispatch(trackHidden(id));
    await settle(0);
    expect(harness.status(id)).toBe('released');
    harness.store.dispatch(trackShown(id));
    await waitFor(() => harness.status(id) === 'ready', 'ready');
    expect(selectLoadState(harness.store.getState(), id).attempt).toBe(2);
    expect(urls.live.size).toBe(1);
    harness.stop();
  });
});

describe('given media that fails', () => {
  it('a missing file ends in error with its reason, and holds nothing', async () => {
    const urls = watchObjectUrls();
    const harness = createHarness();
    harness.store.dispatch(
      // A URL the media server has no file for.
      { type: 'tracks/trackAdded', payload: { id: 'gone', name: 'Gone', source: { url: harness.media.urlOf('gone.mp4') } } },
    );
    await waitFor(() => harness.status('gone') === 'error', 'error');
    expect(selectLoadState(harness.store.getState(), 'gone').error).toEqual({
      kind: 'not-found',
      message: 'gone.mp4 was not found (404). Check that the file still exists.',
    });
    expect(harness.usage().sourcesHeld).toBe(0);
    expect(urls.created).toBe(0);
    harness.stop();
  });

  it('a server error is retried, and Retry loads it once the server recovers', async () => {
    const harness = createHarness({
      faults: { 'clip.mp4': { kind: 'status', status: 503 } },
      sourceOptions: { maxRetries: 1 },
    });
    const [id] = harness.addTracks(1);
    await waitFor(() => harness.status(id) === 'error', 'error', 4000);
    expect(selectLoadState(harness.store.getState(), id).error?.kind).toBe('server-error');
    expect(harness.media.requests.map((r) => r.status)).toEqual([503, 503]);

    harness.media.setFault('clip.mp4', undefined);
    harness.store.dispatch(trackLoadRequested(id));
    await waitFor(() => harness.status(id) === 'ready', 'ready');
    expect(harness.media.requests.map((r) => r.status)).toEqual([503, 503, 200]);
    harness.stop();
  });

  it('a 404 is not retried', async () => {
    const harness = createHarness({ faults: { 'clip.mp4': { kind: 'status', status: 404 } }, sourceOptions: { maxRetries: 3 } });
    const [id] = harness.addTracks(1);
    await waitFor(() => harness.status(id) === 'error', 'error');
    expect(harness.media.requests).toHaveLength(1);
    harness.stop();
  });

  it('a network fault ends in a network error', async () => {
    const harness = createHarness({ faults: { 'clip.mp4': { kind: 'network-error' } } });
    const [id] = harness.addTracks(1);
    await waitFor(() => harness.status(id) === 'error', 'error');
    expect(selectLoadState(harness.store.getState(), id).error?.kind).toBe('network');
    harness.stop();
  });
});

describe('the load queue', () => {
  it('loads at most `concurrency` sources at once, top layer first, and shows the rest as queued', async () => {
    const files = Object.fromEntries(Array.from({ length: 4 }, (_, n) => [`clip-${n}.mp4`, clipBytes]));
    const faults = Object.fromEntries(Object.keys(files).map((name) => [name, { kind: 'delay' as const, ms: 60 }]));
    const harness = createHarness({ files, faults, sourceOptions: { concurrency: 2 } });
    const ids = Array.from({ length: 4 }, (_, n) => harness.addTracks(1, `clip-${n}.mp4`)[0]);
    await settle(10);
    expect(ids.map(harness.status)).toEqual(['queued', 'queued', 'loading', 'loading']);
    await waitFor(() => ids.every((id) => harness.status(id) === 'ready'), 'all ready');
    harness.stop();
  });

  it('loads the selected track first, then tracks under the playhead, then the rest of the timeline', async () => {
    const files = Object.fromEntries(Array.from({ length: 4 }, (_, n) => [`clip-${n}.mp4`, clipBytes]));
    const faults = Object.fromEntries(Object.keys(files).map((name) => [name, { kind: 'delay' as const, ms: 40 }]));
    const harness = createHarness({ files, faults, sourceOptions: { concurrency: 1 } });
    // Bottom to top: two clips later on the timeline, then two under the playhead at 0.
    const later = [0, 1].map((n) => harness.addTracks(1, `clip-${n}.mp4`, { clip: { startMs: 5000, outMs: 1000 } })[0]);
    const now = [2, 3].map((n) => harness.addTracks(1, `clip-${n}.mp4`, { clip: { startMs: 0, outMs: 1000 } })[0]);
    harness.store.dispatch(trackSelected(later[0]));
    const order: string[] = [];
    const unsubscribe = harness.store.subscribe(() => {
      for (const id of [...later, ...now]) if (harness.status(id) === 'loading' && !order.includes(id)) order.push(id);
    });
    await waitFor(() => [...later, ...now].every((id) => harness.status(id) === 'ready'), 'all ready');
    unsubscribe();
    expect(order).toEqual([later[0], now[1], now[0], later[1]]);
    harness.stop();
  });
});

describe('given a 640x360 composite with a layer laid out wholly outside it', () => {
  it('holds nothing for the layer off the composite, and loads it once it is moved onto it', async () => {
    const urls = watchObjectUrls();
    const harness = createHarness({ files: { 'on.mp4': clipBytes, 'off.mp4': otherClipBytes } });
    harness.store.dispatch(compositionResized({ width: 640, height: 360 }));
    const [on] = harness.addTracks(1, 'on.mp4', { layout: { x: 0, y: 0, width: 320, height: 180 } });
    // The top layer, first in the load order were it seen.
    const [off] = harness.addTracks(1, 'off.mp4', { layout: { x: 640, y: 0, width: 320, height: 180 } });
    await waitFor(() => harness.status(on) === 'ready', 'the on-composite track ready');
    await settle();
    expect(harness.status(off)).toBe('idle');
    expect(selectOffCompositeTrackIds(harness.store.getState())).toEqual([off]);
    expect(harness.media.requests.map((request) => request.url)).toEqual([harness.media.urlOf('on.mp4')]);
    expect(urls.live.size).toBe(1);

    harness.store.dispatch(trackLayoutChanged({ id: off, layout: { x: 600 } }));
    await waitFor(() => harness.status(off) === 'ready', 'the track moved onto the composite ready');
    expect(urls.live.size).toBe(2);

    // Moved off again, it lets go of its media like a hidden track.
    harness.store.dispatch(trackLayoutChanged({ id: off, layout: { x: 0, y: -180 } }));
    await settle();
    expect(harness.status(off)).toBe('released');
    expect(urls.live.size).toBe(1);
    harness.stop();
  });

  it('holds nothing for a layer its look turns off the composite or makes unseen, and loads it once it can be seen', async () => {
    const urls = watchObjectUrls();
    const harness = createHarness({ files: { 'on.mp4': clipBytes, 'turned.mp4': otherClipBytes } });
    harness.store.dispatch(compositionResized({ width: 640, height: 360 }));
    const [on] = harness.addTracks(1, 'on.mp4', { layout: { x: 0, y: 0, width: 320, height: 180 } });
    // A strip whose left end lies on the composite's right edge; turned half round about its
    // right end, it lies wholly beyond that edge.
    const [turned] = harness.addTracks(1, 'turned.mp4', { layout: { x: 600, y: 170, width: 400, height: 20 } });
    harness.store.dispatch(trackLookChanged({ id: turned, look: { anchor: { x: 1 }, rotation: 180 } }));
    await waitFor(() => harness.status(on) === 'ready', 'the on-composite track ready');
    await settle();
    expect(harness.status(turned)).toBe('idle');
    expect(selectOffCompositeTrackIds(harness.store.getState())).toEqual([turned]);
    expect(harness.media.requests.map((request) => request.url)).toEqual([harness.media.urlOf('on.mp4')]);

    harness.store.dispatch(trackLookChanged({ id: turned, look: { rotation: 0 } }));
    await waitFor(() => harness.status(turned) === 'ready', 'the track turned onto the composite ready');
    expect(urls.live.size).toBe(2);

    // Made fully transparent, it lets go of its media as a hidden track does.
    harness.store.dispatch(trackLookChanged({ id: turned, look: { opacity: 0 } }));
    await settle();
    expect(harness.status(turned)).toBe('released');
    expect(selectOffCompositeTrackIds(harness.store.getState())).toEqual([turned]);
    expect(urls.live.size).toBe(1);
    harness.stop();
  });

  it('holds nothing for a layer an opaque layer above covers wholly, and loads it once any of it shows', async () => {
    const urls = watchObjectUrls();
    const harness = createHarness({ files: { 'under.mp4': clipBytes, 'over.mp4': otherClipBytes } });
    harness.store.dispatch(compositionResized({ width: 640, height: 360 }));
    const [under] = harness.addTracks(1, 'under.mp4', { layout: { x: 100, y: 50, width: 320, height: 180 } });
    // Above it, a 16:9 picture over the whole composite.
    const [over] = harness.addTracks(1, 'over.mp4', { layout: { x: 0, y: 0, width: 640, height: 360 } });
    const status = (id: string) => selectLayerStatus(harness.store.getState(), selectTrackById(harness.store.getState(), id)!);
    // Once the picture above is measured and known to cover it, it holds nothing.
    await waitFor(() => harness.status(over) === 'ready', 'the covering track ready');
    // As its renderer does on its first frame (this harness has none).
    harness.store.dispatch(trackMediaMeasured({ id: over, width: 320, height: 180 }));
    await settle();
    expect(status(under)).toBe('covered');
    expect(urls.live.size).toBe(1);

    // Seen through the layer above, it loads; covered again, it lets go as a hidden track does.
    harness.store.dispatch(trackLookChanged({ id: over, look: { opacity: 0.9 } }));
    await waitFor(() => harness.status(under) === 'ready', 'the track seen through the layer above ready');
    harness.store.dispatch(trackLookChanged({ id: over, look: { opacity: 1 } }));
    await settle();
    expect(harness.status(under)).toBe('released');
    expect(urls.live.size).toBe(1);

    // Moved so that a strip of it shows beside the layer above, it loads again.
    harness.store.dispatch(trackLookChanged({ id: over, look: { x: 120 } }));
    await waitFor(() => harness.status(under) === 'ready', 'the track beside the moved layer ready');
    expect(status(under)).toBe('ready');
    harness.stop();
  });

  it('counts a layer above as covering only where its clips are, and only while it has a picture', () => {
    const store = createCompositorStore();
    store.dispatch(compositionResized({ width: 640, height: 360 }));
    const whole = { x: 0, y: 0, width: 640, height: 360 };
    store.dispatch(tracksAdded([
      { id: 'long', name: 'Long', source: { url: '/long.mp4' }, layout: whole, clip: { startMs: 0, outMs: 8000 } },
      { id: 'short', name: 'Short', source: { url: '/short.mp4' }, layout: whole, clip: { startMs: 0, outMs: 4000 } },
      { id: 'top', name: 'Top', source: { url: '/top.mp4' }, layout: whole, clip: { startMs: 0, outMs: 8000 } },
    ]));
    const status = (id: string) => selectLayerStatus(store.getState(), selectTrackById(store.getState(), id)!);
    // Until the top layer's picture is measured, nothing is known to be covered.
    expect([status('long'), status('short')]).toEqual(['idle', 'idle']);
    store.dispatch(trackLoadRequested('top'));
    store.dispatch(trackMediaMeasured({ id: 'top', width: 1280, height: 720 }));
    // The top layer is there all along both: both are covered.
    expect([status('long'), status('short')]).toEqual(['covered', 'covered']);
    // Cut to its first four seconds, it covers only the short one; the long one shows after it.
    store.dispatch(trackClipsChanged({ id: 'top', clips: [{ startMs: 0, outMs: 4000 }] }));
    expect([status('long'), status('short')]).toEqual(['idle', 'covered']);
    // A layer above that failed to load shows its error, not a picture: it covers nothing.
    store.dispatch(trackLoadStarted('top'));
    store.dispatch(trackLoadFailed({ id: 'top', attempt: 1, error: { kind: 'not-found', message: 'gone' } }));
    expect(status('short')).toBe('idle');
    // A clip with a look of its own may move out from under: never counted as covered.
    store.dispatch(trackLoadRequested('top'));
    store.dispatch(trackClipsChanged({ id: 'top', clips: [{ startMs: 0, outMs: 8000 }] }));
    store.dispatch(clipLookChanged({ id: 'long', clip: 0, look: { opacity: 1 } }));
    expect([status('long'), status('short')]).toEqual(['idle', 'covered']);
  });

  it('gives the decoder budget to the layers on the composite before any layer off it', () => {
    const store = createCompositorStore();
    store.dispatch(compositionResized({ width: 640, height: 360 }));
    // Five columns of 160 px: the fifth lies at x = 640, just outside. Later tracks paint on top.
    store.dispatch(tracksAdded(Array.from({ length: 10 }, (_, index) => ({
      id: `t${index}`,
      name: `T${index}`,
      source: { url: `/t${index}.mp4` },
      layout: { x: (index % 5) * 160, y: Math.floor(index / 5) * 90, width: 160, height: 90 },
    }))));
    const plan = planDecoders(store.getState(), { maxDecoders: 8, maxBytes: Number.POSITIVE_INFINITY });
    expect(plan.allowed.sort()).toEqual(['t0', 't1', 't2', 't3', 't5', 't6', 't7', 't8']);
    expect(plan.suspended).toEqual([]);
    expect(selectLoadOrder(store.getState()).map((track) => track.id)).not.toContain('t4');
  });
});
