import { QueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { createRoot } from 'react-dom/client';
import {
  blobResolver,
  usePlaybackClock,
  type ClockReader,
  type PlaybackConfig,
  CompositeView,
  CompositorProvider,
  createCompositorStore,
  defaultResolvers,
  playbackPaused,
  playbackStarted,
  playheadSeeked,
  trackAdded,
  trackHidden,
  createCanvasRenderer,
} from '../../src';
import { clipAt, selectCompositeRunning, selectVisibleTracksInPaintOrder, sourceTimeAt, useRenderer } from '../../src/renderer';
import type { CanvasSession } from '../../src/render/canvas';
import { canvasPixels, fitted, onCanvas, readFrameCode } from '../../stories/support/frameCode';
// Every VideoFrame a decoder gives out, and its close, counted from outside the kit.
import { videoFrames } from '../../stories/support/videoFrameWatch';
import { mountFloor, mountNaive } from './baselines';
import { animatedClip, cell, readParams, styledLook } from './strategies';

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
/** What a cut leaves out of each track's source (`cut` scenarios): the frames from the cut to 4 s on. */
const cutSkipMs = 4000;
// The kit's master clock, read as a host would: the playhead moves there, not in the store.
let clock: ClockReader | undefined;
function ClockProbe() {
  const reader = usePlaybackClock();
  useEffect(() => {
    clock = reader;
  }, [reader]);
  return null;
}
// The canvas renderer's session: what its last draw showed, read as the bench's own probe.
let canvasSession: CanvasSession | undefined;
function RendererProbe() {
  const { renderer, session } = useRenderer();
  useEffect(() => {
    if (renderer.name === 'canvas') canvasSession = session as CanvasSession;
  }, [renderer, session]);
  return null;
}
// The kit's own checks of each element against its clock, counted by what they did.
const corrections: Record<string, number> = { 'in-sync': 0, nudge: 0, seek: 0 };
const playbackOptions: PlaybackConfig = {
  onSyncSample: (sample) => (corrections[sample.correction] += 1),
};

if (params.strategy === 'naive') void mountNaive(stage, params);
if (params.strategy === 'floor') mountFloor(stage, params);
const kitStrategies: string[] = ['lazy', 'streaming', 'budget', 'proxy', 'canvas', 'canvas-page', 'canvas-direct'];
if (kitStrategies.includes(params.strategy)) {
  const kitStore = createCompositorStore();
  store = kitStore;
  params.urls.forEach((url, index) =>
    kitStore.dispatch(
      trackAdded({
        id: `t${index}`,
        name: `Track ${index + 1}`,
        // The kit's default proxy policy: no track is selected, so each plays the proxy.
        source: params.proxyUrl ? { url, proxy: { url: params.proxyUrl, height: 720 } } : { url },
        layout: cell(index, params.tracks),
        ...(params.styled ? { look: styledLook(index) } : {}),
        visible: params.hideAfterLoad || index < params.visible,
        ...(params.cutMs === undefined
          ? { clip: { startMs: 0, inMs: 0, outMs: 600_000, ...(params.animated ? { animation: animatedClip(index) } : {}) } }
          : { clips: [{ startMs: 0, inMs: 0, outMs: params.cutMs }, { startMs: params.cutMs, inMs: params.cutMs + cutSkipMs, outMs: params.cutMs + cutSkipMs + 4000 }] }),
      }),
    ),
  );
  const resolvers = params.strategy === 'lazy' ? [blobResolver] : defaultResolvers;
  // Only the budget strategy has one; the others measure every visible track holding a decoder.
  const decoderBudget = { maxDecoders: params.strategy === 'budget' ? params.decoders : Number.POSITIVE_INFINITY };
  createRoot(stage).render(
    <CompositorProvider
      store={kitStore}
      queryClient={new QueryClient()}
      config={{ sources: { resolvers, decoderBudget }, playback: playbackOptions, ...(params.strategy.startsWith('canvas') ? { renderer: createCanvasRenderer({ drawIn: params.strategy === 'canvas-page' ? 'page' : 'worker', framePath: params.strategy === 'canvas-direct' ? 'direct' : 'auto' }) } : {}) }}
    >
      <div style={{ width: 1280 }}>
        <CompositeView width={1280} height={720} />
      </div>
      <ClockProbe />
      <RendererProbe />
    </CompositorProvider>,
  );
}

function allShowFrames(): boolean {
  if (params.strategy.startsWith('canvas')) {
    // Every visible track on the canvas at exactly the frame its clip names.
    const drawn = canvasSession?.lastDraw();
    return drawn !== undefined && drawn.onClip === Math.min(params.visible, params.tracks) && drawn.exact === drawn.onClip;
  }
  const videos = visibleVideos();
  return videos.length === Math.min(params.visible, params.tracks, params.decoders) && videos.every((video) => video.readyState >= 2 && !video.seeking);
}

const bench = {
  params,
  /** ms after navigation when every visible track first showed a frame. */
  readyAt: undefined as number | undefined,
  liveVideos: () => canvasSession?.liveDecoders() ?? [...document.querySelectorAll('video')].filter((video) => video.currentSrc !== '').length,
  heap: () => (performance as Performance & { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0,
  /** Decoded `VideoFrame`s not closed yet (WebCodecs' decoders only; elements decode elsewhere). */
  openVideoFrames: () => videoFrames?.open.size ?? 0,
  /** Seeks every visible track and resolves with the ms until all show the new frame. */
  async seek(seconds: number): Promise<number> {
    const started = performance.now();
    if (store) store.dispatch(playheadSeeked(seconds * 1000));
    else for (const video of visibleVideos()) video.currentTime = seconds;
    await new Promise((resolve) => setTimeout(resolve, 50));
    // The canvas says a layer is exact only at the playhead's frame: no element times to compare.
    while (!(allShowFrames() && (params.strategy.startsWith('canvas') || visibleVideos().every((video) => Math.abs(video.currentTime - seconds) < 0.5)))) {
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
  /**
   * Plays for `seconds` and reads, every animation frame while the composite runs, each visible
   * track's element against the playhead (in frames), the widest gap between tracks, and how
   * long the composite stood waiting for a buffering track. Reads the DOM and the store only.
   */
  async syncRun(seconds: number, frameRate = 30) {
    if (!store) throw new Error('syncRun needs a kit strategy');
    const kit = store;
    const tracks = selectVisibleTracksInPaintOrder(kit.getState());
    const drift: number[] = [];
    const driftAfterFirstSecond: number[] = [];
    const presentedDrift: number[] = [];
    const spread: number[] = [];
    let waitingMs = 0;
    for (const key of Object.keys(corrections)) corrections[key] = 0;
    // The playhead at a display time, from the clock's reading at the last animation frame and the wall clock since.
    const playheadNow = () => clock?.playheadAt() ?? 0;
    let reading = { at: performance.now(), playheadMs: playheadNow(), running: false };
    const watched = new Map<HTMLVideoElement, number>();
    const watchFrames = (video: HTMLVideoElement, trackId: string) => {
      if (watched.has(video)) return;
      const track = tracks.find((candidate) => candidate.id === trackId);
      const onFrame: VideoFrameRequestCallback = (_now, metadata) => {
        watched.set(video, video.requestVideoFrameCallback(onFrame));
        if (!reading.running || !track) return;
        const playheadMs = reading.playheadMs + (metadata.expectedDisplayTime - reading.at);
        const clip = clipAt(track.clips, playheadMs);
        if (!clip) return;
        // Frames between the one on screen and the one the playhead names.
        const named = Math.floor(sourceTimeAt(clip, playheadMs) * frameRate + 1e-6);
        presentedDrift.push(Math.abs(Math.round(metadata.mediaTime * frameRate) - named));
      };
      watched.set(video, video.requestVideoFrameCallback(onFrame));
    };
    // Under the canvas renderer there are no element times: the frame each layer shows is read
    // from the canvas's pixels (the frame-coded fixtures), once each animation frame's drawing is done.
    const composite = canvasSession ? document.querySelector<HTMLCanvasElement>('[aria-label="Composite"] canvas') : null;
    const framesOnCanvas = (playheadMs: number) => {
      const pixels = canvasPixels(composite as HTMLCanvasElement);
      const drifts: number[] = [];
      for (const track of tracks) {
        const clip = clipAt(track.clips, playheadMs);
        if (!clip) continue;
        const shown = readFrameCode(pixels, fitted(onCanvas(composite as HTMLCanvasElement, { width: 1280, height: 720 }, track.layout), 16 / 9));
        drifts.push(shown - Math.floor(sourceTimeAt(clip, playheadMs) * frameRate + 1e-6));
      }
      return drifts;
    };
    const qualityBefore = bench.quality();
    kit.dispatch(playbackStarted());
    const started = performance.now();
    let last = started;
    let frameInterval = 1000 / 60;
    let previousFrame: number | undefined;
    while (performance.now() - started < seconds * 1000) {
      const now = await new Promise<number>((resolve) => requestAnimationFrame(resolve));
      if (previousFrame !== undefined) frameInterval = now - previousFrame;
      previousFrame = now;
      const state = kit.getState();
      const running = selectCompositeRunning(state);
      reading = { at: now, playheadMs: clock?.playheadAt(now) ?? 0, running };
      if (!running) {
        waitingMs += now - last;
        last = now;
        continue;
      }
      last = now;
      const frameDrifts: number[] = [];
      if (composite) {
        await new Promise((resolve) => setTimeout(resolve, 0));
        // What was drawn in this animation frame goes on screen about one frame later: compared
        // with the playhead then, as an element's frames are at their expected display time.
        const drifts = framesOnCanvas(clock?.playheadAt(now + frameInterval) ?? 0);
        // Every composite drawn is a frame on screen; its spread between layers does not depend on
        // the playhead reading, only on what each layer shows.
        presentedDrift.push(...drifts.map(Math.abs));
        frameDrifts.push(...drifts);
      }
      for (const track of composite ? [] : tracks) {
        const clip = clipAt(track.clips, reading.playheadMs);
        const video = document.querySelector<HTMLVideoElement>(`video[data-track-id="${track.id}"][data-active]`);
        if (!clip || !video) continue;
        watchFrames(video, track.id);
        frameDrifts.push((video.currentTime - sourceTimeAt(clip, reading.playheadMs)) * frameRate);
      }
      drift.push(...frameDrifts.map(Math.abs));
      if (now - started > 1000) driftAfterFirstSecond.push(...frameDrifts.map(Math.abs));
      if (frameDrifts.length > 1) spread.push(Math.max(...frameDrifts) - Math.min(...frameDrifts));
    }
    const wallMs = performance.now() - started;
    kit.dispatch(playbackPaused());
    for (const [video, handle] of watched) video.cancelVideoFrameCallback(handle);
    const qualityAfter = bench.quality();
    return {
      drift,
      driftAfterFirstSecond,
      presentedDrift,
      spread,
      waitingMs,
      wallMs,
      playheadMs: playheadNow(),
      corrections: { ...corrections },
      droppedShare: (qualityAfter.dropped - qualityBefore.dropped) / Math.max(1, qualityAfter.total - qualityBefore.total),
    };
  },
  /**
   * Plays through each track's cut (`cut` in the query) and measures, per track, how long the last
   * frame before the cut stayed on screen before the first frame after it replaced it, in ms (one
   * frame, 33 ms, is a cut on time). From what is on screen: each element's presented frames
   * (`requestVideoFrameCallback`, at their display times), or the canvas's pixels each animation frame.
   */
  async cutRun(frameRate = 30) {
    if (!store || params.cutMs === undefined) throw new Error('cutRun needs a kit strategy and a cut');
    const kit = store;
    const cutMs = params.cutMs;
    const tracks = selectVisibleTracksInPaintOrder(kit.getState());
    const lastBefore = Math.ceil((cutMs * frameRate) / 1000) - 1;
    const firstAfter = Math.floor(((cutMs + cutSkipMs) * frameRate) / 1000);
    /** Per track: when each frame was first on screen. */
    const seen = new Map<string, { frame: number; at: number }[]>(tracks.map((track) => [track.id, []]));
    const note = (trackId: string, frame: number, at: number) => {
      const list = seen.get(trackId) as { frame: number; at: number }[];
      if (list.at(-1)?.frame !== frame) list.push({ frame, at });
    };
    const watched = new Map<HTMLVideoElement, number>();
    const composite = canvasSession ? document.querySelector<HTMLCanvasElement>('[aria-label="Composite"] canvas') : null;
    kit.dispatch(playbackStarted());
    const started = performance.now();
    // Until the playhead is a second past the cut (the composite may wait for a layer there), at most 15 s.
    while ((clock?.playheadAt() ?? 0) < cutMs + 1000 && performance.now() - started < 15_000) {
      const now = await new Promise<number>((resolve) => requestAnimationFrame(resolve));
      if (composite) {
        await new Promise((resolve) => setTimeout(resolve, 0));
        const pixels = canvasPixels(composite);
        for (const track of tracks) {
          const frame = readFrameCode(pixels, fitted(onCanvas(composite, { width: 1280, height: 720 }, track.layout), 16 / 9));
          if (frame > 0) note(track.id, frame, now);
        }
        continue;
      }
      for (const video of document.querySelectorAll<HTMLVideoElement>('video[data-track-id]')) {
        if (watched.has(video)) continue;
        const trackId = video.dataset.trackId as string;
        const onFrame: VideoFrameRequestCallback = (_now, metadata) => {
          watched.set(video, video.requestVideoFrameCallback(onFrame));
          if (video.dataset.active !== undefined) note(trackId, Math.round(metadata.mediaTime * frameRate), metadata.expectedDisplayTime);
        };
        watched.set(video, video.requestVideoFrameCallback(onFrame));
      }
    }
    kit.dispatch(playbackPaused());
    for (const [video, handle] of watched) video.cancelVideoFrameCallback(handle);
    const holds: number[] = [];
    for (const list of seen.values()) {
      const after = list.findIndex(({ frame }) => frame >= firstAfter);
      const before = list.slice(0, Math.max(0, after)).findLast(({ frame }) => frame <= lastBefore);
      if (after > 0 && before) holds.push(list[after].at - before.at);
    }
    return { holds, tracks: tracks.length };
  },
  quality() {
    if (canvasSession) {
      const { shown, skipped } = canvasSession.frameCounts();
      return { dropped: skipped, total: shown + skipped };
    }
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

/** Loads every track, hides all but the first `visible`, and is ready once their elements are gone. */
function loadThenHide() {
  const kit = store;
  if (!kit) return;
  const videos = visibleVideos();
  if (videos.length < params.tracks || !videos.every((video) => video.readyState >= 2)) {
    setTimeout(loadThenHide, 20);
    return;
  }
  for (let index = params.visible; index < params.tracks; index += 1) kit.dispatch(trackHidden(`t${index}`));
  const released = () => {
    if (bench.liveVideos() === params.visible && allShowFrames()) bench.readyAt = performance.now();
    else setTimeout(released, 20);
  };
  released();
}

if (params.hideAfterLoad) loadThenHide();
else watchReady();
