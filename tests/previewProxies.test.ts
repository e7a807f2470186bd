import { describe, expect, it } from 'vitest';
import { clipBytes, createHarness, otherClipBytes, serveMediaDuringTests, settle, waitFor } from './support/compositorHarness';
import { watchObjectUrls } from './support/objectUrls';
import { sourceKeys } from '../src/sources';
import {
  createCompositorStore,
  previewRendition,
  renditionReference,
  selectLoadState,
  selectTrackById,
  trackAdded,
  trackProxyChanged,
  trackSelected,
  type Track,
} from '../src/state';

serveMediaDuringTests();

const track = (overrides: Partial<Track> = {}): Track => ({
  id: 'a',
  name: 'A',
  kind: 'video',
  source: { url: '/media/a.mp4', frameRate: 30, proxy: { url: '/media/a.proxy.mp4', height: 720 } },
  layout: { x: 0, y: 0, width: 1920, height: 1080, order: 0 },
  clips: [{ startMs: 0, inMs: 0 }],
  visible: true,
  ...overrides,
});

describe('the preview rendition policy', () => {
  it('plays the proxy of a track that is not selected', () => {
    expect(previewRendition(track(), false, 'auto')).toBe('proxy');
  });

  it('plays the original of the selected track drawn taller than its proxy', () => {
    expect(previewRendition(track(), true, 'auto')).toBe('original');
  });

  it('keeps the proxy for a selected track drawn no taller than the proxy', () => {
    const small = track({ layout: { x: 0, y: 0, width: 640, height: 360, order: 0 } });
    expect(previewRendition(small, true, 'auto')).toBe('proxy');
  });

  it('judges the height a selected layer is drawn at, as its look scales its box', () => {
    const small = { x: 0, y: 0, width: 640, height: 360, order: 0 };
    expect(previewRendition(track({ layout: small, look: { scale: { x: 2.5, y: 2.5 } } }), true, 'auto')).toBe('original');
    expect(previewRendition(track({ look: { scale: { x: 0.5, y: 0.5 } } }), true, 'auto')).toBe('proxy');
  });

  it('plays the original of a track with no proxy, and follows always and never', () => {
    expect(previewRendition(track({ source: { url: '/media/a.mp4' } }), false, 'always')).toBe('original');
    expect(previewRendition(track(), true, 'always')).toBe('proxy');
    expect(previewRendition(track(), false, 'never')).toBe('original');
  });

  it('gives the proxy the original timing, and the original reference unchanged for export', () => {
    const subject = track();
    expect(renditionReference(subject, 'proxy')).toEqual({ url: '/media/a.proxy.mp4', mimeType: undefined, frameRate: 30 });
    expect(renditionReference(subject, 'original')).toBe(subject.source);
  });
});

describe('given a track with a preview proxy', () => {
  const files = { 'a.mp4': clipBytes, 'a.proxy.mp4': otherClipBytes };
  const add = (harness: ReturnType<typeof createHarness>, height = 1080) =>
    harness.store.dispatch(
      trackAdded({
        id: 'a',
        name: 'A',
        source: { url: harness.media.urlOf('a.mp4'), proxy: { url: harness.media.urlOf('a.proxy.mp4'), height: 720 } },
        layout: { width: 1920, height },
      }),
    );
  const requestedFiles = (harness: ReturnType<typeof createHarness>) =>
    [...new Set(harness.media.requests.map((request) => request.url.split('/').at(-1)))].sort();

  it('loads only the proxy while it is not selected', async () => {
    const harness = createHarness({ files });
    add(harness);
    await waitFor(() => harness.status('a') === 'ready', 'ready');
    expect(selectLoadState(harness.store.getState(), 'a').source?.rendition).toBe('proxy');
    expect(requestedFiles(harness)).toEqual(['a.proxy.mp4']);
    harness.stop();
  });

  it('after it is selected, switches to the original without leaving ready, and releases the proxy', async () => {
    const urls = watchObjectUrls();
    const harness = createHarness({ files });
    add(harness);
    await waitFor(() => harness.status('a') === 'ready', 'ready');
    const statuses: string[] = [];
    const unsubscribe = harness.store.subscribe(() => statuses.push(harness.status('a')));

    harness.store.dispatch(trackSelected('a'));
    await waitFor(() => selectLoadState(harness.store.getState(), 'a').source?.rendition === 'original', 'on the original');
    await settle();
    expect(new Set(statuses)).toEqual(new Set(['ready']));
    const proxyKey = sourceKeys.source({ url: harness.media.urlOf('a.proxy.mp4') });
    expect(harness.queryClient.getQueryCache().find({ queryKey: proxyKey }), 'the proxy left the cache').toBeUndefined();
    expect(urls.live.size, 'object URLs held').toBe(1);
    // The host still reads the original, whatever the preview plays.
    expect(selectTrackById(harness.store.getState(), 'a')?.source?.url).toBe(harness.media.urlOf('a.mp4'));

    harness.store.dispatch(trackSelected(null));
    await waitFor(() => selectLoadState(harness.store.getState(), 'a').source?.rendition === 'proxy', 'back on the proxy');
    await settle();
    expect(urls.live.size, 'object URLs held').toBe(1);
    unsubscribe();
    harness.stop();
  });

  it('plays the original, with a note, when the proxy cannot be had', async () => {
    const harness = createHarness({ files, faults: { 'a.proxy.mp4': { kind: 'status', status: 404 } } });
    add(harness);
    await waitFor(() => harness.status('a') === 'ready', 'ready');
    const { source } = selectLoadState(harness.store.getState(), 'a');
    expect(source?.rendition).toBe('original');
    expect(source?.note).toMatch(/preview proxy could not be loaded/);
    harness.stop();
  });

  it('switches to a proxy the host adds once it is made', async () => {
    const harness = createHarness({ files });
    harness.store.dispatch(trackAdded({ id: 'a', name: 'A', source: { url: harness.media.urlOf('a.mp4') } }));
    await waitFor(() => harness.status('a') === 'ready', 'ready');
    expect(selectLoadState(harness.store.getState(), 'a').source?.rendition).toBe('original');
    harness.store.dispatch(trackProxyChanged({ id: 'a', proxy: { url: harness.media.urlOf('a.proxy.mp4') } }));
    await waitFor(() => selectLoadState(harness.store.getState(), 'a').source?.rendition === 'proxy', 'on the proxy');
    harness.stop();
  });

  it('with the policy never, loads only the original', async () => {
    const harness = createHarness({ files, sourceOptions: { proxies: 'never' } });
    add(harness);
    await waitFor(() => harness.status('a') === 'ready', 'ready');
    expect(requestedFiles(harness)).toEqual(['a.mp4']);
    harness.stop();
  });
});

it('a store keeps the proxy a host gives a track, and drops it when taken away', () => {
  const store = createCompositorStore();
  store.dispatch(trackAdded({ id: 'a', name: 'A', source: { url: '/a.mp4' } }));
  store.dispatch(trackProxyChanged({ id: 'a', proxy: { url: '/a.proxy.mp4', height: 540 } }));
  expect(selectTrackById(store.getState(), 'a')?.source?.proxy).toEqual({ url: '/a.proxy.mp4', height: 540 });
  store.dispatch(trackProxyChanged({ id: 'a', proxy: undefined }));
  expect(selectTrackById(store.getState(), 'a')?.source).toEqual({ url: '/a.mp4' });
});
