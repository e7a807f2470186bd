import { describe, expect, it } from 'vitest';
import { clipBytes, createHarness, settle, serveMediaDuringTests } from './support/compositorHarness';
import { watchObjectUrls } from './support/objectUrls';
import {
  blobResolver,
  defaultResolvers,
  hostProtocolResolver,
  readSourceUsage,
  registerMediaFile,
  sourceKeys,
  unregisterMediaFile,
  urlTemplateResolver,
  startSourceLoader,
  type ResolvedSource,
} from '../src/sources';
import { selectLoadState, trackAdded, trackHidden } from '../src/state';

serveMediaDuringTests();

async function until(check: () => boolean, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await settle(5);
  }
}

const streaming = { resolvers: defaultResolvers };

describe('given a server that answers Range requests', () => {
  it('streams the URL after one two-byte probe, holding no bytes and no object URL', async () => {
    const urls = watchObjectUrls();
    const harness = createHarness({ sourceOptions: streaming });
    const [a, b] = harness.addTracks(2);
    await until(() => harness.status(a) === 'ready' && harness.status(b) === 'ready');
    expect(harness.media.requests).toEqual([expect.objectContaining({ range: 'bytes=0-1', status: 206 })]);
    const source = harness.queryClient.getQueryData<ResolvedSource>(sourceKeys.source({ url: harness.media.urlOf('clip.mp4') }));
    expect(source).toMatchObject({ kind: 'range', url: harness.media.urlOf('clip.mp4'), crossOrigin: 'anonymous', bytesHeld: 0 });
    expect(selectLoadState(harness.store.getState(), a).source).toEqual({ kind: 'range', rendition: 'original' });
    expect(urls.created).toBe(0);
    harness.stop();
  });
});

describe('given a server that ignores Range', () => {
  it('falls back to one shared Blob and says why in the load state', async () => {
    const harness = createHarness({ sourceOptions: streaming, faults: { 'clip.mp4': { kind: 'ignore-range' } } });
    const [id] = harness.addTracks(1);
    await until(() => harness.status(id) === 'ready');
    expect(selectLoadState(harness.store.getState(), id).source).toEqual({
      kind: 'blob',
      rendition: 'original',
      note: 'The media server ignores byte ranges: the video could not seek, and would restart from the beginning. Loaded whole instead.',
    });
    expect(harness.usage()).toEqual({ sourcesHeld: 1, bytesHeld: clipBytes.byteLength });
    harness.stop();
  });

  it('tells a server that claims ranges but sends everything apart from one that does not', async () => {
    const harness = createHarness({
      sourceOptions: { ...streaming, rangeFallback: 'error' },
      faults: { 'clip.mp4': { kind: 'ignore-range', advertise: true } },
    });
    const [id] = harness.addTracks(1);
    await until(() => harness.status(id) === 'error');
    expect(selectLoadState(harness.store.getState(), id).error).toEqual({
      kind: 'no-range-support',
      message: 'The media server claims to serve byte ranges but sent the whole file: every seek would download it again.',
    });
    expect(harness.usage().sourcesHeld).toBe(0);
    harness.stop();
  });
});

describe('given a file the user picked', () => {
  it('plays an object URL of the File itself and revokes it when the track is hidden', async () => {
    const urls = watchObjectUrls();
    const harness = createHarness({ sourceOptions: streaming });
    const reference = registerMediaFile(new File([clipBytes], 'picked.mp4', { type: 'video/mp4' }));
    harness.store.dispatch(trackAdded({ id: 'picked', name: 'Picked', source: reference }));
    await until(() => harness.status('picked') === 'ready');
    expect(urls.live.size).toBe(1);
    // A File from disk is not copied into memory.
    expect(readSourceUsage(harness.queryClient)).toEqual({ sourcesHeld: 1, bytesHeld: 0 });
    expect(harness.media.requests).toHaveLength(0);
    harness.store.dispatch(trackHidden('picked'));
    await settle();
    expect(urls.live.size).toBe(0);
    unregisterMediaFile(reference);
    harness.stop();
  });

  it('fails with not-found once the file is unregistered', async () => {
    const harness = createHarness({ sourceOptions: streaming });
    const reference = registerMediaFile(new Blob([clipBytes]));
    unregisterMediaFile(reference);
    harness.store.dispatch(trackAdded({ id: 'gone', name: 'Gone', source: reference }));
    await until(() => harness.status('gone') === 'error');
    expect(selectLoadState(harness.store.getState(), 'gone').error?.kind).toBe('not-found');
    harness.stop();
  });
});

describe('given a desktop shell with its own media protocol', () => {
  it('maps a media path with the host function and streams the mapped URL', async () => {
    const harness = createHarness();
    const mapped: string[] = [];
    const resolver = hostProtocolResolver({
      toUrl: (path) => {
        mapped.push(path);
        return harness.media.urlOf(path.split('/').pop() as string);
      },
    });
    harness.stop();
    const restart = startSourceLoader(harness.store, harness.queryClient, { resolvers: [resolver, ...defaultResolvers], maxRetries: 0 });
    harness.store.dispatch(trackAdded({ id: 'desk', name: 'Desk', source: { url: '/Users/me/Movies/clip.mp4' } }));
    await until(() => harness.status('desk') === 'ready');
    expect(mapped).toEqual(['/Users/me/Movies/clip.mp4']);
    expect(selectLoadState(harness.store.getState(), 'desk').source).toEqual({ kind: 'host', rendition: 'original' });
    restart();
  });

  it('builds URLs from a template, encoding each path segment', () => {
    const resolver = urlTemplateResolver('http://127.0.0.1:8787/{path}');
    expect(resolver.accepts({ url: 'C:/Videos/a b.mp4' })).toBe(true);
    expect(resolver.accepts({ url: '/Users/me/a b.mp4' })).toBe(true);
    expect(resolver.accepts({ url: 'https://cdn.example/a.mp4' })).toBe(false);
  });

  it('refuses a reference no resolver accepts, with a clear error', async () => {
    const harness = createHarness({ sourceOptions: { resolvers: [blobResolver] } });
    harness.store.dispatch(trackAdded({ id: 'odd', name: 'Odd', source: { url: 'asset://odd.mp4' } }));
    await until(() => harness.status('odd') === 'error');
    expect(selectLoadState(harness.store.getState(), 'odd').error).toEqual({
      kind: 'unsupported',
      message: 'No source resolver accepts asset://odd.mp4. Configure one for it.',
    });
    harness.stop();
  });
});
