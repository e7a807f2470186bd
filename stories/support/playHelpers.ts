import { expect, fireEvent, waitFor, within } from 'storybook/test';
import { objectUrls } from './objectUrlWatch';

const patience = { timeout: 10_000 };

export function allVideos(root: HTMLElement): HTMLVideoElement[] {
  return [...root.querySelectorAll('video')];
}

/** The track's element on screen (a track may also hold one waiting for the clip after a cut). */
export function videoOf(root: HTMLElement, trackId: string): HTMLVideoElement | null {
  return root.querySelector(`video[data-track-id="${trackId}"][data-active]`);
}

/** Where a pointer on the timeline is over timeline time `ms` (a quarter frame past it, so rounding of the pixel position cannot land a frame early). */
export function timelinePointerAt(root: HTMLElement, ms: number, frameRate = 30) {
  const lane = root.querySelector('[data-timeline-lane]') as HTMLElement;
  const slider = root.querySelector('[role="slider"][aria-label="Playhead"]') as HTMLElement;
  const spanMs = Math.max(Number(slider.getAttribute('aria-valuemax')), 1000);
  const box = lane.getBoundingClientRect();
  const clientX = box.left + ((ms + 250 / frameRate) / spanMs) * box.width;
  return { clientX, clientY: box.top + box.height / 2, button: 0, pointerId: 1, isPrimary: true };
}

/**
 * Drags the timeline's playhead to `ms` as a person does: press on the timeline at that point
 * and let go. The timeline maps the point back to time through its clip lane.
 */
export function scrubTo(root: HTMLElement, ms: number, frameRate = 30): void {
  const timeline = root.querySelector('[role="group"][aria-label="Timeline"]') as HTMLElement;
  const pointer = timelinePointerAt(root, ms, frameRate);
  fireEvent.pointerDown(timeline, pointer);
  fireEvent.pointerUp(timeline, pointer);
}

/**
 * Waits until a track nobody can see says why in its track row (Hidden, Off composite) and the
 * composite draws nothing of it, as an editor's viewer draws nothing of a hidden layer.
 */
export async function expectUnseen(root: HTMLElement, trackName: string, word: 'Hidden' | 'Off composite'): Promise<void> {
  const composite = root.querySelector('[role="region"][aria-label="Composite"]') as HTMLElement;
  await waitFor(() => {
    expect(within(root).getByLabelText(`${trackName} status`)).toHaveTextContent(word);
    expect(within(composite).queryByRole('group', { name: `${trackName} layer` })).toBeNull();
  }, patience);
}

/** The playhead as the timeline's slider announces it, in ms. */
export function playheadOf(root: HTMLElement): number {
  const slider = root.querySelector('[role="slider"][aria-label="Playhead"]') as HTMLElement;
  return Number(slider.getAttribute('aria-valuenow'));
}

/** Waits until the track's `<video>` exists and has a frame to show. */
export async function waitForFrame(root: HTMLElement, trackId: string, timeout = patience.timeout): Promise<HTMLVideoElement> {
  let video: HTMLVideoElement | null = null;
  await waitFor(() => {
    video = videoOf(root, trackId);
    expect(video, `video of ${trackId}`).not.toBeNull();
    expect(video?.readyState, `readyState of ${trackId}`).toBeGreaterThanOrEqual(HTMLMediaElement.HAVE_CURRENT_DATA);
  }, { timeout });
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
