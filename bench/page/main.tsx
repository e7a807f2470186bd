import { QueryClient } from '@tanstack/react-query';
import { createRoot } from 'react-dom/client';
import {
  blobResolver,
  CompositeCanvas,
  CompositorProvider,
  createCompositorStore,
  defaultResolvers,
  playbackPaused,
  playbackStarted,
  playheadSeeked,
  trackAdded,
} from '../../src';
import { mountFloor, mountNaive } from './baselines';
import { cell, readParams } from './strategies';

const params = readParams(location.search);
const root = document.getElementById('root') as HTMLElement;
const stage = document.createElement('div');
Object.assign(stage.style, { position: 'relative', width: '1280px', height: '720px', overflow: 'hidden' });
root.append(stage);

const visibleVideos = () =>
  [...document.querySelectorAll('video')].filter(
    (video) => video.dataset.visible === 'true' || (video.dataset.trackId !== undefined && video.checkVisibility()),
  );

let store: ReturnType<typeof createCompositorStore> | undefined;

if (params.strategy === 'naive') void mountNaive(stage, params);
if (params.strategy === 'floor') mountFloor(stage, params);
if (params.strategy === 'lazy' || params.strategy === 'streaming') {
  const kitStore = createCompositorStore();
  store = kitStore;
  params.urls.forEach((url, index) =>
    kitStore.dispatch(
      trackAdded({
        id: `t${index}`,
        name: `Track ${index + 1}`,
        source: { url },
        layout: cell(index, params.tracks),
        visible: index < params.visible,
        clip: { startMs: 0, inMs: 0, outMs: 600_000 },
      }),
    ),
  );
  const resolvers = params.strategy === 'lazy' ? [blobResolver] : defaultResolvers;
  createRoot(stage).render(
    <CompositorProvider store={kitStore} queryClient={new QueryClient()} sourceOptions={{ resolvers }}>
      <div style={{ width: 1280 }}>
        <CompositeCanvas width={1280} height={720} />
      </div>
    </CompositorProvider>,
  );
}

function allShowFrames(): boolean {
  const videos = visibleVideos();
  return videos.length === Math.min(params.visible, params.tracks) && videos.every((video) => video.readyState >= 2 && !video.seeking);
}

const bench = {
  params,
  /** ms after navigation when every visible track first showed a frame. */
  readyAt: undefined as number | undefined,
  liveVideos: () => [...document.querySelectorAll('video')].filter((video) => video.currentSrc !== '').length,
  heap: () => (performance as Performance & { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0,
  /** Seeks every visible track and resolves with the ms until all show the new frame. */
  async seek(seconds: number): Promise<number> {
    const started = performance.now();
    if (store) store.dispatch(playheadSeeked(seconds * 1000));
    else for (const video of visibleVideos()) video.currentTime = seconds;
    await new Promise((resolve) => setTimeout(resolve, 50));
    while (!(allShowFrames() && visibleVideos().every((video) => Math.abs(video.currentTime - seconds) < 0.5))) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return performance.now() - started;
  },
  play() {
    if (store) store.dispatch(playbackStarted());
    else for (const video of visibleVideos()) void video.play();
  },
  pause() {
    if (store) store.dispatch(playbackPaused());
    else for (const video of visibleVideos()) video.pause();
  },
  quality() {
    return visibleVideos().reduce(
      (sum, video) => {
        const quality = video.getVideoPlaybackQuality();
        return { dropped: sum.dropped + quality.droppedVideoFrames, total: sum.total + quality.totalVideoFrames };
      },
      { dropped: 0, total: 0 },
    );
  },
};

(window as unknown as { __bench: typeof bench }).__bench = bench;

function watchReady() {
  if (params.strategy === 'empty' || allShowFrames()) bench.readyAt = performance.now();
  else setTimeout(watchReady, 20);
}
watchReady();
