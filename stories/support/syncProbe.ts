import { expect, waitFor } from 'storybook/test';
import type { ClipTiming } from '../../src';
import { clipAt } from '../../src/renderer';
import { frameCodeOfVideo } from './frameCode';
import { patience, playheadOf, rendererOf, shownFrame, shownTime, videoOf } from './playHelpers';

export interface TrackTiming {
  id: string;
  clips: ClipTiming[];
}

export interface SyncReading {
  /** Per track, the time of the frame on screen minus the time the playhead names, in frames, one per animation frame. */
  driftFrames: Record<string, number[]>;
  /** Per animation frame, the widest gap between two tracks, in frames. */
  spreadFrames: number[];
}

const nextAnimationFrame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve));

/**
 * Reads, every animation frame for `frames` frames, the frame each track shows on the composite
 * (`shownTime`, whichever renderer) against the playhead the timeline shows: what a person would
 * see as tracks out of step. Reads the DOM and pixels only, never the kit's own drift figures.
 */
export async function readSync(root: HTMLElement, tracks: TrackTiming[], frames: number, frameRate = 30): Promise<SyncReading> {
  const driftFrames: Record<string, number[]> = Object.fromEntries(tracks.map((track) => [track.id, []]));
  const spreadFrames: number[] = [];
  const canvas = rendererOf(root) === 'canvas';
  for (let index = 0; index < frames; index += 1) {
    await nextAnimationFrame();
    // The canvas is drawn in an animation frame callback of its own: read it once they have all run.
    if (canvas) await new Promise((resolve) => setTimeout(resolve, 0));
    const playheadMs = playheadOf(root);
    const drifts: number[] = [];
    for (const track of tracks) {
      const shown = shownTime(root, track.id, frameRate);
      if (!clipAt(track.clips, playheadMs) || shown === undefined) continue;
      const drift = ((timelineTimeOf(track.clips, shown, playheadMs) - playheadMs) / 1000) * frameRate;
      driftFrames[track.id].push(drift);
      drifts.push(drift);
    }
    if (drifts.length > 1) spreadFrames.push(Math.max(...drifts) - Math.min(...drifts));
  }
  return { driftFrames, spreadFrames };
}

/**
 * Where on the timeline a track shows source time `seconds`: through each clip holding that time,
 * the one nearest the playhead. So a picture a moment past a cut (already the next clip's first
 * frame, or still the last of the clip before) is that moment off, not the distance between the
 * two clips' sources; a track showing a frame of its source far from where the playhead is reads
 * as far off.
 */
function timelineTimeOf(clips: ClipTiming[], seconds: number, playheadMs: number): number {
  const sourceMs = seconds * 1000;
  let nearest = Number.POSITIVE_INFINITY;
  for (const clip of clips) {
    const at = clip.startMs + sourceMs - clip.inMs;
    // A frame starting up to a frame before the clip's in point still shows at its start.
    if (sourceMs < clip.inMs - 1000 / 30 || (clip.outMs !== undefined && sourceMs >= clip.outMs)) continue;
    if (Math.abs(at - playheadMs) < Math.abs(nearest - playheadMs)) nearest = at;
  }
  return Number.isFinite(nearest) ? nearest : sourceMs;
}

export const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? Number.NaN : sorted[Math.floor(sorted.length / 2)];
};

/**
 * Watches the frames a track of a frame-coded fixture shows, read off the picture: under the
 * element renderer at each frame its element presents (its frame callback), under the canvas
 * renderer off the canvas every animation frame. Start before a seek; `last()` is then the frame
 * on screen once it landed.
 */
export function watchFramesShown(root: HTMLElement, trackId: string, frameRate = 30) {
  let last: number | undefined;
  if (rendererOf(root) === 'canvas') {
    let polling = requestAnimationFrame(function poll() {
      last = shownFrame(root, trackId, frameRate) ?? last;
      polling = requestAnimationFrame(poll);
    });
    return { last: () => last, stop: () => cancelAnimationFrame(polling) };
  }
  const video = videoOf(root, trackId) as HTMLVideoElement;
  let handle = video.requestVideoFrameCallback(function onFrame() {
    last = frameCodeOfVideo(video);
    handle = video.requestVideoFrameCallback(onFrame);
  });
  return {
    last: () => last,
    stop: () => video.cancelVideoFrameCallback(handle),
  };
}

export interface PresentedFrame {
  /** When the frame went on screen, as `performance.now()`. */
  at: number;
  frame: number;
  /**
   * Presented by an element while it was seeking: a frame already on its way before the seek
   * (WebKitGTK presents one after `currentTime` is set), not one the seek landed on.
   */
  seeking?: boolean;
}

/**
 * Records every frame a track presents, to see how long the screen held one picture: a freeze is
 * a long gap between presented frames. Under the element renderer from every element of the track
 * (elements come and go at cuts), read off its picture (`frameInVideo`: by default the frame code)
 * at each frame its element presents, at the frame's expected display time. Under the canvas
 * renderer from the canvas, read once each animation frame's drawing is done (`frameOnCanvas`: by
 * default the frame code), a new frame recorded when it first appears, at the next frame's start
 * (when what was drawn goes on screen).
 */
export function recordPresentedFrames(
  root: HTMLElement,
  trackId: string,
  frameRate = 30,
  frameOnCanvas: (root: HTMLElement, trackId: string) => number | undefined = (at, id) => shownFrame(at, id, frameRate),
  frameInVideo: (video: HTMLVideoElement) => number = frameCodeOfVideo,
) {
  const frames: PresentedFrame[] = [];
  if (rendererOf(root) === 'canvas') {
    let previousStart: number | undefined;
    let reading: ReturnType<typeof setTimeout> | undefined;
    let polling = requestAnimationFrame(function poll(start) {
      const interval = previousStart === undefined ? 1000 / 60 : start - previousStart;
      previousStart = start;
      // A task after this frame's callbacks, so the renderer has drawn whatever it draws in it.
      reading = setTimeout(() => {
        const frame = frameOnCanvas(root, trackId);
        if (frame !== undefined && frame !== frames.at(-1)?.frame) frames.push({ at: start + interval, frame });
      }, 0);
      polling = requestAnimationFrame(poll);
    });
    return {
      frames,
      stop() {
        cancelAnimationFrame(polling);
        clearTimeout(reading);
      },
    };
  }
  const watched = new Map<HTMLVideoElement, number>();
  let polling = requestAnimationFrame(function poll() {
    for (const video of root.querySelectorAll<HTMLVideoElement>(`video[data-track-id="${trackId}"]`)) {
      if (watched.has(video)) continue;
      watched.set(
        video,
        video.requestVideoFrameCallback(function onFrame(_now, metadata) {
          // Only what is on screen counts: an element waiting for its clip is hidden.
          if (video.dataset.active !== undefined) frames.push({ at: metadata.expectedDisplayTime, frame: frameInVideo(video), seeking: video.seeking });
          watched.set(video, video.requestVideoFrameCallback(onFrame));
        }),
      );
    }
    polling = requestAnimationFrame(poll);
  });
  return {
    frames,
    stop() {
      cancelAnimationFrame(polling);
      for (const [video, handle] of watched) video.cancelVideoFrameCallback(handle);
    },
  };
}

/** Waits until the playhead the timeline shows has passed `ms`. */
export async function waitForPlayhead(root: HTMLElement, ms: number, timeout = 15_000): Promise<void> {
  await waitFor(() => expect(playheadOf(root)).toBeGreaterThanOrEqual(ms), { ...patience, timeout, interval: 20 });
}
