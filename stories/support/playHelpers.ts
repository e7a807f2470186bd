import { expect, waitFor } from 'storybook/test';
import { objectUrls } from './objectUrlWatch';

const patience = { timeout: 10_000 };

export function allVideos(root: HTMLElement): HTMLVideoElement[] {
  return [...root.querySelectorAll('video')];
}

export function videoOf(root: HTMLElement, trackId: string): HTMLVideoElement | null {
  return root.querySelector(`video[data-track-id="${trackId}"]`);
}

/** Waits until the track's `<video>` exists and has a frame to show. */
export async function waitForFrame(root: HTMLElement, trackId: string): Promise<HTMLVideoElement> {
  let video: HTMLVideoElement | null = null;
  await waitFor(() => {
    video = videoOf(root, trackId);
    expect(video, `video of ${trackId}`).not.toBeNull();
    expect(video?.readyState, `readyState of ${trackId}`).toBeGreaterThanOrEqual(HTMLMediaElement.HAVE_CURRENT_DATA);
  }, patience);
  return video as unknown as HTMLVideoElement;
}

/** Checks that a seek really landed: the media is seekable and the element sits at the target. */
export async function expectAtTime(video: HTMLVideoElement, seconds: number): Promise<void> {
  await waitFor(() => {
    expect(video.seekable.length).toBeGreaterThan(0);
    expect(video.seekable.end(0)).toBeGreaterThan(0);
    expect(video.seeking).toBe(false);
    expect(Math.abs(video.currentTime - seconds)).toBeLessThan(0.1);
  }, patience);
}

/** Counts object URLs made from now on, or from the last `restart()` (call it in `beforeEach`). */
export function countObjectUrlsFromHere() {
  let start = objectUrls.created;
  const made = () => objectUrls.created - start;
  made.restart = () => {
    start = objectUrls.created;
  };
  return made;
}

export const isLiveObjectUrl = (url: string) => objectUrls.live.has(url);

export { patience };
